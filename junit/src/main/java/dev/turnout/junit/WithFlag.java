package dev.turnout.junit;

import dev.turnout.junit.internal.PinExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pins a flag to one variant for each test of the annotated class, or for the annotated test method:
 * every engine's programmatic checks ({@code Turnout.isEnabled}, {@code variant}, {@code evaluate}) and
 * every gated method, with or without the agent, serve that variant on the test's thread and the threads
 * it starts, from the first {@code @BeforeEach} method through the last {@code @AfterEach} method.
 *
 * <pre>{@code
 * @WithFlag(value = Flags.NEW_CHECKOUT, variant = "on")
 * class CheckoutTest {
 *   @Test void newFlow() { assertThat(checkout.run(cart)).isEqualTo(v2Receipt); }
 *
 *   @Test
 *   @WithFlag(value = Flags.CHECKOUT_FLOW, variant = "v3")
 *   @WithFlag(value = Flags.NEW_CHECKOUT, variant = "off")   // the method's pin wins
 *   void oldFlowV3() { ... }
 * }
 * }</pre>
 *
 * <p>Repeatable. A pin on a method wins over one on its class, a nested class's over its enclosing class's.
 * The annotation processor checks the key against the catalog, and the variant against the flag's, at
 * compile time when the test compilation runs it; at run time a test whose engine's catalog lacks the key
 * or the variant fails before its body runs. Tests running in parallel see only their own pins.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(WithFlags.class)
@ExtendWith(PinExtension.class)
public @interface WithFlag {

  /** The flag key, exactly as in the catalog (or a generated {@code Flags} constant). */
  String value();

  /** The variant to serve: {@code on} or {@code off} for a boolean flag, else one the catalog declares. */
  String variant() default "on";
}
