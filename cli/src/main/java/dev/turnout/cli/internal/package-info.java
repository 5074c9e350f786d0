/** The commands: source scanning, rewriting, etcd; what they share with the Maven plugin is in {@code dev.turnout.cli.api}. */
package dev.turnout.cli.internal;
