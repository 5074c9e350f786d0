package dev.turnout.sample.tasks;

import dev.turnout.sample.comments.CommentsFeature;
import dev.turnout.sample.data.Task;
import dev.turnout.sample.data.Tasks;
import dev.turnout.sample.data.User;
import dev.turnout.sample.ops.Exposures;
import dev.turnout.sample.web.Html;
import dev.turnout.sample.web.Request;
import dev.turnout.sample.web.Response;
import java.util.List;
import java.util.OptionalLong;

/**
 * The task pages: the list (with each task's comments link, when comments are on for the user), the
 * new-task page (the experiment's three forms), creating and completing tasks.
 *
 * <pre>{@code
 * router.get("/tasks", pages::list).get("/tasks/new", pages::newTask).post("/tasks", pages::create);
 * }</pre>
 */
public final class TaskPages {

  /** The longest task title accepted. */
  public static final int MAX_TITLE = 200;

  private final Tasks tasks;
  private final CommentsFeature comments;
  private final NewTaskForm form;
  private final Exposures exposures;

  /** Pages over {@code tasks}, with comment links from {@code comments} and the experiment's {@code form}. */
  public TaskPages(Tasks tasks, CommentsFeature comments, NewTaskForm form, Exposures exposures) {
    this.tasks = tasks;
    this.comments = comments;
    this.form = form;
    this.exposures = exposures;
  }

  /** {@code GET /}: the tasks, or the log-in page for a visitor. */
  public Response home(Request request) {
    return Response.redirect(request.user() == null ? "/login" : "/tasks");
  }

  /** {@code GET /tasks}: every task, open ones first. */
  public Response list(Request request) {
    User user = request.user();
    if (user == null) {
      return Response.redirect("/login");
    }
    List<Task> all = tasks.list();
    StringBuilder body = new StringBuilder("<h1>Tasks</h1><p><a href=\"/tasks/new\" id=\"new-task\">New task</a></p>");
    body.append("<table id=\"tasks\"><tr><th>Task</th><th>By</th><th></th><th></th></tr>");
    for (Task t : all) {
      body.append("<tr class=\"task\" data-id=\"").append(t.id()).append("\"><td class=\"title")
          .append(t.done() ? " done" : "").append("\">").append(Html.escape(t.title())).append("</td><td>")
          .append(Html.escape(t.createdBy())).append("</td><td>");
      if (!t.done()) {
        body.append("<form class=\"inline\" method=\"post\" action=\"/tasks/").append(t.id())
            .append("/complete\"><button>Complete</button></form>");
      }
      body.append("</td><td>").append(comments.link(t)).append("</td></tr>");
    }
    body.append("</table>");
    if (all.isEmpty()) {
      body.append("<p>Nothing to do. <a href=\"/tasks/new\">Add a task</a>.</p>");
    }
    return Response.html(Html.page("Tasks", user, body.toString()));
  }

  /** {@code GET /tasks/new}: the new-task form, in the version of the experiment the user is in. */
  public Response newTask(Request request) {
    if (request.user() == null) {
      return Response.redirect("/login");
    }
    return Response.html(Html.page("New task", request.user(), form.render()));
  }

  /** {@code POST /tasks}: creates a task; a conversion for each experiment variant the user was last shown. */
  public Response create(Request request) {
    User user = request.user();
    if (user == null) {
      return Response.redirect("/login");
    }
    String title = request.param("title");
    if (title.isEmpty() || title.length() > MAX_TITLE) {
      return Response.html(400, Html.page("New task", user, "<p class=\"error\">A task needs a title of 1 to "
          + MAX_TITLE + " characters.</p>" + form.render()));
    }
    tasks.create(title, user);
    exposures.converted(user.name());
    return Response.redirect("/tasks");
  }

  /** {@code POST /tasks/{id}/complete}. */
  public Response complete(Request request) {
    if (request.user() == null) {
      return Response.redirect("/login");
    }
    OptionalLong id = request.pathId("id");
    if (id.isEmpty() || !tasks.complete(id.getAsLong())) {
      return Response.notFound(request.user());
    }
    return Response.redirect("/tasks");
  }
}
