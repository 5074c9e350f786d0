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
 * Holds repeated {@link WithFlag} pins; the compiler writes it when {@code @WithFlag} appears more than
 * once, so tests seldom name it.
 *
 * <pre>{@code
 * @WithFlag(value = "new-checkout", variant = "on")
 * @WithFlag(value = "checkout-flow", variant = "v2")
 * class CheckoutTest { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(PinExtension.class)
public @interface WithFlags {

  /** The pins. */
  WithFlag[] value();
}
