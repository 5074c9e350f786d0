package dev.turnout.sample.tasks;

import dev.turnout.sample.data.Task;
import dev.turnout.sample.data.Tasks;
import dev.turnout.sample.data.User;
import dev.turnout.sample.web.Request;
import dev.turnout.sample.web.Response;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON task API. Every call names its user with the header {@code X-User: NAME}.
 *
 * <pre>{@code
 * GET  /api/tasks                  {"tasks": [...]}  (beta users also get "count")
 * POST /api/tasks {"title": "..."} 201 and the task
 * POST /api/tasks/{id}/complete    the completed task
 * }</pre>
 */
public final class TaskApi {

  private final Tasks tasks;
  private final TaskListJson listJson;

  /** The API over {@code tasks}, its list body shaped by {@code listJson}. */
  public TaskApi(Tasks tasks, TaskListJson listJson) {
    this.tasks = tasks;
    this.listJson = listJson;
  }

  /** {@code GET /api/tasks}. */
  public Response list(Request request) {
    User user = request.user();
    if (user == null) {
      return Response.notLoggedIn(request);
    }
    return Response.json(listJson.body(user.name(), tasks.list()));
  }

  /** {@code POST /api/tasks}. */
  public Response create(Request request) {
    User user = request.user();
    if (user == null) {
      return Response.notLoggedIn(request);
    }
    String title = request.param("title");
    if (title.isEmpty() || title.length() > TaskPages.MAX_TITLE) {
      return Response.jsonError(400, "a task needs a title of 1 to " + TaskPages.MAX_TITLE + " characters");
    }
    return Response.json(201, tasks.create(title, user));
  }

  /** {@code POST /api/tasks/{id}/complete}. */
  public Response complete(Request request) {
    if (request.user() == null) {
      return Response.notLoggedIn(request);
    }
    OptionalLong id = request.pathId("id");
    Optional<Task> task = id.isPresent() && tasks.complete(id.getAsLong()) ? tasks.find(id.getAsLong()) : Optional.empty();
    return task.map(Response::json).orElseGet(() -> Response.jsonError(404, "no such task"));
  }
}
