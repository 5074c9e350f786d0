package dev.turnout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link FeatureFlag} method whose {@code toString()} is the targeting key of
 * the call. It applies on top of the context bound with {@link Turnout#bind}: the bound attributes
 * still apply, only the key is replaced. A {@code null} argument leaves the bound key in place.
 *
 * <pre>{@code
 * @FeatureFlag(value = "new-checkout", alternate = "checkoutV2")
 * Receipt checkout(@TargetingKey String userId, Cart cart) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface TargetingKey {}
