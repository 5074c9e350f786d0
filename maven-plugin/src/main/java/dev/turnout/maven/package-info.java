/**
 * The {@code turnout:check} and {@code turnout:stale} goals, which fail a build on an invalid catalog or
 * on stale flags, and {@code turnout:fingerprint}, which makes a catalog change recompile the module.
 */
package dev.turnout.maven;
