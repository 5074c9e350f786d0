package com.example.tasks;

import dev.turnout.FeatureFlag;
import dev.turnout.TargetingKey;
import dev.turnout.Turnout;
import java.util.List;

public class Tasks {

  @FeatureFlag(value = Flags.PRODUCT_TASKS_103_COMMENTS, alternate = "listWithComments")
  public List<String> list(@TargetingKey String userId) {
    return List.of("task");
  }

  public List<String> listWithComments(String userId) {
    return List.of("task", "comment");
  }

  public boolean newCheckout() {
    return Turnout.isEnabled("new-checkout");
  }
}
