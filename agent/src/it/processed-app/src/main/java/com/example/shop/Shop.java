package com.example.shop;

import dev.turnout.FeatureFlag;
import dev.turnout.TargetingKey;
import dev.turnout.Variant;

/** Gated methods named through the generated {@code Flags} constants; each track says which one ran. */
public class Shop {

  private final String name;

  public Shop(String name) {
    this.name = name;
  }

  @FeatureFlag(value = Flags.NEW_PRICING, alternate = "discountedPrice")
  public long price(@TargetingKey String customer, long cents) {
    return cents;
  }

  public long discountedPrice(String customer, long cents) {
    return cents * 9 / 10;
  }

  @FeatureFlag(value = Flags.CHECKOUT_FLOW, variants = {
      @Variant(value = "one-page", method = "onePageCheckout"),
      @Variant(value = "express", method = "expressCheckout")})
  public String checkout(@TargetingKey String customer) {
    return "classic " + customer;
  }

  public String onePageCheckout(String customer) {
    return "one-page " + customer;
  }

  public String expressCheckout(String customer) {
    return "express " + customer;
  }

  /** A static nested class: {@code Shop$Basket} to the agent. */
  public static final class Basket {
    @FeatureFlag(value = Flags.NEW_PRICING, alternate = "discountedTotal")
    static long total(long[] cents) {
      return sum(cents);
    }

    private static long discountedTotal(long[] cents) {
      return sum(cents) * 9 / 10;
    }

    private static long sum(long[] cents) {
      long sum = 0;
      for (long c : cents) {
        sum += c;
      }
      return sum;
    }
  }

  /** An inner class: {@code Shop$Receipt} to the agent. */
  public final class Receipt {
    @FeatureFlag(value = Flags.NEW_PRICING, alternate = "discountedLine")
    public String line(long cents) {
      return name + ": " + cents;
    }

    public String discountedLine(long cents) {
      return name + ": " + cents + " (10% off)";
    }
  }
}
