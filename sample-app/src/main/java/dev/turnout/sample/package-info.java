/** A small task application showing the whole life of a flag. */
package dev.turnout.sample;
