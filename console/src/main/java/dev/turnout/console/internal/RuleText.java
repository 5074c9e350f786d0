package dev.turnout.console.internal;

import dev.turnout.internal.catalog.Catalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Rules and conditions in words, for the flag page. */
final class RuleText {

  private RuleText() {}

  static String describe(Catalog.Rule rule) {
    StringBuilder b = new StringBuilder();
    b.append(rule.when() == null ? "everyone" : "when " + describe(rule.when()));
    if (rule.from() != null) {
      b.append(", from ").append(rule.from());
    }
    if (rule.until() != null) {
      b.append(", until ").append(rule.until());
    }
    return b.append(" → ").append(describe(rule.serve())).toString();
  }

  static String describe(Catalog.Serve serve) {
    if (serve instanceof Catalog.Fixed f) {
      return f.variant();
    }
    if (serve instanceof Catalog.Rollout r) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < r.variants().size(); i++) {
        parts.add(r.variants().get(i) + " " + weight(r.weights().get(i)) + " %");
      }
      return "rollout " + String.join(", ", parts) + (r.by() == null ? "" : " by " + r.by());
    }
    if (serve instanceof Catalog.Weighted w) {
      return "weighted " + String.join(", ", w.variants());
    }
    return "computed";
  }

  private static String weight(int thousandths) {
    return new BigDecimal(thousandths).movePointLeft(3).stripTrailingZeros().toPlainString();
  }

  static String describe(Catalog.Condition c) {
    if (c instanceof Catalog.Clause k) {
      return k.attribute() + " " + k.op().catalogName() + " "
          + k.values().stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
    if (c instanceof Catalog.SegmentRef s) {
      return "in segment " + s.segment();
    }
    if (c instanceof Catalog.All a) {
      return a.conditions().stream().map(RuleText::describe).collect(Collectors.joining(" and ", "(", ")"));
    }
    if (c instanceof Catalog.Any a) {
      return a.conditions().stream().map(RuleText::describe).collect(Collectors.joining(" or ", "(", ")"));
    }
    if (c instanceof Catalog.Not n) {
      return "not " + describe(n.condition());
    }
    if (c instanceof Catalog.FlagCheck f) {
      return "flag " + f.flag() + (f.variants() == null || f.variants().isEmpty() ? (f.enabled() ? " is on" : " is off")
          : " serves " + String.join(", ", f.variants()));
    }
    if (c instanceof Catalog.InRollout r) {
      return "in " + weight(r.percentage()) + " % rollout";
    }
    return "condition";
  }

  /** Whether any rule of the flag, in any environment, names segment {@code name}. */
  static boolean mentionsSegment(Catalog.Flag flag, String name) {
    List<Catalog.Rule> rules = new ArrayList<>(flag.settings().rulesOrEmpty());
    flag.environments().values().forEach(s -> rules.addAll(s.rulesOrEmpty()));
    for (Catalog.Rule r : rules) {
      if (r.when() != null && mentions(r.when(), name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentions(Catalog.Condition c, String name) {
    if (c instanceof Catalog.SegmentRef s) {
      return s.segment().equals(name);
    }
    if (c instanceof Catalog.All a) {
      return a.conditions().stream().anyMatch(x -> mentions(x, name));
    }
    if (c instanceof Catalog.Any a) {
      return a.conditions().stream().anyMatch(x -> mentions(x, name));
    }
    if (c instanceof Catalog.Not n) {
      return mentions(n.condition(), name);
    }
    return false;
  }
}
