package dev.turnout.sample.tasks;

import dev.turnout.FeatureFlag;
import dev.turnout.TargetingKey;
import dev.turnout.sample.Flags;
import dev.turnout.sample.data.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/tasks}. The release flag {@code api-count-field} adds a {@code count}
 * field for a beta segment first; everyone else keeps the original shape, {@code {"tasks": [...]}}.
 * The user name is the call's targeting key, so the segment's {@code keys} decide.
 *
 * <pre>{@code
 * Map<String, Object> body = json.body(user.name(), tasks.list());
 * }</pre>
 */
public final class TaskListJson {

  /** The original shape: the tasks only. */
  @FeatureFlag(value = Flags.API_COUNT_FIELD, alternate = "bodyWithCount")
  public Map<String, Object> body(@TargetingKey String userName, List<Task> tasks) {
    return Map.of("tasks", tasks);
  }

  Map<String, Object> bodyWithCount(String userName, List<Task> tasks) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tasks", tasks);
    body.put("count", tasks.size());
    return body;
  }
}
