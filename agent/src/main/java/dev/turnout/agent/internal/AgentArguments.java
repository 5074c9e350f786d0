package dev.turnout.agent.internal;

import dev.turnout.CatalogFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent's arguments: {@code flags=PATH,format=yaml|json|unleash|flagd,env=NAME,decisions=NAME,log=info|debug},
 * and for a catalog in a store {@code source=ADDRESS,cache=DIR,app=NAME,wait=DURATION,plugin=JAR}, parsed
 * strictly. Every argument that is unknown, malformed or repeated becomes a problem to report; the rest
 * still apply.
 *
 * <p>Arguments are separated by commas, and so are the endpoints of an {@code etcd://} address. So after
 * {@code source=}, a comma-separated part that does not start with the name of an agent argument and
 * {@code =} belongs to the address: {@code source=etcd://h1:2379,h2:2379/turnout/shop?tls=true,app=shop}
 * is the address {@code etcd://h1:2379,h2:2379/turnout/shop?tls=true} and the argument {@code app=shop}.
 *
 * @param flags the external catalog file, or null
 * @param format the external catalog's format, or null to go by its name and shape
 * @param environment the environment, or null
 * @param decisions the name of the decision source, or null for none
 * @param debug whether {@code log=debug}
 * @param source the address of the catalog ({@code etcd://...}, {@code file:...}), or null
 * @param sourceOptions the options for the source ({@code cache}, {@code app}, {@code wait}, {@code format})
 * @param plugin the plug-in jar for the source's scheme, or null for the one next to the agent jar
 * @param problems one message per argument that was not understood
 */
record AgentArguments(String flags, CatalogFormat format, String environment, String decisions, boolean debug,
    String source, Map<String, String> sourceOptions, String plugin, List<String> problems) {

  static final String KNOWN = "flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug, "
      + "source=ADDRESS, cache=DIR, app=NAME, wait=DURATION, plugin=JAR";

  /** The argument names; a part after source= that starts with one of these and '=' is a new argument. */
  private static final Set<String> NAMES =
      Set.of("flags", "format", "env", "decisions", "log", "source", "cache", "app", "wait", "plugin");

  /** The options passed through to a store's source. */
  private static final List<String> SOURCE_OPTIONS = List.of("cache", "app", "wait");

  AgentArguments {
    sourceOptions = Map.copyOf(sourceOptions);
    problems = List.copyOf(problems);
  }

  /** Whether the source is a store (not a file): its scheme's plug-in is then loaded. */
  boolean storeSource() {
    return source != null && source.matches("(?s)[A-Za-z][A-Za-z0-9+.-]+://.*")
        && !source.toLowerCase(Locale.ROOT).startsWith("file:");
  }

  static AgentArguments parse(String text) {
    String flags = null;
    CatalogFormat format = null;
    String environment = null;
    String decisions = null;
    boolean debug = false;
    String log = null;
    String source = null;
    String plugin = null;
    Map<String, String> options = new LinkedHashMap<>();
    String formatText = null;
    boolean inSource = false;
    List<String> problems = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      for (String part : text.split(",", -1)) {
        String argument = part.strip();
        int eq = argument.indexOf('=');
        String name = eq < 0 ? argument : argument.substring(0, eq).strip();
        String value = eq < 0 ? null : argument.substring(eq + 1).strip();
        if (inSource && !argument.isEmpty() && (eq < 0 || !NAMES.contains(name))) {
          source = source + "," + argument; // another endpoint, or the rest of the address
          continue;
        }
        inSource = false;
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
              formatText = value;
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
          case "source" -> {
            if (source != null) {
              problems.add("source= given twice, using '" + value + "'");
            }
            source = value;
            inSource = true;
          }
          case "cache", "app", "wait" -> {
            if (options.containsKey(name)) {
              problems.add(name + "= given twice, using '" + value + "'");
            }
            options.put(name, value);
          }
          case "plugin" -> {
            if (plugin != null) {
              problems.add("plugin= given twice, using '" + value + "'");
            }
            plugin = value;
          }
          default -> problems.add("unknown argument '" + name + "' ignored (arguments: " + KNOWN + ")");
        }
      }
    }
    if (source != null && flags != null) {
      problems.add("flags= and source= both name a catalog: using source=" + source);
      flags = null;
    }
    if (format != null && flags == null && source == null) {
      problems.add("format= applies to the catalog named by flags= or source=, which is not given: ignored");
      format = null;
    }
    if (format != null && source != null) {
      options.put("format", formatText);
      format = null;
    }
    AgentArguments parsed = new AgentArguments(flags, format, environment, decisions, debug, source, Map.of(), plugin,
        List.of());
    for (String option : SOURCE_OPTIONS) {
      if (options.containsKey(option) && !parsed.storeSource()) {
        problems.add(option + "= applies to a store named by source= (such as etcd://...), "
            + (source == null ? "which is not given" : "not to " + source) + ": ignored");
        options.remove(option);
      }
    }
    if (plugin != null && !parsed.storeSource()) {
      problems.add("plugin= applies to a store named by source= (such as etcd://...): ignored");
      plugin = null;
    }
    return new AgentArguments(flags, format, environment, decisions, debug, source, options, plugin, problems);
  }
}
