package dev.turnout.testkit;

/**
 * Generators of hostile catalogs: the shapes reported against the reader and the engine, at any size
 * (docs/catalog-limits.md). Shared by the reader's and the engine's tests, and by the bench's limits
 * benchmarks, through the runtime's test jar.
 */
public final class HostileCatalogs {

  private HostileCatalogs() {}

  /** f0..f(n-1), each f(i) depending on f(i-1) once. */
  public static String flagChain(int n) {
    StringBuilder sb = new StringBuilder("flags:\n  f0: {enabled: true}\n");
    for (int i = 1; i < n; i++) {
      sb.append("  f").append(i).append(": {rules: [{when: {flag: f").append(i - 1).append("}, serve: on}]}\n");
    }
    return sb.toString();
  }

  /** f0 (off)..f(n-1), each f(i) depending on f(i-1) twice: {any: [{flag: f(i-1)}, {flag: f(i-1)}]}. */
  public static String flagDoubling(int n) {
    StringBuilder sb = new StringBuilder("flags:\n  f0: {enabled: false}\n");
    for (int i = 1; i < n; i++) {
      sb.append("  f").append(i).append(": {rules: [{when: {any: [{flag: f").append(i - 1).append("}, {flag: f")
          .append(i - 1).append("}]}, serve: on}]}\n");
    }
    return sb.toString();
  }

  /** s0..s(n-1), each s(i) naming s(i-1) twice, and a flag on the last one. */
  public static String segmentDoubling(int n) {
    StringBuilder sb = new StringBuilder("segments:\n  s0: {keys: [someone]}\n");
    for (int i = 1; i < n; i++) {
      sb.append("  s").append(i).append(": {when: {any: [{segment: s").append(i - 1).append("}, {segment: s")
          .append(i - 1).append("}]}}\n");
    }
    sb.append("flags:\n  top: {rules: [{when: {segment: s").append(n - 1).append("}, serve: on}]}\n");
    return sb.toString();
  }

  /** s0..s(n-1), each s(i) naming s(i-1) once, and a flag on the last one. */
  public static String segmentChain(int n) {
    StringBuilder sb = new StringBuilder("segments:\n  s0: {keys: [someone]}\n");
    for (int i = 1; i < n; i++) {
      sb.append("  s").append(i).append(": {when: {segment: s").append(i - 1).append("}}\n");
    }
    sb.append("flags:\n  top: {rules: [{when: {segment: s").append(n - 1).append("}, serve: on}]}\n");
    return sb.toString();
  }

  /** n independent flags with a description each, about 50 characters a flag. */
  public static String flatFlags(int n) {
    StringBuilder sb = new StringBuilder("flags:\n");
    for (int i = 0; i < n; i++) {
      sb.append("  flag-number-").append(i).append(": {description: \"flag number ").append(i).append("\"}\n");
    }
    return sb.toString();
  }

  /** n flags of a realistic shape: a rule on a segment and an attribute, a percentage, an environment. */
  public static String typicalFlags(int n) {
    StringBuilder sb = new StringBuilder("segments:\n  staff: {when: {attribute: email, op: ends_with, values: [\"@example.com\"]}}\nflags:\n");
    for (int i = 0; i < n; i++) {
      sb.append("  flag-").append(i).append(":\n")
          .append("    rules:\n")
          .append("      - when: {any: [{segment: staff}, {attribute: country, op: in, values: [NL, BE, LU]}]}\n")
          .append("        serve: on\n")
          .append("    percentage: 10\n")
          .append("    environments: {prod: {percentage: 1}}\n");
    }
    return sb.toString();
  }

  /** One flag whose rule matches {@code pattern}, written as a JSON string. */
  public static String pattern(String pattern) {
    return "{\"flags\": {\"p\": {\"rules\": [{\"when\": {\"attribute\": \"a\", \"op\": \"matches\", \"values\": ["
        + json(pattern) + "]}, \"serve\": \"on\"}]}}}";
  }

  /** n flags (YAML), each matching the pattern ((a{100}){100}){100}, whose program is too large. */
  public static String largePrograms(int n) {
    StringBuilder sb = new StringBuilder("flags:\n");
    for (int i = 0; i < n; i++) {
      sb.append("  p").append(i).append(": {rules: [{when: {attribute: a, op: matches, values: ['((a{100}){100}){100}']},"
          + " serve: on}]}\n");
    }
    return sb.toString();
  }

  /** flagd: evaluators e0..e(n-1), each e(i) naming e(i-1) twice; the flag's targeting names the last. */
  public static String flagdRefDoubling(int n) {
    StringBuilder sb = new StringBuilder("{\"$evaluators\": {\"e0\": {\"==\": [{\"var\": \"x\"}, \"y\"]}");
    for (int i = 1; i < n; i++) {
      sb.append(", \"e").append(i).append("\": {\"or\": [{\"$ref\": \"e").append(i - 1)
          .append("\"}, {\"$ref\": \"e").append(i - 1).append("\"}]}");
    }
    sb.append("}, \"flags\": {\"f\": {\"state\": \"ENABLED\", \"variants\": {\"yes\": true, \"no\": false},"
        + " \"defaultVariant\": \"no\", \"targeting\": {\"if\": [{\"$ref\": \"e").append(n - 1)
        .append("\"}, \"yes\", \"no\"]}}}}");
    return sb.toString();
  }

  /** flagd: evaluators e0..e(n-1), each e(i) naming e(i-1) once. */
  public static String flagdRefChain(int n) {
    StringBuilder sb = new StringBuilder("{\"$evaluators\": {\"e0\": {\"==\": [{\"var\": \"x\"}, \"y\"]}");
    for (int i = 1; i < n; i++) {
      sb.append(", \"e").append(i).append("\": {\"!\": {\"!\": {\"$ref\": \"e").append(i - 1).append("\"}}}");
    }
    sb.append("}, \"flags\": {\"f\": {\"state\": \"ENABLED\", \"variants\": {\"yes\": true, \"no\": false},"
        + " \"defaultVariant\": \"no\", \"targeting\": {\"if\": [{\"$ref\": \"e").append(n - 1)
        .append("\"}, \"yes\", \"no\"]}}}}");
    return sb.toString();
  }

  /** flagd: {@code map} nested {@code depth} times, each over a literal list of {@code width} numbers. */
  public static String flagdNestedMap(int depth, int width) {
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < width; i++) {
      list.append(i == 0 ? "" : ",").append(i);
    }
    list.append("]");
    String expr = "{\"var\": \"\"}";
    for (int d = 0; d < depth; d++) {
      expr = "{\"map\": [" + list + ", " + expr + "]}";
    }
    return "{\"flags\": {\"f\": {\"state\": \"ENABLED\", \"variants\": {\"yes\": true, \"no\": false},"
        + " \"defaultVariant\": \"no\", \"targeting\": {\"if\": [{\"in\": [7, " + expr + "]}, \"yes\", \"no\"]}}}}";
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }
}
