package com.example.tasks;

import javax.annotation.processing.Generated;

/**
 * The flag keys of the catalog {@code tasks.yaml}, as constants that also work inside annotations:
 * {@code @FeatureFlag(Flags.NAME)}, {@code Turnout.isEnabled(Flags.NAME)}.
 */
@Generated("dev.turnout.processor.TurnoutProcessor")
public final class Flags {
  /**
   * Comments on tasks
   *
   * <p>Key: {@code product-TASKS-103-comments}. Owner: tasks-team. Ticket: TASKS-103. Expires: 2999-02-01.
   */
  public static final String PRODUCT_TASKS_103_COMMENTS = "product-TASKS-103-comments";

  /**
   * The &lt;new&gt; checkout &amp; its variants
   *
   * <p>Key: {@code checkout-flow}.
   */
  public static final String CHECKOUT_FLOW = "checkout-flow";

  /**
   * Flag {@code new-checkout}.
   *
   * <p>Key: {@code new-checkout}.
   */
  public static final String NEW_CHECKOUT = "new-checkout";

  private Flags() {
  }
}
