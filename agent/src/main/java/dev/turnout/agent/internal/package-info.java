/** The agent's internals: arguments, the class index, and the Byte Buddy transformation of gated methods. */
package dev.turnout.agent.internal;
