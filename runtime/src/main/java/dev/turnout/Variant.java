package dev.turnout;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps one variant of a multivariate flag to the method that serves it, inside
 * {@link FeatureFlag#variants()}.
 *
 * <pre>{@code
 * @FeatureFlag(value = "checkout-flow",
 *              variants = { @Variant(value = "v2", method = "checkoutV2") })
 * Receipt checkout(Cart cart) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Variant {

  /** The variant name, as declared in the catalog's {@code variants}. */
  String value();

  /** The method of the same class that runs when this variant is served. */
  String method();
}
