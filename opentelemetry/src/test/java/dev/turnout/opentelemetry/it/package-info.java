/** Integration tests: a processed application's gated methods under the agent, with events on. */
package dev.turnout.opentelemetry.it;
