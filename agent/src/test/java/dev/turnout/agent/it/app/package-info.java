/** A small application with gated methods of every shape, started by the agent's integration tests. */
package dev.turnout.agent.it.app;
