/** Catalog parsing and validation into the model the engine, processor and tools share. Not API: may change in any release. */
package dev.turnout.internal.catalog;
