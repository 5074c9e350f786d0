/** The agent's internals: arguments, the class index, and the transformation of gated methods (with the ASM that Byte Buddy bundles). */
package dev.turnout.agent.internal;
