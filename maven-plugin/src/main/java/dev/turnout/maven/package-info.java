/** The {@code turnout:check} and {@code turnout:stale} goals: fail a build on an invalid catalog or on stale flags. */
package dev.turnout.maven;
