/** The commands and what they share with the Maven plugin: catalog files, source scanning, rewriting. */
package dev.turnout.cli.internal;
