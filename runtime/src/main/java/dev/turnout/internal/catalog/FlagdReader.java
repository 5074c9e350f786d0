package dev.turnout.internal.catalog;

import dev.turnout.internal.catalog.Catalog.Computed;
import dev.turnout.internal.catalog.Catalog.Dialect;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog.Rule;
import dev.turnout.internal.catalog.Catalog.Settings;
import dev.turnout.internal.catalog.Node.Field;
import dev.turnout.internal.catalog.Node.ListNode;
import dev.turnout.internal.catalog.Node.MapNode;
import dev.turnout.internal.catalog.Node.ScalarNode;
import dev.turnout.internal.engine.JsonLogic;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a flagd flag definition file ({@code {"flags": {...}, "$evaluators": {...}, "metadata": {...}}})
 * into a {@link Catalog} with {@link Dialect#FLAGD} semantics. The file is checked as flagd's schema
 * checks it (state, non-empty variants of one type, scalar metadata, known operators) and rejected whole
 * on any problem; the one exception is a {@code $ref} to no evaluator, which, as in flagd, loads and
 * fails that flag's evaluations with {@code PARSE_ERROR}. Targeting is kept as its node tree and
 * compiled with the flag.
 */
public final class FlagdReader {

  private static final List<String> FLAG_FIELDS = List.of("state", "variants", "defaultVariant", "targeting", "metadata");

  private final Problems problems;
  private final boolean strict;
  private Fingerprint evaluatorsPrint;

  private FlagdReader(Problems problems, boolean strict) {
    this.problems = problems;
    this.strict = strict;
  }

  /** Whether the root looks like a flagd file: {@code $evaluators}, or flags with {@code state} or {@code defaultVariant}. */
  static boolean recognises(Node root) {
    if (!(root instanceof MapNode)) {
      return false;
    }
    MapNode m = (MapNode) root;
    if (m.has("$evaluators")) {
      return true;
    }
    Node flags = m.get("flags");
    if (flags instanceof ListNode) {
      // flagd's list form: flags that carry their key (Turnout's flags are a map).
      for (Node item : ((ListNode) flags).items()) {
        if (item instanceof MapNode && ((MapNode) item).has("key")
            && (((MapNode) item).has("state") || ((MapNode) item).has("variants"))) {
          return true;
        }
      }
      return false;
    }
    if (flags instanceof MapNode) {
      for (Field f : ((MapNode) flags).fields()) {
        if (f.value() instanceof MapNode && (((MapNode) f.value()).has("state") || ((MapNode) f.value()).has("defaultVariant"))) {
          return true;
        }
      }
    }
    return false;
  }

  static Catalog read(String source, Node root, Problems problems) {
    return new FlagdReader(problems, false).catalog(source, root);
  }

  /**
   * Checks a flagd targeting rule alone (a {@code targeting} value) as strictly as flagd's schema does:
   * besides unknown operators, fractional weights that are not whole numbers of at least 0, a literal
   * bucketing key, non-string {@code starts_with}/{@code ends_with} arguments, unknown {@code $flagd.}
   * properties, and {@code sem_ver} operators or versions that are not valid. The engine itself reads
   * those leniently, as flagd evaluates them (they answer null).
   *
   * @throws dev.turnout.CatalogException listing the problems
   */
  public static void checkTargeting(String source, String text) {
    Problems problems = new Problems(source);
    Node root = TreeReader.read(text, dev.turnout.CatalogFormat.JSON, problems);
    problems.throwIfAny();
    new FlagdReader(problems, true).targeting(root, "targeting", Map.of());
    problems.throwIfAny();
  }

  /** Like {@link CatalogReader#read} for a flagd file, with the strict targeting checks of {@link #checkTargeting}. */
  public static Catalog readStrict(String source, String text) {
    Problems problems = new Problems(source);
    Node root = TreeReader.read(text, dev.turnout.CatalogFormat.JSON, problems);
    problems.throwIfAny();
    Catalog c = new FlagdReader(problems, true).catalog(source, root);
    problems.throwIfAny();
    return c;
  }

  private Catalog catalog(String source, Node rootNode) {
    if (!(rootNode instanceof MapNode)) {
      problems.add(rootNode, "a flagd file is a map with 'flags', not " + rootNode.describe());
      return null;
    }
    MapNode root = (MapNode) rootNode;
    for (Field f : root.fields()) {
      if (!List.of("flags", "$evaluators", "metadata", "$schema").contains(f.name())) {
        problems.add(f, "unknown field '" + f.name() + "' in a flagd file (known: flags, $evaluators, metadata, $schema)");
      }
    }
    Map<String, Object> setMetadata = metadata(root.get("metadata"), "flag-set metadata");
    Map<String, Node> evaluators = new LinkedHashMap<>();
    Node ev = root.get("$evaluators");
    if (ev instanceof MapNode) {
      for (Field f : ((MapNode) ev).fields()) {
        evaluators.put(f.name(), f.value());
      }
    } else if (ev != null) {
      problems.add(ev, "'$evaluators' must be a map of names to JsonLogic rules, not " + ev.describe());
    }
    Map<String, Flag> flags = new LinkedHashMap<>();
    Node flagsNode = root.get("flags");
    if (flagsNode == null) {
      problems.add(root, "a flagd file needs 'flags'");
    } else if (flagsNode instanceof MapNode) {
      for (Field f : ((MapNode) flagsNode).fields()) {
        Flag flag = flag(f.name(), f.value(), setMetadata, evaluators);
        if (flag != null) {
          flags.put(f.name(), flag);
        }
      }
    } else if (flagsNode instanceof ListNode && arrayFormAllowed(root)) {
      for (Node item : ((ListNode) flagsNode).items()) {
        Node key = item instanceof MapNode ? ((MapNode) item).get("key") : null;
        if (!(key instanceof ScalarNode) || !((ScalarNode) key).isString()) {
          problems.add(item, "a flag in the list form of 'flags' needs a string 'key'");
          continue;
        }
        String name = (String) ((ScalarNode) key).value();
        Flag flag = flag(name, item, setMetadata, evaluators);
        if (flag != null && flags.putIfAbsent(name, flag) != null) {
          problems.add(key, "duplicate flag key '" + name + "'");
        }
      }
    } else if (flagsNode instanceof ListNode) {
      problems.add(flagsNode, "'flags' must be a map of flag keys to flags; the list form is flagd's own "
          + "(declare \"$schema\": \"https://flagd.dev/schema/v0/flagd.json\" to use it)");
    } else {
      problems.add(flagsNode, "'flags' must be a map of flag keys to flags, not " + flagsNode.describe());
    }
    return new Catalog(source, null, Collections.unmodifiableMap(flags), Map.of());
  }

  private static boolean arrayFormAllowed(MapNode root) {
    Node schema = root.get("$schema");
    return schema instanceof ScalarNode && String.valueOf(((ScalarNode) schema).value()).endsWith("flagd.json");
  }

  private Flag flag(String key, Node node, Map<String, Object> setMetadata, Map<String, Node> evaluators) {
    if (!(node instanceof MapNode)) {
      problems.add(node, "flag '" + key + "' must be a map, not " + node.describe());
      return null;
    }
    MapNode m = (MapNode) node;
    for (Field f : m.fields()) {
      if (!FLAG_FIELDS.contains(f.name()) && !f.name().equals("key")) {
        problems.add(f, "unknown field '" + f.name() + "' in flag '" + key + "' (known: " + String.join(", ", FLAG_FIELDS) + ")");
      }
    }
    int before = problems.size();
    Node state = m.get("state");
    boolean enabled = false;
    if (state == null) {
      problems.add(m, "flag '" + key + "' needs 'state' (ENABLED or DISABLED)");
    } else if (state instanceof ScalarNode && "ENABLED".equals(((ScalarNode) state).value())) {
      enabled = true;
    } else if (!(state instanceof ScalarNode && "DISABLED".equals(((ScalarNode) state).value()))) {
      problems.add(state, "flag '" + key + "': state must be ENABLED or DISABLED, not " + describe(state));
    }
    Map<String, Object> variants = new LinkedHashMap<>();
    Node variantsNode = m.get("variants");
    if (variantsNode == null) {
      problems.add(m, "flag '" + key + "' needs 'variants' (a map of variant names to values)");
    } else if (!(variantsNode instanceof MapNode) || ((MapNode) variantsNode).fields().isEmpty()) {
      problems.add(variantsNode, "flag '" + key + "': 'variants' must be a map with at least one variant, not "
          + (variantsNode instanceof MapNode ? "an empty map" : variantsNode.describe()));
    } else {
      String type = null;
      for (Field f : ((MapNode) variantsNode).fields()) {
        String t = valueType(f.value());
        if (t == null) {
          problems.add(f.value(), "flag '" + key + "': variant '" + f.name() + "' must be a boolean, string, number or object, not "
              + f.value().describe());
        } else if (type != null && !type.equals(t)) {
          problems.add(f.value(), "flag '" + key + "': variant '" + f.name() + "' is " + t + " but the first variant is " + type
              + ": all variants of a flag have one type");
        } else {
          type = t;
        }
        variants.put(f.name(), f.value().toPlain());
      }
    }
    String defaultVariant = null;
    Node def = m.get("defaultVariant");
    if (def instanceof ScalarNode && ((ScalarNode) def).isString()) {
      defaultVariant = (String) ((ScalarNode) def).value();
      if (!variants.isEmpty() && !variants.containsKey(defaultVariant)) {
        problems.add(def, "flag '" + key + "': defaultVariant '" + defaultVariant + "' is not one of its variants "
            + variants.keySet());
      }
    } else if (def != null && !(def instanceof ScalarNode && ((ScalarNode) def).value() == null)) {
      problems.add(def, "flag '" + key + "': defaultVariant must be a variant name or null, not " + def.describe());
    }
    Map<String, Object> metadata = new LinkedHashMap<>(setMetadata);
    metadata.putAll(metadata(m.get("metadata"), "metadata of flag '" + key + "'"));
    List<Rule> rules = List.of();
    Node targeting = m.get("targeting");
    if (targeting != null && !(targeting instanceof MapNode && ((MapNode) targeting).fields().isEmpty())) {
      if (!(targeting instanceof MapNode)) {
        problems.add(targeting, "flag '" + key + "': targeting must be a JsonLogic rule (a map), not " + targeting.describe());
      } else {
        JsonLogic.Expr compiled = targeting(targeting, key, evaluators);
        rules = List.of(new Rule(targeting.line(), targeting.column(), null,
            new Computed(targeting, Map.copyOf(evaluators), compiled), null, null));
      }
    }
    if (problems.size() > before) {
      return null;
    }
    Settings settings = new Settings(enabled, defaultVariant, null, rules, null, null, null);
    return new Flag(key, m.line(), m.column(), null, null, null, null, null, null, List.of(), false,
        Collections.unmodifiableMap(variants), settings, Map.of(), Fingerprint.of(m, evaluatorsPrint(evaluators)),
        Dialect.FLAGD, Collections.unmodifiableMap(metadata));
  }

  /** The evaluators' fingerprint, computed once per catalog rather than once per flag. */
  private Fingerprint evaluatorsPrint(Map<String, Node> evaluators) {
    if (evaluatorsPrint == null) {
      evaluatorsPrint = Fingerprint.of(new Node.MapNode(0, 0), evaluators);
    }
    return evaluatorsPrint;
  }

  /**
   * The targeting compiled, once: validating it is compiling it, and the engine evaluates this tree. Null
   * when it has a problem (added to the problems) or a {@code $ref} to no evaluator (not a problem: flagd
   * loads the flag and fails its evaluations).
   */
  private JsonLogic.Expr targeting(Node targeting, String key, Map<String, Node> evaluators) {
    try {
      return JsonLogic.compile(targeting, key, evaluators, strict);
    } catch (JsonLogic.Problem p) {
      if (!p.unresolvedReference) {
        problems.add(p.at, (key.equals("targeting") ? "" : "flag '" + key + "': ") + p.getMessage());
      }
      return null;
    }
  }

  private Map<String, Object> metadata(Node node, String what) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof MapNode)) {
      problems.add(node, what + " must be a map, not " + node.describe());
      return out;
    }
    for (Field f : ((MapNode) node).fields()) {
      if (f.value() instanceof ScalarNode && ((ScalarNode) f.value()).value() != null) {
        out.put(f.name(), ((ScalarNode) f.value()).value());
      } else {
        problems.add(f.value(), what + ": '" + f.name() + "' must be a string, number or boolean, not " + f.value().describe());
      }
    }
    return out;
  }

  private static String valueType(Node n) {
    if (n instanceof MapNode) {
      return "an object";
    }
    if (!(n instanceof ScalarNode) || ((ScalarNode) n).value() == null) {
      return null;
    }
    ScalarNode s = (ScalarNode) n;
    return s.isString() ? "a string" : s.isNumber() ? "a number" : "a boolean";
  }

  private static String describe(Node n) {
    return n instanceof ScalarNode ? "'" + ((ScalarNode) n).text() + "'" : n.describe();
  }
}
