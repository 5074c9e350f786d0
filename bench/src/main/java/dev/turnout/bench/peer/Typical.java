package dev.turnout.bench.peer;

import java.util.Locale;

/** The typical flag of the performance goals, in each system's catalog language. */
public final class Typical {

  /** The flag key, the same in every system. */
  public static final String KEY = "typical-flag";

  /** The percentage of keys the rollout serves on. */
  public static final int PERCENT = 10;

  private Typical() {}

  /** Turnout's catalog: the typical flag, then {@code flags - 1} other flags of the same shape. */
  public static String turnoutYaml(int flags) {
    StringBuilder yaml = new StringBuilder(64 + flags * 160).append("flags:\n");
    appendTurnoutFlag(yaml, KEY);
    for (int i = 1; i < flags; i++) {
      appendTurnoutFlag(yaml, String.format(Locale.ROOT, "other-flag-%06d", i));
    }
    return yaml.toString();
  }

  private static void appendTurnoutFlag(StringBuilder yaml, String key) {
    yaml.append("  ").append(key).append(":\n")
        .append("    rules:\n")
        .append("      - when: { attribute: plan, op: in, values: [pro, enterprise] }\n")
        .append("        serve: on\n")
        .append("    percentage: ").append(PERCENT).append('\n');
  }

  /** Unleash's client-features document: a constrained default strategy, then a flexible rollout. */
  static String unleashFeatures() {
    return """
        {"version": 2, "features": [{
          "name": "%1$s", "type": "release", "enabled": true, "stale": false, "impressionData": false,
          "strategies": [
            {"name": "default", "parameters": {},
             "constraints": [{"contextName": "plan", "operator": "IN", "values": ["pro", "enterprise"],
                              "inverted": false, "caseInsensitive": false}]},
            {"name": "flexibleRollout",
             "parameters": {"rollout": "%2$d", "stickiness": "userId", "groupId": "%1$s"},
             "constraints": []}
          ],
          "variants": []
        }]}
        """.formatted(KEY, PERCENT);
  }

  /** LaunchDarkly's flag data file: a rule on {@code plan}, then a weighted fallthrough (by key). */
  static String launchDarklyFlags() {
    return """
        {"flags": {"%1$s": {
          "key": "%1$s", "version": 1, "on": true, "salt": "%1$s",
          "variations": [true, false], "offVariation": 1,
          "targets": [], "prerequisites": [],
          "rules": [{"id": "paid-plans", "variation": 0, "trackEvents": false,
                     "clauses": [{"attribute": "plan", "op": "in", "values": ["pro", "enterprise"], "negate": false}]}],
          "fallthrough": {"rollout": {"variations": [{"variation": 0, "weight": %2$d},
                                                     {"variation": 1, "weight": %3$d}]}}
        }}}
        """.formatted(KEY, PERCENT * 1000, (100 - PERCENT) * 1000);
  }

  /** flagd's flag definition file: {@code in} on {@code plan}, else {@code fractional} by targeting key. */
  static String flagdFlags() {
    return """
        {"flags": {"%1$s": {
          "state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
          "targeting": {"if": [{"in": [{"var": "plan"}, ["pro", "enterprise"]]}, "on",
                               {"fractional": [["on", %2$d], ["off", %3$d]]}]}
        }}}
        """.formatted(KEY, PERCENT, 100 - PERCENT);
  }
}
