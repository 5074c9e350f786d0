package dev.turnout.agent.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's arguments: {@code flags=PATH,env=NAME,log=info|debug}, parsed strictly. Every argument
 * that is unknown, malformed or repeated becomes a problem to report; the rest still apply.
 *
 * @param flags the external catalog file, or null
 * @param environment the environment, or null
 * @param debug whether {@code log=debug}
 * @param problems one message per argument that was not understood
 */
record AgentArguments(String flags, String environment, boolean debug, List<String> problems) {

  static final String KNOWN = "flags=PATH, env=NAME, log=info|debug";

  AgentArguments {
    problems = List.copyOf(problems);
  }

  static AgentArguments parse(String text) {
    String flags = null;
    String environment = null;
    boolean debug = false;
    String log = null;
    List<String> problems = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      for (String part : text.split(",", -1)) {
        String argument = part.strip();
        int eq = argument.indexOf('=');
        String name = eq < 0 ? argument : argument.substring(0, eq).strip();
        String value = eq < 0 ? null : argument.substring(eq + 1).strip();
        if (argument.isEmpty()) {
          problems.add("empty argument ignored (arguments: " + KNOWN + ")");
          continue;
        }
        if (value == null || value.isEmpty()) {
          problems.add("argument '" + argument + "' has no value, ignored (arguments: " + KNOWN + ")");
          continue;
        }
        switch (name) {
          case "flags" -> {
            if (flags != null) {
              problems.add("flags= given twice, using '" + value + "'");
            }
            flags = value;
          }
          case "env" -> {
            if (environment != null) {
              problems.add("env= given twice, using '" + value + "'");
            }
            environment = value;
          }
          case "log" -> {
            if (log != null) {
              problems.add("log= given twice, using '" + value + "'");
            }
            if (value.equals("info") || value.equals("debug")) {
              log = value;
              debug = value.equals("debug");
            } else {
              problems.add("log=" + value + " is not info or debug, ignored");
            }
          }
          default -> problems.add("unknown argument '" + name + "' ignored (arguments: " + KNOWN + ")");
        }
      }
    }
    return new AgentArguments(flags, environment, debug, problems);
  }
}
