/** The bridge that methods gated by the Turnout agent call to choose their track. */
package dev.turnout.internal.gate;
