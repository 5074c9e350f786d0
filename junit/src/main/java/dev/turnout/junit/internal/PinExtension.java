package dev.turnout.junit.internal;

import dev.turnout.internal.ext.Pins;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens the pins of {@code @WithFlag} and {@code @WithAllFlags} before each test (before its
 * {@code @BeforeEach} methods), checks them against the catalog of the engine the test runs with (after
 * its {@code @BeforeEach} methods, which may install one), and closes them after each test.
 */
public final class PinExtension implements BeforeEachCallback, BeforeTestExecutionCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PinExtension.class);

  private record Opened(Pins.Scope scope, Pinning pinning) {}

  /** Created by JUnit through {@code @ExtendWith}. */
  public PinExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    Pinning pinning = Pinning.of(context);
    if (!pinning.isEmpty()) {
      Pins.Scope scope = Pins.open(pinning.variants(), pinning.all());
      context.getStore(NAMESPACE).put(Opened.class, new Opened(scope, pinning));
    }
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    Opened opened = context.getStore(NAMESPACE).get(Opened.class, Opened.class);
    if (opened != null) {
      opened.pinning().check();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Opened opened = context.getStore(NAMESPACE).remove(Opened.class, Opened.class);
    if (opened != null) {
      opened.scope().close();
    }
  }
}
