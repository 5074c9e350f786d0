package com.example.tracks;

import dev.turnout.FeatureFlag;
import dev.turnout.TargetingKey;
import dev.turnout.Variant;

/** Gated methods; each track returns a text that names it. */
public class Shop {

  @FeatureFlag(value = Flags.NEW_PRICING, alternate = "discountedPrice")
  public long price(@TargetingKey String customer, long cents) {
    return cents;
  }

  public long discountedPrice(String customer, long cents) {
    return cents * 9 / 10;
  }

  @FeatureFlag(value = Flags.CHECKOUT_FLOW, variants = @Variant(value = "one-page", method = "onePageCheckout"))
  public String checkout(@TargetingKey String customer) {
    return "classic";
  }

  public String onePageCheckout(String customer) {
    return "one-page";
  }

  @FeatureFlag(value = Flags.RECEIPTS_V2, alternate = "receiptV2")
  static String receipt() {
    return "v1";
  }

  static String receiptV2() {
    return "v2";
  }
}
