/** Integration tests: real JVMs started with the built agent jar on -javaagent, or attached to. */
package dev.turnout.agent.it;
