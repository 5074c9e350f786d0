package dev.turnout.console;

import dev.turnout.console.internal.ConsoleCommand;

/**
 * Starts the Turnout console.
 *
 * <pre>
 * java -jar turnout-console.jar add-user --users users.json --name ann --role admin
 * java -jar turnout-console.jar --catalog flags.yaml --users users.json [--port 8088] [--bind 127.0.0.1]
 * </pre>
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(ConsoleCommand.run(args, System.out, System.err));
  }
}
