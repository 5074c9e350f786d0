package dev.turnout.console.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How a console runs.
 *
 * @param catalog the catalog file it edits, or null with {@code source}
 * @param users the users file
 * @param bind the address it listens on (127.0.0.1 unless told otherwise)
 * @param port the port (0: any free one)
 * @param proxyUserHeader when set, the request header a trusted reverse proxy puts the authenticated user name in
 * @param approvals environments whose changes wait for a second person's approval ({@code *}: all)
 * @param environments environments to show besides those the catalog names
 * @param app the application jar or classes folder whose gated code is shown, or null
 * @param git whether each save is committed to the catalog's git repository
 * @param secureCookies whether cookies are marked Secure (always when the request came over HTTPS)
 * @param ofrepEnvironment the environment OFREP evaluates in, or null for the flags' own fields
 * @param source an etcd address ({@code etcd://HOST:PORT/KEY}) whose catalog it edits instead of a file, or null
 */
public record ConsoleConfig(Path catalog, Path users, String bind, int port, String proxyUserHeader,
    Set<String> approvals, List<String> environments, Path app, boolean git, boolean secureCookies, String ofrepEnvironment,
    String source) {

  /** A console for a catalog file. */
  public ConsoleConfig(Path catalog, Path users, String bind, int port, String proxyUserHeader, Set<String> approvals,
      List<String> environments, Path app, boolean git, boolean secureCookies, String ofrepEnvironment) {
    this(catalog, users, bind, port, proxyUserHeader, approvals, environments, app, git, secureCookies,
        ofrepEnvironment, null);
  }
}
