/** OpenFeature for Turnout: {@link dev.turnout.openfeature.TurnoutProvider} evaluates OpenFeature calls with Turnout's engine. */
package dev.turnout.openfeature;
