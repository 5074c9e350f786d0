/** Turnout's public API: gate methods with {@link dev.turnout.FeatureFlag}, check flags with {@link dev.turnout.Turnout}. */
package dev.turnout;
