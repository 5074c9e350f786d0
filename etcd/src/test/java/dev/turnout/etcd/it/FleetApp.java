package dev.turnout.etcd.it;

import dev.turnout.Turnout;

/**
 * The application the agent ITs start with {@code -javaagent}: it says whether it can see etcd's client,
 * then prints the variant of {@code checkout} it is served, every 50 ms ({@code once}: one time).
 */
public final class FleetApp {

  private FleetApp() {}

  public static void main(String[] args) throws InterruptedException {
    boolean visible;
    try {
      Class.forName("io.etcd.jetcd.Client");
      visible = true;
    } catch (ClassNotFoundException e) {
      visible = false;
    }
    System.out.println("etcd-client-visible=" + visible);
    do {
      System.out.println("variant=" + Turnout.variant("checkout"));
      Thread.sleep(50);
    } while (args.length == 0 || !args[0].equals("once"));
  }
}
