/** What turnout-etcd's packages share: diagnosing etcd's failures, and text fit for messages. Not an API. */
package dev.turnout.etcd.internal;
