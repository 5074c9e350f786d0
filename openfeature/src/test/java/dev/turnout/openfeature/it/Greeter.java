package dev.turnout.openfeature.it;

import dev.turnout.FeatureFlag;
import dev.turnout.TargetingKey;
import dev.turnout.Variant;

/** Gated methods: a boolean flag with an alternate, and a multivariate flag with a variant method. */
public class Greeter {

  @FeatureFlag(value = "new-greeting", alternate = "newGreet")
  public String greet(@TargetingKey String user) {
    return "hello " + user;
  }

  public String newGreet(String user) {
    return "hi " + user;
  }

  @FeatureFlag(value = "greeting-style", variants = @Variant(value = "formal", method = "formal"))
  public String style(@TargetingKey String user) {
    return "plain";
  }

  public String formal(String user) {
    return "formal";
  }
}
