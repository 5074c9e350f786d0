/** Built-in catalog sources: files (watched) and the class path. Not API: may change in any release. */
package dev.turnout.internal.source;
