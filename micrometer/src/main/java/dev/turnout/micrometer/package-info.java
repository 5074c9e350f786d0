/** Turnout's counters as Micrometer meters: bind a {@link dev.turnout.micrometer.TurnoutMetrics} to a registry. */
package dev.turnout.micrometer;
