/** Conversions between OpenFeature's and Turnout's contexts, values and reasons. Not an API. */
package dev.turnout.openfeature.internal;
