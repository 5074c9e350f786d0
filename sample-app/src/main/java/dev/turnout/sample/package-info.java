/** A small task application showing the whole life of a feature flag: start-up and configuration. */
package dev.turnout.sample;
