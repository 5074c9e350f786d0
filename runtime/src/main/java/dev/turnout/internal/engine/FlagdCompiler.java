package dev.turnout.internal.engine;

import dev.turnout.Evaluation.Reason;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a flag read from a flagd document: its targeting (a {@link Catalog.Computed} rule, whose
 * {@link JsonLogic} tree the reader compiled when it validated it) serves the variant the tree's result
 * names, with flagd's reasons and error codes precomputed as outcomes.
 */
final class FlagdCompiler {

  /** flagd's error code for targeting that cannot be compiled. */
  static final String PARSE_ERROR = "PARSE_ERROR";
  /** flagd's error code for targeting that names no variant, or fails. */
  static final String GENERAL = "GENERAL";

  private FlagdCompiler() {}

  static CompiledFlag compile(Flag flag, Compiler.OutcomeFactory out) {
    Catalog.Settings s = flag.settings();
    String defaultVariant = s.defaultVariant();
    Outcome disabled = out.of(null, null, Reason.DISABLED, -1);
    Outcome fallthrough = out.of(defaultVariant, Reason.DEFAULT, -1);
    Outcome error = out.of(null, null, Reason.ERROR, -1, GENERAL);
    List<Catalog.Rule> rules = s.rulesOrEmpty();
    if (!s.isEnabled() || rules.isEmpty()) {
      Outcome constant = !s.isEnabled() ? disabled
          : out.of(defaultVariant, defaultVariant == null ? Reason.DEFAULT : Reason.STATIC, -1);
      return new CompiledFlag(flag.key(), s.isEnabled(), disabled, Set.of(), null, new CompiledRule[0], null, 0,
          new long[0], new int[0], null, null, fallthrough, error, constant);
    }
    // The reader compiled the targeting when it validated it; null: a $ref to no evaluator.
    JsonLogic.Expr expr = ((Catalog.Computed) rules.get(0).serve()).compiled();
    if (expr == null) {
      Outcome parseError = out.of(null, null, Reason.ERROR, -1, PARSE_ERROR);
      return new CompiledFlag(flag.key(), true, disabled, Set.of(), null, new CompiledRule[0], null, 0,
          new long[0], new int[0], null, null, fallthrough, parseError, parseError);
    }
    Map<String, Outcome> matches = new HashMap<>();
    for (String variant : flag.variants().keySet()) {
      matches.put(variant, out.of(variant, Reason.TARGETING_MATCH, 0));
    }
    Serving serving = (ctx, clock) -> {
      Object result = expr.eval(ctx, clock);
      if (result == null || "".equals(result)) {
        return null; // no variant chosen: the default applies
      }
      if (!(result instanceof String || result instanceof Boolean || result instanceof Number)) {
        return error;
      }
      Outcome o = matches.get(result instanceof String ? (String) result : Values.text(result));
      return o != null ? o : error;
    };
    CompiledRule rule = CompiledRule.serving(Matcher.ALWAYS, serving);
    return new CompiledFlag(flag.key(), true, disabled, Set.of(), null, new CompiledRule[] {rule}, null, 0,
        new long[0], new int[0], null, null, fallthrough, error, null);
  }
}
