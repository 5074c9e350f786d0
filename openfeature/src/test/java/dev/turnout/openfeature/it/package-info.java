/** An application whose gated methods take their decisions from OpenFeature, run under the agent. */
package dev.turnout.openfeature.it;
