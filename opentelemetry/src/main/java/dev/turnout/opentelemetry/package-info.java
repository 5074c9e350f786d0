/** Turnout's evaluations as OpenTelemetry events: register a {@link dev.turnout.opentelemetry.TurnoutOpenTelemetry} listener. */
package dev.turnout.opentelemetry;
