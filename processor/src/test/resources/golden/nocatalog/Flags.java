package com.example.shop;

import javax.annotation.processing.Generated;

/**
 * The flag keys the code names (no catalog was found), as constants that also work inside annotations:
 * {@code @FeatureFlag(Flags.NAME)}, {@code Turnout.isEnabled(Flags.NAME)}.
 */
@Generated("dev.turnout.processor.TurnoutProcessor")
public final class Flags {
  /**
   * Flag {@code beta-banner}.
   *
   * <p>Key: {@code beta-banner}.
   */
  public static final String BETA_BANNER = "beta-banner";

  /**
   * Flag {@code dark-mode}.
   *
   * <p>Key: {@code dark-mode}.
   */
  public static final String DARK_MODE = "dark-mode";

  /**
   * Flag {@code layout}.
   *
   * <p>Key: {@code layout}.
   */
  public static final String LAYOUT = "layout";

  private Flags() {
  }
}
