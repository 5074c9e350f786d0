package dev.turnout;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Another flag system that decides which variant a flag serves, in place of the catalog's rules: gated
 * methods and programmatic checks then follow that system, while the catalog still says which flags
 * exist, their variants and values (what the annotation processor checked the code against).
 *
 * <pre>{@code
 * FlagEngine engine = FlagEngine.builder()
 *     .decisions((key, isBoolean, variants, ctx) -> isBoolean ? Decision.of(remote.isOn(key, ctx) ? "on" : "off") : null)
 *     .build();
 * }</pre>
 *
 * <p>The engine asks the source for every flag of its catalog, after the variants pinned by
 * turnout-junit and before its own rules. A {@code null} answer lets the catalog decide. A source that
 * throws, or names a variant the flag does not have, leaves the decision to the catalog too; the engine
 * counts it in {@link FlagEngine#errorCount} and logs it once per flag. Keys the catalog does not have
 * are not asked: they stay unknown. Decided evaluations are counted and reach listeners like any other;
 * while a source is set, gated methods evaluate per call instead of folding flags that serve everyone
 * alike. Called from evaluating threads concurrently.
 *
 * <p>The JVM-wide engine takes its source from the system property {@code turnout.decisions}: the
 * {@link Factory} of that {@link Factory#name() name} found by {@link ServiceLoader} (the agent's
 * {@code decisions=NAME} sets it).
 */
@FunctionalInterface
public interface DecisionSource {

  /**
   * The variant the flag serves to the context, or {@code null} to let the catalog decide.
   *
   * @param flagKey a flag of the catalog in force
   * @param isBoolean whether the flag is boolean: its variants are then {@code on} and {@code off}
   * @param variants the flag's variant names, in catalog order
   * @param context the context evaluated (never null)
   */
  Decision decide(String flagKey, boolean isBoolean, Set<String> variants, EvaluationContext context);

  /**
   * What a source decided: the variant served and why. The evaluation gets the variant's catalog value,
   * rule index -1, and is enabled as the catalog defines it (a boolean flag's {@code on}; another flag's
   * variants but its {@code off} variant).
   *
   * @param variant one of the flag's variants
   * @param reason why: {@code TARGETING_MATCH}, {@code SPLIT}, {@code DEFAULT}, {@code DISABLED} or {@code STATIC}
   */
  record Decision(String variant, Evaluation.Reason reason) {

    public Decision {
      Objects.requireNonNull(variant, "variant");
      Objects.requireNonNull(reason, "reason");
      if (reason == Evaluation.Reason.ERROR || reason == Evaluation.Reason.FLAG_NOT_FOUND) {
        throw new IllegalArgumentException("a decision cannot have reason " + reason + ": return null instead");
      }
    }

    /** The variant, with reason {@code TARGETING_MATCH}. */
    public static Decision of(String variant) {
      return new Decision(variant, Evaluation.Reason.TARGETING_MATCH);
    }
  }

  /**
   * Creates a source chosen by name in configuration; implementations are listed in
   * {@code META-INF/services/dev.turnout.DecisionSource$Factory}.
   */
  interface Factory {

    /** The name that selects this source, as in {@code turnout.decisions=NAME}. */
    String name();

    /** A new source. */
    DecisionSource create();
  }

  /**
   * The source the {@link Factory} named {@code name} creates, found by {@link ServiceLoader} in the
   * thread's context class loader, the system class loader, and this interface's own.
   *
   * @throws IllegalArgumentException when no factory has that name (the message lists those found)
   */
  static DecisionSource named(String name) {
    Objects.requireNonNull(name, "name");
    Set<String> found = new LinkedHashSet<>();
    List<ClassLoader> loaders = new ArrayList<>();
    loaders.add(Thread.currentThread().getContextClassLoader());
    loaders.add(ClassLoader.getSystemClassLoader());
    loaders.add(DecisionSource.class.getClassLoader());
    for (ClassLoader loader : loaders) {
      try {
        for (Factory factory : ServiceLoader.load(Factory.class, loader)) {
          if (factory.name().equals(name.strip())) {
            return factory.create();
          }
          found.add(factory.name());
        }
      } catch (ServiceConfigurationError e) {
        throw new IllegalArgumentException("cannot load the decision sources: " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException("no decision source named '" + name + "' on the class path"
        + (found.isEmpty() ? " (none found)" : " (found: " + String.join(", ", found) + ")"));
  }
}
