/** Integration tests: fixture test classes run in a JVM started with the agent. */
package dev.turnout.junit.it;
