package dev.turnout.sample.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.sample.data.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both tracks of {@code api-count-field}. */
class TaskListJsonTest {

  private final List<Task> tasks = List.of(new Task(1, "a", "ann", false), new Task(2, "b", "bob", true));

  @Test
  void theOriginalShapeHasTheTasksOnly() {
    assertThat(new TaskListJson().body("dee", tasks)).containsOnlyKeys("tasks").containsEntry("tasks", tasks);
  }

  @Test
  void theAlternateAddsTheCount() {
    assertThat(new TaskListJson().bodyWithCount("bob", tasks)).containsEntry("tasks", tasks).containsEntry("count", 2);
  }
}
