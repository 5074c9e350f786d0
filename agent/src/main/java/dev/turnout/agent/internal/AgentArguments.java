package dev.turnout.agent.internal;

import dev.turnout.CatalogFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's arguments: {@code flags=PATH,format=yaml|json|unleash|flagd,env=NAME,decisions=NAME,log=info|debug},
 * parsed strictly. Every argument
 * that is unknown, malformed or repeated becomes a problem to report; the rest still apply.
 *
 * @param flags the external catalog file, or null
 * @param format the external catalog's format, or null to go by its name and shape
 * @param environment the environment, or null
 * @param decisions the name of the decision source, or null for none
 * @param debug whether {@code log=debug}
 * @param problems one message per argument that was not understood
 */
record AgentArguments(String flags, CatalogFormat format, String environment, String decisions, boolean debug,
    List<String> problems) {

  static final String KNOWN = "flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug";

  AgentArguments {
    problems = List.copyOf(problems);
  }

  static AgentArguments parse(String text) {
    String flags = null;
    CatalogFormat format = null;
    String environment = null;
    String decisions = null;
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
          case "format" -> {
            if (format != null) {
              problems.add("format= given twice, using '" + value + "'");
            }
            try {
              format = CatalogFormat.forOption(value);
            } catch (IllegalArgumentException e) {
              problems.add("format=" + value + " is not yaml, json, unleash or flagd, ignored");
            }
          }
          case "env" -> {
            if (environment != null) {
              problems.add("env= given twice, using '" + value + "'");
            }
            environment = value;
          }
          case "decisions" -> {
            if (decisions != null) {
              problems.add("decisions= given twice, using '" + value + "'");
            }
            decisions = value;
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
    if (format != null && flags == null) {
      problems.add("format= applies to the catalog named by flags=, which is not given: ignored");
      format = null;
    }
    return new AgentArguments(flags, format, environment, decisions, debug, problems);
  }
}
