package dev.turnout.internal.catalog;

import dev.turnout.internal.catalog.Catalog.All;
import dev.turnout.internal.catalog.Catalog.Any;
import dev.turnout.internal.catalog.Catalog.Clause;
import dev.turnout.internal.catalog.Catalog.Condition;
import dev.turnout.internal.catalog.Catalog.Fixed;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog.Not;
import dev.turnout.internal.catalog.Catalog.Rollout;
import dev.turnout.internal.catalog.Catalog.Rule;
import dev.turnout.internal.catalog.Catalog.ScheduleStep;
import dev.turnout.internal.catalog.Catalog.Segment;
import dev.turnout.internal.catalog.Catalog.SegmentRef;
import dev.turnout.internal.catalog.Catalog.Serve;
import dev.turnout.internal.catalog.Catalog.Settings;
import dev.turnout.internal.catalog.Node.Field;
import dev.turnout.internal.catalog.Node.ListNode;
import dev.turnout.internal.catalog.Node.MapNode;
import dev.turnout.internal.catalog.Node.ScalarNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a catalog in Turnout's own format (flags-format.md) from its parsed tree,
 * collecting every problem with its line and column. {@link CatalogReader} is the front door: it parses
 * the text, recognises the format and hands a native catalog's tree to this reader.
 */
final class NativeReader {

  private static final List<String> ROOT_FIELDS = List.of("package", "flags", "segments");
  private static final List<String> ENV_FIELDS =
      List.of("enabled", "default", "off", "rules", "allow", "percentage", "schedule");
  private static final List<String> FLAG_FIELDS;

  static {
    List<String> f = new ArrayList<>(List.of(
        "description", "owner", "ticket", "created", "expires", "kind", "tags", "variants", "environments"));
    f.addAll(ENV_FIELDS);
    FLAG_FIELDS = List.copyOf(f);
  }

  private static final List<String> KINDS = List.of("release", "experiment", "ops", "permission");
  private static final List<String> RULE_FIELDS = List.of("when", "serve", "from", "until");
  private static final List<String> ROLLOUT_FIELDS = List.of("rollout", "by", "salt");
  private static final List<String> SEGMENT_FIELDS = List.of("keys", "when");
  private static final List<String> STEP_FIELDS = List.of("at", "percentage");
  private static final List<String> CONDITION_FORMS = List.of("attribute", "all", "any", "not", "segment", "flag");
  private static final Set<String> CONDITION_FORM_SET = Set.copyOf(CONDITION_FORMS);
  private static final List<String> CLAUSE_FIELDS = List.of("attribute", "op", "values", "ignore_case");
  private static final List<String> FLAG_CHECK_FIELDS = List.of("flag", "enabled", "variants");
  private static final java.util.regex.Pattern PACKAGE =
      java.util.regex.Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  private static final List<String> OPERATOR_NAMES;
  /** The field lists checked for every flag, rule and clause, as sets (looked up by the list's identity). */
  private static final Map<List<String>, Set<String>> FIELD_SETS = new IdentityHashMap<>();

  static {
    for (List<String> known : List.of(ROOT_FIELDS, ENV_FIELDS, FLAG_FIELDS, RULE_FIELDS, ROLLOUT_FIELDS, SEGMENT_FIELDS,
        STEP_FIELDS, CLAUSE_FIELDS, FLAG_CHECK_FIELDS)) {
      FIELD_SETS.put(known, Set.copyOf(known));
    }
  }

  /** The variants of every boolean flag, one map for all of them. */
  private static final Map<String, Object> BOOLEAN_VARIANTS;

  static {
    Map<String, Object> booleans = new LinkedHashMap<>();
    booleans.put(Catalog.ON, Boolean.TRUE);
    booleans.put(Catalog.OFF, Boolean.FALSE);
    BOOLEAN_VARIANTS = Collections.unmodifiableMap(booleans);
  }

  static {
    List<String> names = new ArrayList<>();
    for (Operator op : Operator.values()) {
      names.add(op.catalogName());
    }
    OPERATOR_NAMES = List.copyOf(names);
  }

  private final Problems problems;
  private final Fingerprint.Encoder fingerprints = new Fingerprint.Encoder();
  /** Segment references to check once all segments are known. */
  private final List<SegmentRef> segmentRefs = new ArrayList<>();
  /** {@code {flag: ...}} conditions, to check once all flags are known. */
  private final List<FlagRef> flagRefs = new ArrayList<>();

  private record FlagRef(String flag, List<String> variants, Node at) {}

  private NativeReader(Problems problems) {
    this.problems = problems;
  }

  /** The native catalog in {@code root}; problems are added to {@code problems}, and the result is then partial. */
  static Catalog read(String source, Node root, Problems problems) {
    return new NativeReader(problems).catalog(source, root);
  }

  private Catalog catalog(String source, Node rootNode) {
    MapNode root = map(rootNode, "the catalog");
    if (root == null) {
      return null;
    }
    if (!root.has("flags") && !root.has("segments") && !root.has("package")) {
      // Not a catalog at all (perhaps another file): say so without quoting what it holds.
      problems.add(root, "the catalog has no 'flags' field: this is not a Turnout, flagd or Unleash catalog");
      return null;
    }
    checkFields(root, ROOT_FIELDS, "catalog");
    String pkg = null;
    Node pkgNode = root.get("package");
    if (pkgNode != null) {
      pkg = string(pkgNode, "package");
      if (pkg != null && !PACKAGE.matcher(pkg).matches()) {
        problems.add(pkgNode, "package '" + pkg + "' is not a Java package name");
      }
    }

    Map<String, Segment> segments = new LinkedHashMap<>();
    Node segNode = root.get("segments");
    if (segNode != null) {
      MapNode segMap = map(segNode, "segments");
      if (segMap != null) {
        for (int i = 0; i < segMap.size(); i++) {
          Segment s = segment(segMap.fieldAt(i));
          if (s != null) {
            segments.put(s.name(), s);
          }
        }
      }
    }

    Field flagsField = root.field("flags");
    int flagCount = flagsField != null && flagsField.value() instanceof MapNode
        ? ((MapNode) flagsField.value()).size() : 0;
    Map<String, Flag> flags = new LinkedHashMap<>(Math.max(16, flagCount * 4 / 3 + 1));
    if (flagsField == null) {
      problems.add(root, "the catalog has no 'flags' field (write 'flags: {}' for a catalog without flags)");
    } else {
      MapNode flagMap = map(flagsField.value(), "flags");
      if (flagMap != null) {
        Map<String, String> constants = new HashMap<>(Math.max(16, flagCount * 4 / 3 + 1));
        for (int i = 0; i < flagMap.size(); i++) {
          Field f = flagMap.fieldAt(i);
          if (!Names.isValidKey(f.name())) {
            problems.add(f, "flag key '" + f.name() + "' is not valid: use letters, digits, '.', '_' and '-', "
                + "starting with a letter or digit, at most " + Names.MAX_KEY_LENGTH + " characters");
            continue;
          }
          String constant = Names.constantName(f.name());
          String clash = constants.putIfAbsent(constant, f.name());
          if (clash != null) {
            problems.add(f, "flag key '" + f.name() + "' and '" + clash + "' both make the constant " + constant
                + ": rename one");
          }
          Flag flag = flag(f);
          if (flag != null) {
            flags.put(flag.key(), flag);
          }
        }
      }
    }

    for (SegmentRef ref : segmentRefs) {
      if (!segments.containsKey(ref.segment())) {
        problems.add(ref.line(), ref.column(), "unknown segment '" + ref.segment() + "'"
            + Names.didYouMean(ref.segment(), segments.keySet()));
      }
    }
    checkFlagRefs(flags);
    Catalog catalog = new Catalog(source, pkg, Collections.unmodifiableMap(flags), Collections.unmodifiableMap(segments));
    References.check(catalog, problems);
    return catalog;
  }

  // ---- flags

  private Flag flag(Field field) {
    MapNode m = map(field.value(), "flag", field.name());
    if (m == null) {
      return null;
    }
    String key = field.name();
    checkFields(m, FLAG_FIELDS, "flag", key);
    String description = optionalString(m, "description");
    String owner = optionalString(m, "owner");
    String ticket = optionalString(m, "ticket");
    LocalDate created = date(m.get("created"), "created");
    LocalDate expires = date(m.get("expires"), "expires");
    if (created != null && expires != null && expires.isBefore(created)) {
      problems.add(m.get("expires"), "expires " + expires + " is before created " + created);
    }
    String kind = optionalString(m, "kind");
    if (kind != null && !KINDS.contains(kind)) {
      problems.add(m.get("kind"), "unknown kind '" + kind + "' (known: " + String.join(", ", KINDS) + ")");
    }
    List<String> tags = m.has("tags") ? stringList(m.get("tags"), "tags") : List.of();

    boolean isBoolean = !m.has("variants");
    Map<String, Object> variants;
    if (isBoolean) {
      variants = BOOLEAN_VARIANTS;
    } else {
      variants = new LinkedHashMap<>();
      variants(m.get("variants"), variants);
      variants = Collections.unmodifiableMap(variants);
    }

    Settings settings = settings(m, variants, isBoolean);
    Map<String, Settings> environments = Map.of();
    Node envNode = m.get("environments");
    if (envNode != null) {
      environments = new LinkedHashMap<>();
      MapNode envs = map(envNode, "environments");
      if (envs != null) {
        for (int i = 0; i < envs.size(); i++) {
          Field env = envs.fieldAt(i);
          MapNode e = map(env.value(), "environment", env.name());
          if (e != null) {
            checkFields(e, ENV_FIELDS, "environment", env.name());
            environments.put(env.name(), settings(e, variants, isBoolean));
          }
        }
      }
    }
    return new Flag(key, field.line(), field.column(), description, owner, ticket, created, expires, kind, tags,
        isBoolean, variants, settings, environments.isEmpty() ? Map.of() : Collections.unmodifiableMap(environments),
        fingerprints.of(m));
  }

  private void variants(Node node, Map<String, Object> out) {
    if (node instanceof ListNode) {
      for (Node item : ((ListNode) node).items()) {
        String name = variantName(item);
        if (name != null && out.putIfAbsent(name, name) != null) {
          problems.add(item, "duplicate variant '" + name + "'");
        }
      }
    } else if (node instanceof MapNode) {
      for (Field f : ((MapNode) node).fields()) {
        if (!Names.isValidKey(f.name())) {
          problems.add(f, "variant name '" + f.name() + "' is not valid: use letters, digits, '.', '_' and '-'");
        }
        out.put(f.name(), f.value().toPlain());
      }
    } else {
      problems.add(node, "variants must be a list of names or a map of name to value, not " + node.describe());
      return;
    }
    if (out.isEmpty()) {
      problems.add(node, "variants must name at least one variant");
    }
  }

  private String variantName(Node item) {
    if (!(item instanceof ScalarNode) || ((ScalarNode) item).value() == null) {
      problems.add(item, "a variant name must be a string, not " + item.describe());
      return null;
    }
    String name = scalarText((ScalarNode) item);
    if (!Names.isValidKey(name)) {
      problems.add(item, "variant name '" + name + "' is not valid: use letters, digits, '.', '_' and '-'");
      return null;
    }
    return name;
  }

  /** Reads the overridable fields of a flag or environment. */
  private Settings settings(MapNode m, Map<String, Object> variants, boolean isBoolean) {
    Boolean enabled = null;
    Node en = m.get("enabled");
    if (en != null) {
      if (en instanceof ScalarNode && ((ScalarNode) en).value() instanceof Boolean) {
        enabled = (Boolean) ((ScalarNode) en).value();
      } else {
        problems.add(en, "enabled must be true or false, not " + en.describe());
      }
    }
    Node defNode = m.get("default");
    String def = defNode != null ? variantRef(defNode, variants, "default") : null;
    Node offNode = m.get("off");
    String off = offNode != null ? variantRef(offNode, variants, "off") : null;

    List<String> allow = null;
    Node allowNode = m.get("allow");
    if (allowNode != null) {
      requireBooleanShape(allowNode, "allow", isBoolean, variants);
      allow = stringList(allowNode, "allow");
    }
    Integer percentage = null;
    Node pNode = m.get("percentage");
    if (pNode != null) {
      requireBooleanShape(pNode, "percentage", isBoolean, variants);
      percentage = percent(pNode, "percentage");
    }
    List<ScheduleStep> schedule = null;
    Node sNode = m.get("schedule");
    if (sNode != null) {
      requireBooleanShape(sNode, "schedule", isBoolean, variants);
      schedule = schedule(sNode);
    }
    List<Rule> rules = null;
    Node rNode = m.get("rules");
    if (rNode != null) {
      ListNode list = list(rNode, "rules");
      if (list != null) {
        Rule[] read = new Rule[list.size()];
        int n = 0;
        for (int i = 0; i < read.length; i++) {
          Rule rule = rule(list.item(i), variants);
          if (rule != null) {
            read[n++] = rule;
          }
        }
        rules = n == read.length ? List.of(read) : List.of(Arrays.copyOf(read, n));
      }
    }
    return new Settings(enabled, def, off, rules, allow, percentage, schedule);
  }

  private void requireBooleanShape(Node at, String field, boolean isBoolean, Map<String, Object> variants) {
    if (!isBoolean && !(variants.containsKey(Catalog.ON) && variants.containsKey(Catalog.OFF))) {
      problems.add(at, field + " is for boolean flags (variants on and off); this flag declares "
          + String.join(", ", variants.keySet()) + ": use rules instead");
    }
  }

  private List<ScheduleStep> schedule(Node node) {
    ListNode list = list(node, "schedule");
    if (list == null) {
      return null;
    }
    List<ScheduleStep> steps = new ArrayList<>();
    Instant previous = null;
    for (Node item : list.items()) {
      MapNode step = map(item, "a schedule step");
      if (step == null) {
        continue;
      }
      checkFields(step, STEP_FIELDS, "schedule step");
      Node atNode = step.get("at");
      Node pNode = step.get("percentage");
      if (atNode == null || pNode == null) {
        problems.add(step, "a schedule step needs both 'at' and 'percentage'");
        continue;
      }
      Instant at = instant(atNode, "at");
      Integer p = percent(pNode, "percentage");
      if (at == null || p == null) {
        continue;
      }
      if (previous != null && !at.isAfter(previous)) {
        problems.add(atNode, "schedule steps must be in time order: " + at + " is not after " + previous);
      }
      previous = at;
      steps.add(new ScheduleStep(at, p));
    }
    return Collections.unmodifiableList(steps);
  }

  private Rule rule(Node node, Map<String, Object> variants) {
    MapNode m = map(node, "a rule");
    if (m == null) {
      return null;
    }
    checkFields(m, RULE_FIELDS, "rule");
    Node whenNode = m.get("when");
    Condition when = whenNode != null ? condition(whenNode) : null;
    Serve serve = null;
    Node serveNode = m.get("serve");
    if (serveNode == null) {
      problems.add(m, "a rule needs 'serve'");
    } else {
      serve = serve(serveNode, variants);
    }
    Node fromNode = m.get("from");
    Instant from = fromNode != null ? instant(fromNode, "from") : null;
    Node untilNode = m.get("until");
    Instant until = untilNode != null ? instant(untilNode, "until") : null;
    if (from != null && until != null && !until.isAfter(from)) {
      problems.add(m.get("until"), "until " + until + " is not after from " + from);
    }
    return serve == null ? null : new Rule(m.line(), m.column(), when, serve, from, until);
  }

  private Serve serve(Node node, Map<String, Object> variants) {
    if (node instanceof ScalarNode) {
      String v = variantRef(node, variants, "serve");
      return v == null ? null : new Fixed(v);
    }
    MapNode m = map(node, "serve");
    if (m == null) {
      return null;
    }
    checkFields(m, ROLLOUT_FIELDS, "serve");
    Node rNode = m.get("rollout");
    if (rNode == null) {
      problems.add(m, "serve is a variant name or { rollout: {variant: weight, ...} }");
      return null;
    }
    MapNode weights = map(rNode, "rollout");
    if (weights == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    List<Integer> units = new ArrayList<>();
    long sum = 0;
    boolean ok = true;
    for (Field f : weights.fields()) {
      if (!variants.containsKey(f.name())) {
        problems.add(f, "variant '" + f.name() + "' is not declared" + declared(variants) + Names.didYouMean(f.name(), variants.keySet()));
        ok = false;
        continue;
      }
      Integer w = percent(f.value(), "weight of '" + f.name() + "'");
      if (w == null) {
        ok = false;
        continue;
      }
      names.add(f.name());
      units.add(w);
      sum += w;
    }
    if (weights.fields().isEmpty()) {
      problems.add(weights, "rollout needs at least one variant with a weight");
      return null;
    }
    if (ok && sum != 100_000) {
      problems.add(weights, "rollout weights sum to " + new BigDecimal(sum).movePointLeft(3).stripTrailingZeros().toPlainString()
          + ", not 100");
      ok = false;
    }
    String by = m.has("by") ? string(m.get("by"), "by") : null;
    if (by != null && by.isEmpty()) {
      problems.add(m.get("by"), "by must name an attribute");
    }
    String salt = m.has("salt") ? string(m.get("salt"), "salt") : null;
    return ok ? new Rollout(List.copyOf(names), List.copyOf(units), "key".equals(by) ? null : by, salt) : null;
  }

  // ---- conditions

  private Condition condition(Node node) {
    MapNode m = map(node, "a condition");
    if (m == null) {
      return null;
    }
    String form = null;
    int formCount = 0;
    for (int i = 0; i < m.size(); i++) {
      String name = m.fieldAt(i).name();
      if (CONDITION_FORM_SET.contains(name)) {
        form = name;
        formCount++;
      }
    }
    if (formCount != 1) {
      if (formCount == 0) {
        for (Field f : m.fields()) {
          if (!CLAUSE_FIELDS.contains(f.name())) {
            problems.add(f, "unknown field '" + f.name() + "' in condition" + Names.didYouMean(f.name(), CONDITION_FORMS)
                + "; a condition is {attribute, op, values}, {all: [...]}, {any: [...]}, {not: ...} or {segment: name}");
            return null;
          }
        }
        problems.add(m, "a condition is {attribute, op, values}, {all: [...]}, {any: [...]}, {not: ...} or {segment: name}");
      } else {
        List<String> forms = new ArrayList<>(formCount);
        for (Field f : m.fields()) {
          if (CONDITION_FORM_SET.contains(f.name())) {
            forms.add(f.name());
          }
        }
        problems.add(m, "a condition has exactly one of attribute, all, any, not, segment; this one has "
            + String.join(", ", forms));
      }
      return null;
    }
    switch (form) {
      case "attribute":
        return clause(m);
      case "all":
      case "any": {
        checkFields(m, List.of(form), "'" + form + "' condition");
        ListNode list = list(m.get(form), form);
        if (list == null) {
          return null;
        }
        if (list.items().isEmpty()) {
          problems.add(list, form + " needs at least one condition");
          return null;
        }
        List<Condition> parts = new ArrayList<>();
        for (Node item : list.items()) {
          Condition c = condition(item);
          if (c == null) {
            return null;
          }
          parts.add(c);
        }
        return form.equals("all") ? new All(List.copyOf(parts)) : new Any(List.copyOf(parts));
      }
      case "flag": {
        checkFields(m, FLAG_CHECK_FIELDS, "'flag' condition");
        String flag = string(m.get("flag"), "flag");
        Node enabledNode = m.get("enabled");
        boolean enabled = true;
        if (enabledNode != null) {
          if (!(enabledNode instanceof ScalarNode && ((ScalarNode) enabledNode).value() instanceof Boolean)) {
            problems.add(enabledNode, "enabled must be true or false, not " + enabledNode.describe());
            return null;
          }
          enabled = (Boolean) ((ScalarNode) enabledNode).value();
        }
        List<String> variants = m.has("variants") ? stringList(m.get("variants"), "variants") : List.of();
        if (flag == null || variants == null) {
          return null;
        }
        flagRefs.add(new FlagRef(flag, variants, m.get("flag")));
        return new Catalog.FlagCheck(flag, enabled, List.copyOf(variants));
      }
      case "not": {
        checkFields(m, List.of("not"), "'not' condition");
        Condition c = condition(m.get("not"));
        return c == null ? null : new Not(c);
      }
      default: {
        checkFields(m, List.of("segment"), "'segment' condition");
        Node s = m.get("segment");
        String name = string(s, "segment");
        if (name == null) {
          return null;
        }
        SegmentRef ref = new SegmentRef(s.line(), s.column(), name);
        segmentRefs.add(ref);
        return ref;
      }
    }
  }

  private Condition clause(MapNode m) {
    checkFields(m, CLAUSE_FIELDS, "clause");
    String attribute = string(m.get("attribute"), "attribute");
    Node opNode = m.get("op");
    if (opNode == null) {
      problems.add(m, "a clause needs 'op' (one of " + String.join(", ", OPERATOR_NAMES) + ")");
      return null;
    }
    String opName = string(opNode, "op");
    if (opName == null) {
      return null;
    }
    Operator op = Operator.forCatalogName(opName);
    if (op == null) {
      problems.add(opNode, "unknown operator '" + opName + "'" + Names.didYouMean(opName, OPERATOR_NAMES)
          + " (known: " + String.join(", ", OPERATOR_NAMES) + ")");
      return null;
    }
    if (attribute == null) {
      return null;
    }
    if (attribute.isEmpty()) {
      problems.add(m.get("attribute"), "attribute must name an attribute");
      return null;
    }
    Node valuesNode = m.get("values");
    List<Object> values = List.of();
    if (valuesNode == null) {
      if (op != Operator.EXISTS) {
        problems.add(m, "operator " + opName + " needs 'values'");
        return null;
      }
    } else {
      ListNode list = list(valuesNode, "values");
      if (list == null) {
        return null;
      }
      Object[] read = new Object[list.size()];
      for (int i = 0; i < read.length; i++) {
        Object v = clauseValue(list.item(i), op);
        if (v == null) {
          return null;
        }
        read[i] = v;
      }
      values = List.of(read);
    }
    boolean ignoreCase = false;
    Node ignoreCaseNode = m.get("ignore_case");
    if (ignoreCaseNode != null) {
      if (!(ignoreCaseNode instanceof ScalarNode && ((ScalarNode) ignoreCaseNode).value() instanceof Boolean)) {
        problems.add(ignoreCaseNode, "ignore_case must be true or false, not " + ignoreCaseNode.describe());
        return null;
      }
      ignoreCase = (Boolean) ((ScalarNode) ignoreCaseNode).value();
    }
    return new Clause(m.line(), m.column(), attribute, op, values, ignoreCase);
  }

  private Object clauseValue(Node item, Operator op) {
    if (!(item instanceof ScalarNode) || ((ScalarNode) item).value() == null) {
      problems.add(item, "values of " + op.catalogName() + " must be strings, numbers or booleans, not " + item.describe());
      return null;
    }
    ScalarNode s = (ScalarNode) item;
    if (op.isNumeric()) {
      if (!s.isNumber()) {
        problems.add(item, "operator " + op.catalogName() + " compares numbers: '" + s.text() + "' is not a number");
        return null;
      }
      return s.value();
    }
    // For equality, a number is compared by its value's text, written as an EvaluationContext writes
    // numbers (1_000 is "1000", 2.0 is "2"). Other operators keep the text as written (semver 2.10).
    boolean equality = op == Operator.EQUALS || op == Operator.NOT_EQUALS || op == Operator.IN || op == Operator.NOT_IN;
    String text = s.isNumber() && equality ? Values.text(s.value()) : scalarText(s);
    if (op.isSemver() && SemVer.parse(text) == null) {
      problems.add(item, "'" + text + "' is not a semantic version (like 2.4.0 or 2.4.0-beta.1)");
      return null;
    }
    if (op.isTime() && CatalogReader.parseInstant(text) == null) {
      problems.add(item, "'" + text + "' is not an ISO-8601 instant (like 2026-12-01T09:00:00Z)");
      return null;
    }
    if (op == Operator.MATCHES) {
      String problem = Patterns.problem(text);
      if (problem != null) {
        problems.add(item, problem);
        return null;
      }
    }
    return text;
  }

  private void checkFlagRefs(Map<String, Flag> flags) {
    for (FlagRef ref : flagRefs) {
      Flag target = flags.get(ref.flag());
      if (target == null) {
        problems.add(ref.at(), "unknown flag '" + ref.flag() + "'" + Names.didYouMean(ref.flag(), flags.keySet()));
        continue;
      }
      for (String v : ref.variants()) {
        if (!target.variants().containsKey(v)) {
          problems.add(ref.at(), "flag '" + ref.flag() + "' has no variant '" + v + "'" + declared(target.variants()));
        }
      }
    }
  }

  // ---- segments

  private Segment segment(Field f) {
    MapNode m = map(f.value(), "segment", f.name());
    if (m == null) {
      return null;
    }
    checkFields(m, SEGMENT_FIELDS, "segment", f.name());
    if (!m.has("keys") && !m.has("when")) {
      problems.add(f, "segment '" + f.name() + "' needs 'keys', 'when' or both");
      return null;
    }
    Set<String> keys = m.has("keys") ? new LinkedHashSet<>(stringList(m.get("keys"), "keys")) : Set.of();
    Condition when = m.has("when") ? condition(m.get("when")) : null;
    return new Segment(f.name(), f.line(), f.column(), Collections.unmodifiableSet(keys), when, fingerprints.of(m));
  }

  // ---- small readers

  private void checkFields(MapNode m, List<String> known, String where) {
    checkFields(m, known, where, null);
  }

  /** Reports each field of {@code m} that is not {@code known}, in the {@code kind} named {@code name} (null: none). */
  private void checkFields(MapNode m, List<String> known, String kind, String name) {
    Set<String> set = FIELD_SETS.get(known);
    for (int i = 0; i < m.size(); i++) {
      Field f = m.fieldAt(i);
      if (!(set != null ? set.contains(f.name()) : known.contains(f.name()))) {
        problems.add(f, "unknown field '" + f.name() + "' in " + named(kind, name) + Names.didYouMean(f.name(), known)
            + " (known: " + String.join(", ", known) + ")");
      }
    }
  }

  /** "flag 'name'", for messages: put together only when there is a problem to tell. */
  private static String named(String kind, String name) {
    return name == null ? kind : kind + " '" + name + "'";
  }

  private MapNode map(Node node, String what) {
    return map(node, what, null);
  }

  private MapNode map(Node node, String kind, String name) {
    if (node instanceof MapNode) {
      return (MapNode) node;
    }
    problems.add(node, named(kind, name) + " must be a map, not " + node.describe());
    return null;
  }

  private ListNode list(Node node, String what) {
    if (node instanceof ListNode) {
      return (ListNode) node;
    }
    problems.add(node, what + " must be a list, not " + node.describe());
    return null;
  }

  private String string(Node node, String what) {
    if (node instanceof ScalarNode && ((ScalarNode) node).isString()) {
      return (String) ((ScalarNode) node).value();
    }
    problems.add(node, what + " must be a string, not " + node.describe());
    return null;
  }

  private String optionalString(MapNode m, String field) {
    Node n = m.get(field);
    if (n == null) {
      return null;
    }
    if (n instanceof ScalarNode && ((ScalarNode) n).value() != null) {
      return scalarText((ScalarNode) n);
    }
    problems.add(n, field + " must be a string, not " + n.describe());
    return null;
  }

  /** A list of strings; numbers (as in {@code allow: [12345]}) count by their text. */
  private List<String> stringList(Node node, String what) {
    ListNode list = list(node, what);
    if (list == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node item : list.items()) {
      if (item instanceof ScalarNode && ((ScalarNode) item).value() != null && !(item instanceof ScalarNode && ((ScalarNode) item).value() instanceof Boolean)) {
        out.add(scalarText((ScalarNode) item));
      } else {
        problems.add(item, "items of " + what + " must be strings, not " + item.describe());
      }
    }
    return List.copyOf(out);
  }

  /**
   * A variant name that must be declared. YAML 1.1 readers turn on/off (and yes/no, true/false) into
   * booleans: a declared variant written that way is meant by name, else they mean on/off.
   */
  private String variantRef(Node node, Map<String, Object> variants, String what) {
    if (!(node instanceof ScalarNode) || ((ScalarNode) node).value() == null) {
      problems.add(node, what + " must name a variant, not " + node.describe());
      return null;
    }
    ScalarNode s = (ScalarNode) node;
    String name = s.value() instanceof Boolean && !variants.containsKey(s.text())
        ? ((Boolean) s.value() ? Catalog.ON : Catalog.OFF) : scalarText(s);
    if (!variants.containsKey(name)) {
      problems.add(node, what + " names variant '" + name + "', which is not declared" + declared(variants)
          + Names.didYouMean(name, variants.keySet()));
      return null;
    }
    return name;
  }

  private static String declared(Map<String, Object> variants) {
    return " (declared: " + String.join(", ", variants.keySet()) + ")";
  }

  /** A percentage from 0 to 100 with at most three decimals, in thousandths. */
  private Integer percent(Node node, String what) {
    if (!(node instanceof ScalarNode) || !((ScalarNode) node).isNumber()) {
      problems.add(node, what + " must be a number from 0 to 100, not " + node.describe());
      return null;
    }
    ScalarNode s = (ScalarNode) node;
    if (s.value() instanceof Long && (Long) s.value() >= 0 && (Long) s.value() <= 100) {
      return (int) (long) (Long) s.value() * 1000; // the usual case, without BigDecimal
    }
    // Whole numbers by their value (YAML also writes them as 0x1F, 0o17, 1_000); decimals by their text, exactly.
    BigDecimal value = s.value() instanceof Long ? BigDecimal.valueOf((Long) s.value()) : decimal(s);
    // Messages quote the text as written: printing 1e999999999 in full would take a gigabyte.
    if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
      problems.add(node, what + " must be from 0 to 100, not " + s.text());
      return null;
    }
    BigDecimal units = value.movePointRight(3);
    if (units.stripTrailingZeros().scale() > 0) {
      problems.add(node, what + " has more than three decimals: " + s.text());
      return null;
    }
    return units.intValueExact();
  }

  private static BigDecimal decimal(ScalarNode s) {
    try {
      return new BigDecimal(s.text().replace("_", ""));
    } catch (NumberFormatException e) {
      return new BigDecimal((Double) s.value()); // a whole number too large for a long, written in hex or octal
    }
  }

  private LocalDate date(Node node, String what) {
    if (node == null) {
      return null;
    }
    String text = node instanceof ScalarNode && ((ScalarNode) node).value() != null ? scalarText((ScalarNode) node) : null;
    if (text != null && CatalogReader.DATE.matcher(text).matches()) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        // falls through to the message below
      }
    }
    problems.add(node, what + " must be a date like 2027-02-01, not " + (text != null ? "'" + text + "'" : node.describe()));
    return null;
  }

  private Instant instant(Node node, String what) {
    Instant at = node instanceof ScalarNode && ((ScalarNode) node).value() != null
        ? CatalogReader.parseInstant(scalarText((ScalarNode) node)) : null;
    if (at == null) {
      problems.add(node, what + " must be an ISO-8601 instant like 2026-12-01T09:00:00Z, not "
          + (node instanceof ScalarNode ? "'" + ((ScalarNode) node).text() + "'" : node.describe()));
    }
    return at;
  }

  private static String scalarText(ScalarNode s) {
    return s.value() instanceof String ? (String) s.value() : s.text();
  }

}
