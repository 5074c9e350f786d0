/** A test application for the agent integration tests with {@code source=etcd://...}. */
package dev.turnout.etcd.it;
