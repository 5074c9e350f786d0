/** The agent's internals: arguments, the class index, and the ASM transformation of gated methods. */
package dev.turnout.agent.internal;
