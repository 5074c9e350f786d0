package dev.turnout.internal.catalog;

import dev.turnout.internal.catalog.Catalog.All;
import dev.turnout.internal.catalog.Catalog.Any;
import dev.turnout.internal.catalog.Catalog.Bucketing;
import dev.turnout.internal.catalog.Catalog.Clause;
import dev.turnout.internal.catalog.Catalog.Condition;
import dev.turnout.internal.catalog.Catalog.Dialect;
import dev.turnout.internal.catalog.Catalog.Fixed;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog.FlagCheck;
import dev.turnout.internal.catalog.Catalog.InRollout;
import dev.turnout.internal.catalog.Catalog.Not;
import dev.turnout.internal.catalog.Catalog.Rule;
import dev.turnout.internal.catalog.Catalog.Segment;
import dev.turnout.internal.catalog.Catalog.SegmentRef;
import dev.turnout.internal.catalog.Catalog.Serve;
import dev.turnout.internal.catalog.Catalog.Settings;
import dev.turnout.internal.catalog.Catalog.VariantOverride;
import dev.turnout.internal.catalog.Catalog.Weighted;
import dev.turnout.internal.catalog.Node.ListNode;
import dev.turnout.internal.catalog.Node.MapNode;
import dev.turnout.internal.catalog.Node.ScalarNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Unleash client-features document ({@code {"version", "features", "segments"}}) or a list of
 * delta events ({@code {"events": [...]}}, applied in order) into a {@link Catalog} with
 * {@link Dialect#UNLEASH} semantics.
 *
 * <p>The mapping: the context field {@code userId} is the targeting key, every other field and every
 * property an attribute of the same name. Each strategy becomes a rule whose condition is the flag's
 * dependencies, the strategy's constraints and segments and the strategy itself (a rollout is an
 * {@link InRollout} with Unleash's normalised hash); what the rule serves is the strategy's variants,
 * else the feature's, else no variant ({@value Dialect#UNLEASH_NO_VARIANT}). A feature without
 * strategies has one rule holding only its dependencies. What no strategy matches serves
 * {@value Dialect#UNLEASH_NO_VARIANT}, not enabled.
 */
final class UnleashReader {

  private static final String NO_VARIANT = Dialect.UNLEASH_NO_VARIANT;
  private static final Condition NEVER = new Any(List.of());

  private final Problems problems;
  private final Map<String, MapNode> features = new LinkedHashMap<>();
  private final Map<String, MapNode> segmentNodes = new LinkedHashMap<>();

  private UnleashReader(Problems problems) {
    this.problems = problems;
  }

  /** Whether the root looks like an Unleash document. */
  static boolean recognises(Node root) {
    return root instanceof MapNode && (((MapNode) root).has("features") || ((MapNode) root).has("events"));
  }

  static Catalog read(String source, Node root, Problems problems) {
    UnleashReader r = new UnleashReader(problems);
    if (!(root instanceof MapNode)) {
      problems.add(root, "an Unleash document is a map with 'features' (or 'events'), not " + root.describe());
      return null;
    }
    MapNode m = (MapNode) root;
    if (m.has("events")) {
      r.events(m.get("events"));
    } else {
      r.hydrate(m.get("features"), m.get("segments"));
    }
    return r.catalog(source);
  }

  // ---- the document and its events

  private void hydrate(Node featureList, Node segmentList) {
    features.clear();
    segmentNodes.clear();
    for (Node f : items(featureList, "features")) {
      feature(f);
    }
    if (segmentList != null) {
      for (Node s : items(segmentList, "segments")) {
        segment(s);
      }
    }
  }

  private void feature(Node node) {
    MapNode f = map(node, "a feature");
    if (f != null) {
      String name = string(f, "name", "a feature");
      if (name != null) {
        features.put(name, f);
      }
    }
  }

  private void segment(Node node) {
    MapNode s = map(node, "a segment");
    if (s == null) {
      return;
    }
    Node id = s.get("id");
    if (!(id instanceof ScalarNode) || ((ScalarNode) id).value() == null) {
      problems.add(s, "a segment needs an 'id'");
      return;
    }
    segmentNodes.put(((ScalarNode) id).text(), s);
  }

  private void events(Node node) {
    for (Node item : items(node, "events")) {
      MapNode e = map(item, "an event");
      if (e == null) {
        continue;
      }
      String type = string(e, "type", "an event");
      if (type == null) {
        continue;
      }
      switch (type) {
        case "hydration":
          hydrate(e.get("features"), e.get("segments"));
          break;
        case "feature-updated":
          feature(e.get("feature") == null ? e : e.get("feature"));
          break;
        case "feature-removed": {
          String name = string(e, "featureName", "a feature-removed event");
          if (name != null) {
            features.remove(name);
          }
          break;
        }
        case "segment-updated":
          segment(e.get("segment") == null ? e : e.get("segment"));
          break;
        case "segment-removed": {
          Node id = e.get("segmentId");
          if (id instanceof ScalarNode) {
            segmentNodes.remove(((ScalarNode) id).text());
          }
          break;
        }
        default:
          problems.add(e.get("type"), "unknown Unleash event type '" + type
              + "' (known: hydration, feature-updated, feature-removed, segment-updated, segment-removed)");
      }
    }
  }

  // ---- the catalog

  private Catalog catalog(String source) {
    Map<String, Segment> segments = new LinkedHashMap<>();
    segmentNodes.forEach((id, s) -> segments.put(id, new Segment(id, s.line(), s.column(), Set.of(),
        new All(constraints(s.get("constraints"))), Fingerprint.of(s))));
    Map<String, Flag> flags = new LinkedHashMap<>();
    features.forEach((name, f) -> flags.put(name, flag(name, f)));
    return new Catalog(source, null, Collections.unmodifiableMap(flags), Collections.unmodifiableMap(segments));
  }

  private Flag flag(String name, MapNode f) {
    boolean enabled = !Boolean.FALSE.equals(scalar(f.get("enabled")));
    List<Condition> dependencies = dependencies(f.get("dependencies"));
    Map<String, Object> variants = new LinkedHashMap<>();
    variants.put(NO_VARIANT, null);
    List<MapNode> featureVariants = variantNodes(f.get("variants"));
    featureVariants.forEach(v -> variants.putIfAbsent(variantName(v), payload(v)));

    List<Rule> rules = new ArrayList<>();
    List<Node> strategies = f.get("strategies") == null ? List.of() : items(f.get("strategies"), "strategies");
    if (strategies.isEmpty()) {
      rules.add(new Rule(f.line(), f.column(), dependencies.isEmpty() ? null : new All(dependencies),
          serve(featureVariants, null, name), null, null));
    }
    for (Node sn : strategies) {
      MapNode s = map(sn, "a strategy");
      if (s == null) {
        continue;
      }
      Map<String, String> params = parameters(s.get("parameters"));
      List<Condition> all = new ArrayList<>(dependencies);
      all.addAll(constraints(s.get("constraints")));
      if (s.get("segments") != null) {
        for (Node id : items(s.get("segments"), "segments")) {
          String key = id instanceof ScalarNode ? ((ScalarNode) id).text() : null;
          all.add(key != null && segmentNodes.containsKey(key) ? new SegmentRef(id.line(), id.column(), key) : NEVER);
        }
      }
      all.add(strategy(string(s, "name", "a strategy"), params, name));
      List<MapNode> strategyVariants = variantNodes(s.get("variants"));
      strategyVariants.forEach(v -> variants.putIfAbsent(variantName(v), payload(v)));
      Serve serve = strategyVariants.isEmpty()
          ? serve(featureVariants, null, name)
          : serve(strategyVariants, params.get("stickiness"), params.getOrDefault("groupId", name));
      rules.add(new Rule(s.line(), s.column(), new All(List.copyOf(all)), serve, null, null));
    }
    Settings settings = new Settings(enabled, NO_VARIANT, NO_VARIANT, List.copyOf(rules), null, null, null);
    Object description = scalar(f.get("description"));
    Object type = scalar(f.get("type"));
    return new Flag(name, f.line(), f.column(), description instanceof String ? (String) description : null, null, null,
        null, null, type instanceof String ? (String) type : null, List.of(), false,
        Collections.unmodifiableMap(variants), settings, Map.of(), Fingerprint.of(f), Dialect.UNLEASH, Map.of());
  }

  /** Parent checks; a parent that is missing or has dependencies of its own never matches (Unleash's rule). */
  private List<Condition> dependencies(Node node) {
    List<Condition> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    for (Node item : items(node, "dependencies")) {
      MapNode d = map(item, "a dependency");
      if (d == null) {
        continue;
      }
      String parent = string(d, "feature", "a dependency");
      if (parent == null) {
        continue;
      }
      MapNode p = features.get(parent);
      Node parentDeps = p == null ? null : p.get("dependencies");
      if (p == null || (parentDeps instanceof ListNode && !((ListNode) parentDeps).items().isEmpty())) {
        out.add(NEVER);
        continue;
      }
      boolean enabled = !Boolean.FALSE.equals(scalar(d.get("enabled")));
      List<String> names = new ArrayList<>();
      if (d.get("variants") != null) {
        for (Node v : items(d.get("variants"), "variants")) {
          if (v instanceof ScalarNode) {
            names.add(((ScalarNode) v).text());
          }
        }
      }
      out.add(new FlagCheck(parent, enabled, List.copyOf(names)));
    }
    return out;
  }

  private Condition strategy(String name, Map<String, String> params, String feature) {
    if (name == null) {
      return NEVER;
    }
    String groupId = params.getOrDefault("groupId", feature);
    switch (name) {
      case "default":
        return new All(List.of());
      case "userWithId":
        return new Clause(0, 0, "key", Operator.IN, List.copyOf(commaList(params.get("userIds"))));
      case "gradualRolloutUserId":
        return rollout(List.of("key"), params.get("percentage"), groupId);
      case "gradualRolloutSessionId":
        return rollout(List.of("sessionId"), params.get("percentage"), groupId);
      case "gradualRolloutRandom":
        return rollout(List.of("random"), params.get("percentage"), groupId);
      case "flexibleRollout":
        return rollout(rolloutStickiness(params.get("stickiness")), params.get("rollout"), groupId);
      case "remoteAddress":
        return new Clause(0, 0, "remoteAddress", Operator.IN_CIDR, List.copyOf(commaList(params.get("IPs"))));
      default:
        return NEVER; // a strategy this client does not implement is not enabled, as in Unleash's clients
    }
  }

  private static Condition rollout(List<String> stickiness, String percentage, String groupId) {
    int p;
    try {
      p = percentage == null ? 0 : (int) Math.round(Double.parseDouble(percentage.strip()));
    } catch (NumberFormatException e) {
      p = 0;
    }
    if (p <= 0) {
      return NEVER;
    }
    return new InRollout(stickiness, Math.min(p, 100), new Bucketing(groupId, Bucketing.UNLEASH_ROLLOUT_SEED, 100));
  }

  private static List<String> rolloutStickiness(String stickiness) {
    if (stickiness == null || stickiness.isBlank() || "default".equals(stickiness)) {
      return List.of("key", "sessionId", "random");
    }
    return List.of(attribute(stickiness));
  }

  private static List<String> variantStickiness(String stickiness) {
    if (stickiness == null || stickiness.isBlank() || "default".equals(stickiness)) {
      return List.of("key", "sessionId", "random");
    }
    String a = attribute(stickiness);
    return "random".equals(a) ? List.of("random") : List.of(a, "random");
  }

  private Serve serve(List<MapNode> variants, String strategyStickiness, String groupId) {
    if (variants.isEmpty()) {
      return new Fixed(NO_VARIANT);
    }
    List<String> names = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    List<VariantOverride> overrides = new ArrayList<>();
    int total = 0;
    for (MapNode v : variants) {
      String name = variantName(v);
      Object w = scalar(v.get("weight"));
      int weight = w instanceof Number ? ((Number) w).intValue() : 0;
      names.add(name);
      weights.add(weight);
      total += weight;
      values.putIfAbsent(name, payload(v));
      if (v.get("overrides") != null) {
        for (Node o : items(v.get("overrides"), "overrides")) {
          MapNode om = map(o, "an override");
          if (om != null) {
            String context = string(om, "contextName", "an override");
            List<String> vals = new ArrayList<>();
            if (om.get("values") != null) {
              for (Node x : items(om.get("values"), "values")) {
                if (x instanceof ScalarNode && ((ScalarNode) x).value() != null) {
                  vals.add(((ScalarNode) x).text());
                }
              }
            }
            if (context != null) {
              overrides.add(new VariantOverride(attribute(context), List.copyOf(vals), name));
            }
          }
        }
      }
    }
    Object first = scalar(variants.get(0).get("stickiness"));
    String stickiness = first instanceof String ? (String) first : strategyStickiness;
    return new Weighted(List.copyOf(names), List.copyOf(weights), Collections.unmodifiableMap(values),
        List.copyOf(overrides), variantStickiness(stickiness),
        new Bucketing(groupId, Bucketing.UNLEASH_VARIANT_SEED, Math.max(total, 1)));
  }

  // ---- constraints

  private List<Condition> constraints(Node node) {
    List<Condition> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    for (Node item : items(node, "constraints")) {
      MapNode c = map(item, "a constraint");
      if (c != null) {
        Condition one = constraint(c);
        out.add(Boolean.TRUE.equals(scalar(c.get("inverted"))) ? new Not(one) : one);
      }
    }
    return out;
  }

  private Condition constraint(MapNode c) {
    String context = string(c, "contextName", "a constraint");
    String operator = string(c, "operator", "a constraint");
    if (context == null || operator == null) {
      return NEVER;
    }
    String attribute = attribute(context);
    boolean ignoreCase = Boolean.TRUE.equals(scalar(c.get("caseInsensitive")));
    List<String> values = new ArrayList<>();
    if (c.get("values") != null) {
      for (Node v : items(c.get("values"), "values")) {
        if (v instanceof ScalarNode && ((ScalarNode) v).value() != null) {
          values.add(((ScalarNode) v).text());
        }
      }
    }
    Object single = scalar(c.get("value"));
    String value = single == null ? (values.isEmpty() ? null : values.get(0)) : Values.text(single);
    int line = c.line();
    int column = c.column();
    switch (operator) {
      case "IN":
        return new Clause(line, column, attribute, Operator.IN, List.copyOf(values), ignoreCase);
      case "NOT_IN":
        // Unleash: a context without the field is "not in" the list.
        return new Not(new Clause(line, column, attribute, Operator.IN, List.copyOf(values), ignoreCase));
      case "STR_STARTS_WITH":
        return new Clause(line, column, attribute, Operator.STARTS_WITH, List.copyOf(values), ignoreCase);
      case "STR_ENDS_WITH":
        return new Clause(line, column, attribute, Operator.ENDS_WITH, List.copyOf(values), ignoreCase);
      case "STR_CONTAINS":
        return new Clause(line, column, attribute, Operator.CONTAINS, List.copyOf(values), ignoreCase);
      case "NUM_EQ":
        return number(line, column, attribute, Operator.EQ, value);
      case "NUM_GT":
        return number(line, column, attribute, Operator.GT, value);
      case "NUM_GTE":
        return number(line, column, attribute, Operator.GTE, value);
      case "NUM_LT":
        return number(line, column, attribute, Operator.LT, value);
      case "NUM_LTE":
        return number(line, column, attribute, Operator.LTE, value);
      case "DATE_AFTER":
        return date(line, column, attribute, Operator.AFTER, value);
      case "DATE_BEFORE":
        return date(line, column, attribute, Operator.BEFORE, value);
      case "SEMVER_EQ":
        return semver(line, column, attribute, Operator.SEMVER_EQ, value);
      case "SEMVER_GT":
        return semver(line, column, attribute, Operator.SEMVER_GT, value);
      case "SEMVER_LT":
        return semver(line, column, attribute, Operator.SEMVER_LT, value);
      case "SEMVER_GTE":
        return semver(line, column, attribute, Operator.SEMVER_GTE, value);
      case "SEMVER_LTE":
        return semver(line, column, attribute, Operator.SEMVER_LTE, value);
      case "REGEX":
        if (value == null || Patterns.problem(value, ignoreCase ? Patterns.CASE_INSENSITIVE : 0) != null) {
          // An invalid expression never matches (RE2 rejects look-around and back-references), nor does
          // one past the limits of Patterns.
          return NEVER;
        }
        return new Clause(line, column, attribute, Operator.MATCHES, List.of(value), ignoreCase);
      case "IN_CIDR":
        return new Clause(line, column, attribute, Operator.IN_CIDR, List.copyOf(values), false);
      default:
        return NEVER; // an operator this client does not know never matches, as in Unleash's clients
    }
  }

  private static Condition number(int line, int column, String attribute, Operator op, String value) {
    if (value == null) {
      return NEVER;
    }
    try {
      double d = Double.parseDouble(value.strip());
      return Double.isFinite(d) ? new Clause(line, column, attribute, op, List.of(d)) : NEVER;
    } catch (NumberFormatException e) {
      return NEVER;
    }
  }

  /** Unleash compares {@code currentTime}, which defaults to now: the attribute when given, else the clock. */
  private static Condition date(int line, int column, String attribute, Operator op, String value) {
    if (value == null || CatalogReader.parseInstant(value) == null) {
      return NEVER;
    }
    Clause given = new Clause(line, column, attribute, op, List.of(value));
    if (!"currentTime".equals(attribute)) {
      return given;
    }
    Condition now = new All(List.of(new Not(new Clause(line, column, attribute, Operator.EXISTS, List.of())),
        new Clause(line, column, "now", op, List.of(value))));
    return new Any(List.of(given, now));
  }

  /** Unleash reads versions strictly: {@code MAJOR.MINOR.PATCH[-pre][+build]}, no {@code v} prefix. */
  private static final String STRICT_SEMVER = "^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$";

  private static Condition semver(int line, int column, String attribute, Operator op, String value) {
    if (value == null || SemVer.parse(value) == null) {
      return NEVER;
    }
    return new All(List.of(new Clause(line, column, attribute, Operator.MATCHES, List.of(STRICT_SEMVER)),
        new Clause(line, column, attribute, op, List.of(value))));
  }

  // ---- small readers

  /** Unleash's context field as a Turnout attribute: {@code userId} is the targeting key. */
  private static String attribute(String contextName) {
    return "userId".equals(contextName) ? "key" : contextName;
  }

  private static List<String> commaList(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private List<MapNode> variantNodes(Node node) {
    List<MapNode> out = new ArrayList<>();
    if (node != null && !(node instanceof ScalarNode && ((ScalarNode) node).value() == null)) {
      for (Node item : items(node, "variants")) {
        MapNode v = map(item, "a variant");
        if (v != null && string(v, "name", "a variant") != null) {
          out.add(v);
        }
      }
    }
    return out;
  }

  private static String variantName(MapNode v) {
    return ((ScalarNode) v.get("name")).text();
  }

  /** A variant's payload as {@code {type, value}}, or null. */
  private static Object payload(MapNode v) {
    Node p = v.get("payload");
    return p instanceof MapNode ? p.toPlain() : null;
  }

  private Map<String, String> parameters(Node node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node instanceof MapNode) {
      for (Node.Field f : ((MapNode) node).fields()) {
        if (f.value() instanceof ScalarNode && ((ScalarNode) f.value()).value() != null) {
          out.put(f.name(), Values.text(((ScalarNode) f.value()).value()));
        }
      }
    } else if (node != null && !(node instanceof ScalarNode && ((ScalarNode) node).value() == null)) {
      problems.add(node, "strategy 'parameters' must be a map, not " + node.describe());
    }
    return out;
  }

  private List<Node> items(Node node, String what) {
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof ListNode)) {
      problems.add(node, "'" + what + "' must be a list, not " + node.describe());
      return List.of();
    }
    return ((ListNode) node).items();
  }

  private MapNode map(Node node, String what) {
    if (node instanceof MapNode) {
      return (MapNode) node;
    }
    if (node != null) {
      problems.add(node, what + " must be a map, not " + node.describe());
    }
    return null;
  }

  private String string(MapNode m, String field, String what) {
    Node n = m.get(field);
    if (n instanceof ScalarNode && ((ScalarNode) n).value() instanceof String) {
      return (String) ((ScalarNode) n).value();
    }
    problems.add(n == null ? m : n, what + " needs '" + field + "' as a string"
        + (n == null ? "" : ", not " + n.describe()));
    return null;
  }

  private static Object scalar(Node n) {
    return n instanceof ScalarNode ? ((ScalarNode) n).value() : null;
  }
}
