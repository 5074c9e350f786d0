/** Compilation of a catalog into immutable snapshots of specialised matchers, and their evaluation. Not API: may change in any release. */
package dev.turnout.internal.engine;
