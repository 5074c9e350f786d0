package dev.turnout.bench;

/** Catalog texts of the shapes reported against the reader and the engine, at any size (docs/catalog-limits.md). */
public final class HostileCatalogs {

  private HostileCatalogs() {}

  /** n flags, each f(i) naming f(i-1) once. */
  public static String flagChain(int n) {
    StringBuilder sb = new StringBuilder("flags:\n  f0: {enabled: true}\n");
    for (int i = 1; i < n; i++) {
      sb.append("  f").append(i).append(": {rules: [{when: {flag: f").append(i - 1).append("}, serve: on}]}\n");
    }
    return sb.toString();
  }

  /** n flags, each f(i) naming f(i-1) twice. */
  public static String flagDoubling(int n) {
    StringBuilder sb = new StringBuilder("flags:\n  f0: {enabled: false}\n");
    for (int i = 1; i < n; i++) {
      sb.append("  f").append(i).append(": {rules: [{when: {any: [{flag: f").append(i - 1).append("}, {flag: f")
          .append(i - 1).append("}]}, serve: on}]}\n");
    }
    return sb.toString();
  }

  /** n segments, each s(i) naming s(i-1) once, and a flag on the last one. */
  public static String segmentChain(int n) {
    StringBuilder sb = new StringBuilder("segments:\n  s0: {keys: [someone]}\n");
    for (int i = 1; i < n; i++) {
      sb.append("  s").append(i).append(": {when: {segment: s").append(i - 1).append("}}\n");
    }
    sb.append("flags:\n  top: {rules: [{when: {segment: s").append(n - 1).append("}, serve: on}]}\n");
    return sb.toString();
  }

  /** n segments, each s(i) naming s(i-1) twice, and a flag on the last one. */
  public static String segmentDoubling(int n) {
    StringBuilder sb = new StringBuilder("segments:\n  s0: {keys: [someone]}\n");
    for (int i = 1; i < n; i++) {
      sb.append("  s").append(i).append(": {when: {any: [{segment: s").append(i - 1).append("}, {segment: s")
          .append(i - 1).append("}]}}\n");
    }
    sb.append("flags:\n  top: {rules: [{when: {segment: s").append(n - 1).append("}, serve: on}]}\n");
    return sb.toString();
  }

  /** n independent flags with a description each. */
  public static String flatFlags(int n) {
    StringBuilder sb = new StringBuilder("flags:\n");
    for (int i = 0; i < n; i++) {
      sb.append("  flag-number-").append(i).append(": {description: \"flag number ").append(i).append("\"}\n");
    }
    return sb.toString();
  }

  /** flagd: evaluators e0..e(n-1), each naming the one before twice; the flag names the last. */
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

  /** One flag whose rule matches a pattern of n characters. */
  public static String longPattern(int n) {
    return "{\"flags\": {\"p\": {\"rules\": [{\"when\": {\"attribute\": \"a\", \"op\": \"matches\", \"values\": [\""
        + "a".repeat(n) + "\"]}, \"serve\": \"on\"}]}}}";
  }

  /** n flags each with the pattern ((a{100}){100}){100}. */
  public static String largePrograms(int n) {
    StringBuilder sb = new StringBuilder("flags:\n");
    for (int i = 0; i < n; i++) {
      sb.append("  p").append(i).append(": {rules: [{when: {attribute: a, op: matches, values: ['((a{100}){100}){100}']}, serve: on}]}\n");
    }
    return sb.toString();
  }
}
