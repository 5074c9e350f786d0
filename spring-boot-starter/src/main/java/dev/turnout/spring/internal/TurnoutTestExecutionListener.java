package dev.turnout.spring.internal;

import dev.turnout.internal.ext.Pins;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Hands the pins a test opened ({@code @WithFlag}, {@code @WithAllFlags}, {@code @VaryFlag}) to the
 * application under test, so that requests its server runs on its own threads (a {@code RANDOM_PORT} or
 * {@code DEFINED_PORT} test) serve the pinned variants too. Registered for every Spring test through
 * {@code META-INF/spring.factories}; it does nothing in a test without pins.
 */
public final class TurnoutTestExecutionListener implements TestExecutionListener, Ordered {

  /** Created by Spring's TestContext framework. */
  public TurnoutTestExecutionListener() {}

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Before the test's {@code @BeforeEach} methods: the pins opened so far (those of @WithFlag, mostly). */
  @Override
  public void beforeTestMethod(TestContext testContext) {
    TestPins.running(Pins.current());
  }

  /** Right before the test method: every pin, @VaryFlag's included. */
  @Override
  public void beforeTestExecution(TestContext testContext) {
    TestPins.running(Pins.current());
  }

  @Override
  public void afterTestMethod(TestContext testContext) {
    TestPins.running(null);
  }
}
