/** The {@code turnout} command line: check, list, usages, stale and remove flags. */
package dev.turnout.cli;
