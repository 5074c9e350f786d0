package dev.turnout.sample.data;

/**
 * The users and tasks a fresh database starts with, so there is something to look at: {@code ann}
 * works at the company ({@code @example.com}), {@code bob} is a beta tester, {@code cho} and
 * {@code dee} are customers.
 *
 * <pre>{@code
 * DemoData.seedIfEmpty(users, tasks);
 * }</pre>
 */
public final class DemoData {

  private DemoData() {}

  /** Adds the demo users and tasks when there are no users yet; does nothing otherwise. */
  public static void seedIfEmpty(Users users, Tasks tasks) {
    if (!users.all().isEmpty()) {
      return;
    }
    User ann = users.create("ann", "ann@example.com").orElseThrow();
    users.create("bob", "bob@customer.org");
    User cho = users.create("cho", "cho@customer.org").orElseThrow();
    users.create("dee", "dee@customer.org");
    tasks.create("Open sample-app/flags.yaml in an editor", ann);
    tasks.create("Switch comments on for everyone", ann);
    tasks.create("Plan the next release", cho);
  }
}
