package dev.turnout.junit;

import dev.turnout.junit.internal.VaryFlagExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test once per variant of a flag, with the flag pinned to that variant (as
 * {@link WithFlag} does) for that run. A {@code String} parameter of the method receives the variant.
 *
 * <pre>{@code
 * @VaryFlag(Flags.CHECKOUT_FLOW)                     // [v1], [v2], [v3]: the catalog's variants
 * void everyFlowChargesTheCart(String variant) {
 *   assertThat(checkout.run(cart).charged()).isEqualTo(cart.total());
 * }
 *
 * @VaryFlag(value = "new-checkout", variants = "on")  // a subset
 * void newCheckoutOnly() { ... }
 * }</pre>
 *
 * <p>The variants come from the catalog of the engine in force ({@code Turnout.engine()}) when the test
 * starts; a key the catalog lacks fails the test. The annotation processor checks the key at compile time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(VaryFlagExtension.class)
public @interface VaryFlag {

  /** The flag key, exactly as in the catalog (or a generated {@code Flags} constant). */
  String value();

  /** The variants to run with, in this order; empty (the default) for every variant the catalog declares. */
  String[] variants() default {};
}
