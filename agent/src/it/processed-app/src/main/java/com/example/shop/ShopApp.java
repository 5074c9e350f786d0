package com.example.shop;

import dev.turnout.Turnout;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers each {@code run} read from standard input with {@code name=value} lines, then {@code END}:
 * what every gated method returned, and what a programmatic check says.
 */
public final class ShopApp {

  private ShopApp() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY");
    for (String line; (line = in.readLine()) != null && !line.strip().equals("exit"); ) {
      Map<String, String> out = line.strip().equals("run") ? run() : Map.of("error", "unknown command " + line);
      out.forEach((k, v) -> System.out.println(k + "=" + v));
      System.out.println("END");
      System.out.flush();
    }
  }

  private static Map<String, String> run() {
    Map<String, String> out = new LinkedHashMap<>();
    Shop shop = new Shop("shop");
    out.put("price", String.valueOf(shop.price("alice", 1000)));
    out.put("basket", String.valueOf(Shop.Basket.total(new long[] {100, 200, 700})));
    out.put("receipt", shop.new Receipt().line(500));
    for (String customer : new String[] {"u1", "u2", "u3"}) {
      out.put("checkout." + customer, shop.checkout(customer));
    }
    out.put("programmatic", String.valueOf(Turnout.isEnabled(Flags.NEW_PRICING)));
    out.put("constant", Flags.CHECKOUT_FLOW);
    return out;
  }
}
