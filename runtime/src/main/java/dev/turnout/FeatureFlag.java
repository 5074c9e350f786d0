package dev.turnout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gates a method behind a flag: with the Turnout agent, each call runs either this method (the
 * original track, the safe default) or the method named by {@link #alternate()} or {@link #variants()},
 * as the flag's live rules decide for the call's {@link EvaluationContext}.
 *
 * <pre>{@code
 * @FeatureFlag(value = Flags.PRODUCT_TASKS_103_COMMENTS, alternate = "listWithComments")
 * List<Task> list(@TargetingKey String userId) { ... }
 * List<Task> listWithComments(String userId) { ... }
 * }</pre>
 *
 * <p>The alternate and variant methods belong to the same class and have the same parameter types,
 * return type and static-ness as the gated method. Without the agent the gated method simply runs its
 * own body. The annotation processor checks the key against the catalog at compile time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FeatureFlag {

  /** The flag key, exactly as written in the catalog (or a generated {@code Flags} constant). */
  String value();

  /** For boolean flags: the method that runs when the flag serves {@code on}. */
  String alternate() default "";

  /** For multivariate flags: the method each variant runs; unmapped variants run this method. */
  Variant[] variants() default {};
}
