package dev.turnout.console.internal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The console's command line: serve a catalog, or add a user or an API token to the users file. */
public final class ConsoleCommand {

  static final String USAGE = String.join("\n",
      "Usage:",
      "  turnout-console [console] (--catalog FILE | --source etcd://HOST:PORT/KEY) [--users FILE] [--port N]",
      "                  [--bind ADDRESS]",
      "                  [--proxy-user-header NAME] [--approval ENV]... [--env ENV]... [--app JAR|DIR]",
      "                  [--git] [--secure-cookies] [--ofrep-env ENV]",
      "  turnout-console add-user --users FILE --name NAME --role ROLES   (reads the password from the terminal or stdin)",
      "  turnout-console add-token --users FILE --name NAME --role ROLES  (prints the token once)",
      "ROLES: viewer, editor, approver or admin for every environment, or ENV=ROLE,ENV=ROLE (default: the flag's own fields).",
      "The users file defaults to turnout-users.json beside the catalog file (with --source it is required).",
      "The console listens on 127.0.0.1:8088 by default.");

  // Held so that the levels stay set (java.util.logging keeps loggers weakly).
  private static final java.util.logging.Logger JETTY = java.util.logging.Logger.getLogger("org.eclipse.jetty");
  private static final java.util.logging.Logger JAVALIN = java.util.logging.Logger.getLogger("io.javalin");

  private ConsoleCommand() {}

  /** Runs the command; returns the exit status (serving returns only when the server stops). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> a = new ArrayList<>(List.of(args));
    String command = a.isEmpty() || a.get(0).startsWith("-") ? "console" : a.remove(0);
    try {
      Options o = Options.parse(a);
      switch (command) {
        case "console" -> {
          // The server's start-up notes are noise for a command line tool: its own line says where it listens.
          JETTY.setLevel(java.util.logging.Level.WARNING);
          JAVALIN.setLevel(java.util.logging.Level.WARNING);
          ConsoleServer server = start(o, err);
          out.println("Turnout console listening on http://" + host(o.bind) + ":" + server.port() + "/ (catalog "
              + (o.source != null ? server.catalogName() : o.catalog) + ")");
          out.flush();
          Runtime.getRuntime().addShutdownHook(new Thread(server::close, "turnout-console-stop"));
          new CountDownLatch(1).await();
          return 0;
        }
        case "add-user" -> {
          Users users = new Users(o.required("--users", o.users));
          String name = o.required("--name", o.name);
          Map<String, Role> roles = Users.parseRoles(o.required("--role", o.role));
          users.putUser(name, readPassword(out), roles);
          out.println("Added " + o.name + " to " + users.file());
          return 0;
        }
        case "add-token" -> {
          Users users = new Users(o.required("--users", o.users));
          String token = users.putToken(o.required("--name", o.name), Users.parseRoles(o.required("--role", o.role)));
          out.println(token);
          err.println("This is the only time the token is shown: keep it in your automation's secret store.");
          return 0;
        }
        case "help", "--help", "-h" -> {
          out.println(USAGE);
          return 0;
        }
        default -> throw new IllegalArgumentException("unknown command '" + command + "'");
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("turnout-console: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (RuntimeException | IOException e) {
      err.println("turnout-console: " + e.getMessage());
      return 1;
    }
  }

  /** Starts a server from the options (also what tests use). */
  static ConsoleServer start(Options o, PrintStream err) {
    Path catalog = null;
    Path users;
    if (o.source != null) {
      if (o.catalog != null) {
        throw new IllegalArgumentException("give --catalog FILE or --source etcd://..., not both");
      }
      if (!o.source.startsWith("etcd://") && !o.source.startsWith("etcds://")) {
        throw new IllegalArgumentException("--source takes an etcd address, etcd://HOST:PORT/KEY, not '" + o.source
            + "' (for a file, use --catalog FILE)");
      }
      dev.turnout.etcd.EtcdTarget.parse(o.source); // a wrong address fails here, with etcd's module's message
      if (o.git) {
        throw new IllegalArgumentException("--git commits a catalog file; with --source the audit trail is in etcd");
      }
      users = o.required("--users", o.users);
    } else {
      catalog = o.required("--catalog", o.catalog);
      if (!Files.isRegularFile(catalog)) {
        throw new IllegalArgumentException("no catalog file at " + catalog);
      }
      users = o.users != null ? o.users : catalog.toAbsolutePath().resolveSibling("turnout-users.json");
    }
    if (o.proxyHeader == null && new Users(users).isEmpty()) {
      throw new IllegalStateException("no users in " + users + " yet: create the first admin with\n  turnout-console "
          + "add-user --users " + users + " --name NAME --role admin");
    }
    if (!isLoopback(o.bind) && !o.secureCookies && o.proxyHeader == null) {
      err.println("turnout-console: listening on " + o.bind + " without --secure-cookies: put it behind HTTPS.");
    }
    ConsoleConfig config = new ConsoleConfig(catalog, users, o.bind, o.port, o.proxyHeader, Set.copyOf(o.approvals),
        List.copyOf(o.envs), o.app, o.git, o.secureCookies, o.ofrepEnv, o.source);
    return new ConsoleServer(config).start();
  }

  private static boolean isLoopback(String bind) {
    return bind.equals("127.0.0.1") || bind.equals("localhost") || bind.equals("::1");
  }

  private static String host(String bind) {
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }

  private static char[] readPassword(PrintStream out) throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password (at least %d characters): ", Users.MIN_PASSWORD);
      char[] again = console.readPassword("Again: ");
      if (first == null || !java.util.Arrays.equals(first, again)) {
        throw new IllegalArgumentException("the two passwords differ");
      }
      return first;
    }
    out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null) {
      throw new IllegalArgumentException("no password on standard input");
    }
    return line.toCharArray();
  }

  /** The command line's options. */
  static final class Options {
    Path catalog;
    String source;
    Path users;
    Path app;
    String bind = "127.0.0.1";
    int port = 8088;
    String proxyHeader;
    String ofrepEnv;
    String name;
    String role;
    boolean git;
    boolean secureCookies;
    final Set<String> approvals = new LinkedHashSet<>();
    final Set<String> envs = new LinkedHashSet<>();

    static Options parse(List<String> args) {
      Options o = new Options();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          value = arg.substring(eq + 1);
          arg = arg.substring(0, eq);
        }
        switch (arg) {
          case "--git" -> o.git = true;
          case "--secure-cookies" -> o.secureCookies = true;
          default -> {
            if (value == null) {
              if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(arg + " needs a value");
              }
              value = args.get(++i);
            }
            switch (arg) {
              case "--catalog" -> o.catalog = Path.of(value);
              case "--source" -> o.source = value;
              case "--users" -> o.users = Path.of(value);
              case "--app", "--registry" -> o.app = Path.of(value);
              case "--bind" -> o.bind = value;
              case "--port" -> o.port = port(value);
              case "--proxy-user-header" -> o.proxyHeader = value;
              case "--approval" -> o.approvals.add(value);
              case "--env" -> o.envs.add(value);
              case "--ofrep-env" -> o.ofrepEnv = value;
              case "--name" -> o.name = value;
              case "--role" -> o.role = value;
              default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
          }
        }
      }
      return o;
    }

    private static int port(String value) {
      try {
        int p = Integer.parseInt(value);
        if (p < 0 || p > 65535) {
          throw new NumberFormatException();
        }
        return p;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--port needs a port number (0 to 65535), not '" + value + "'");
      }
    }

    <T> T required(String option, T value) {
      if (value == null) {
        throw new IllegalArgumentException(option + " is required");
      }
      return value;
    }
  }
}
