package dev.turnout.junit;

import dev.turnout.junit.internal.PinExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pins every flag on or off for each test of the annotated class, or for the annotated test method: a
 * boolean flag serves {@code on} or {@code off}; a multivariate flag serves its {@code off} variant, or
 * for {@code on} its first declared variant that is not the {@code off} one.
 *
 * <pre>{@code
 * @WithAllFlags(variant = "off")                   // the application with every flag off
 * class SafeDefaultsTest {
 *   @Test void startsUp() { ... }
 *
 *   @Test
 *   @WithFlag(value = "new-checkout", variant = "on")   // this one on, on top of all off
 *   void onlyNewCheckout() { ... }
 * }
 * }</pre>
 *
 * <p>A {@link WithFlag} pin on the same element or a nearer one wins over this; this annotation on a
 * method replaces the pins of its class.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(PinExtension.class)
public @interface WithAllFlags {

  /** {@code on} or {@code off}. */
  String variant();
}
