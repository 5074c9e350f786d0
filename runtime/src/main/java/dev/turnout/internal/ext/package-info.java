/**
 * What Turnout's own extension modules (turnout-junit, turnout-openfeature, turnout-micrometer, turnout-ofrep)
 * need from the runtime beyond its public API: thread-scoped pins, read access to the catalog in force, and a
 * flag's metadata as OpenFeature carries it. Not an API.
 */
package dev.turnout.internal.ext;
