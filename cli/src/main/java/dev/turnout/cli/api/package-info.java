/**
 * What the {@code turnout} command shares with the Maven plugin ({@code turnout:check}, {@code turnout:stale},
 * {@code turnout:fingerprint}): a project's {@link dev.turnout.cli.api.Workspace} and
 * {@link dev.turnout.cli.api.CatalogFile}, the {@link dev.turnout.cli.api.CatalogCheck check} and the
 * {@link dev.turnout.cli.api.StaleFlags stale-flag} findings, and the {@link dev.turnout.cli.api.ToolException}
 * their bad input gives. Both tools are built from this repository at the same version; these types are not an
 * API for applications. Everything else of the command line is in {@code dev.turnout.cli.internal}.
 */
package dev.turnout.cli.api;
