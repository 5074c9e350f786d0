/**
 * What Turnout's own extension modules (turnout-junit, turnout-openfeature, turnout-micrometer) need from
 * the runtime beyond its public API: thread-scoped pins and read access to the catalog in force. Not an API.
 */
package dev.turnout.internal.ext;
