package dev.turnout.openfeature.it;

import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import java.util.Map;

/**
 * Calls its gated methods before it sets an OpenFeature provider, after, and after the provider's flag
 * changes, printing what each call answered.
 */
public final class DecisionsApp {

  private DecisionsApp() {}

  public static void main(String[] args) {
    Greeter greeter = new Greeter();
    print("before", greeter);

    InMemoryProvider provider = new InMemoryProvider(Map.of(
        "new-greeting", Flag.<Boolean>builder().variant("on", true).variant("off", false).defaultVariant("off")
            .contextEvaluator((flag, ctx) -> "ann".equals(ctx.getTargetingKey())).build(),
        "greeting-style", Flag.<String>builder().variant("plain", "plain").variant("formal", "formal")
            .defaultVariant("plain")
            .contextEvaluator((flag, ctx) -> "ann".equals(ctx.getTargetingKey()) ? "formal" : "plain").build()));
    OpenFeatureAPI.getInstance().setProviderAndWait(provider);
    print("provider", greeter);

    provider.updateFlag("new-greeting", Flag.<Boolean>builder().variant("on", true).defaultVariant("on").build());
    print("updated", greeter);
    System.out.println("isEnabled(bob)=" + Turnout.isEnabled("new-greeting", EvaluationContext.of("bob")));
    OpenFeatureAPI.getInstance().shutdown();
  }

  private static void print(String phase, Greeter greeter) {
    for (String user : new String[] {"ann", "bob"}) {
      System.out.println(phase + " " + user + ": " + greeter.greet(user) + ", " + greeter.style(user));
    }
  }
}
