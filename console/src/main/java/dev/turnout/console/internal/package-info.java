/** The console's implementation: the web routes, users and sessions, catalog edits, audit trail and approvals. */
package dev.turnout.console.internal;
