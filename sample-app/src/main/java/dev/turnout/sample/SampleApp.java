package dev.turnout.sample;

import dev.turnout.CatalogChange;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import dev.turnout.TurnoutListener;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Prints who sees which flag, and prints it again every time the catalog changes. Start it with
 * {@code -Dturnout.flags=sample-app/flags.yaml} (or the agent's {@code flags=}), edit that file, and
 * watch the table change.
 */
public final class SampleApp {

  private static final List<EvaluationContext> USERS = List.of(
      EvaluationContext.of("ann").with("email", "ann@example.com"),
      EvaluationContext.of("bob").with("email", "bob@customer.org"),
      EvaluationContext.of("cho").with("email", "cho@customer.org"),
      EvaluationContext.of("dee").with("email", "dee@customer.org"));

  private SampleApp() {}

  public static void main(String[] args) throws InterruptedException {
    boolean once = args.length > 0 && args[0].equals("--once");
    print("catalog version " + Turnout.engine().catalogVersion() + " from " + Turnout.engine().source().name());
    if (once) {
      return;
    }
    Turnout.engine().addListener(new TurnoutListener() {
      @Override
      public void onCatalogChange(CatalogChange change) {
        print("catalog version " + change.version() + ": added " + change.added() + ", removed " + change.removed()
            + ", modified " + change.modified());
      }
    });
    System.out.println("Edit the catalog file and save: the table above is printed again. Ctrl+C stops.");
    new CountDownLatch(1).await();
  }

  private static void print(String title) {
    System.out.println();
    System.out.println(title);
    System.out.printf("%-6s %-30s %-10s %s%n", "user", "flag", "variant", "reason");
    for (EvaluationContext user : USERS) {
      for (String flag : Turnout.engine().flagKeys()) {
        Evaluation e = Turnout.evaluate(flag, user);
        System.out.printf("%-6s %-30s %-10s %s%n", user.targetingKey(), flag, e.variant(), e.reason());
      }
    }
  }
}
