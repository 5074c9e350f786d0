package dev.turnout.sample.comments;

import dev.turnout.FeatureFlag;
import dev.turnout.sample.Flags;
import dev.turnout.sample.data.Comment;
import dev.turnout.sample.data.Comments;
import dev.turnout.sample.data.Task;
import dev.turnout.sample.data.Tasks;
import dev.turnout.sample.data.User;
import dev.turnout.sample.web.Html;
import dev.turnout.sample.web.Request;
import dev.turnout.sample.web.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Task comments, shipped dark behind the release flag {@code product-TASKS-103-comments}. Every way in
 * is gated: the link on the task list, the comments page (list, post, delete) and the comments API. The
 * original track of each is what the application did before comments existed: no link, and 404 for
 * anyone who types the address. The {@code comments} table exists either way.
 *
 * <pre>{@code
 * String link = feature.link(task);              // "" unless the flag is on for the bound user
 * Response page = feature.page(request);         // 404 unless the flag is on
 * }</pre>
 */
public final class CommentsFeature {

  /** The longest comment accepted. */
  public static final int MAX_LENGTH = 2000;

  private final Tasks tasks;
  private final Comments comments;

  /** Comments on the tasks of {@code tasks}, stored in {@code comments}. */
  public CommentsFeature(Tasks tasks, Comments comments) {
    this.tasks = tasks;
    this.comments = comments;
  }

  // ---- the link on the task list

  /** The HTML of the comments link for a task row: none on the original track. */
  @FeatureFlag(value = Flags.PRODUCT_TASKS_103_COMMENTS, alternate = "linkWithComments")
  public String link(Task task) {
    return "";
  }

  String linkWithComments(Task task) {
    int n = comments.count(task.id());
    return "<a class=\"comments-link\" href=\"/tasks/" + task.id() + "/comments\">Comments (" + n + ")</a>";
  }

  // ---- the comments page: GET lists, POST adds, POST .../{commentId}/delete deletes

  /** The comments page and its form posts: not found on the original track. */
  @FeatureFlag(value = Flags.PRODUCT_TASKS_103_COMMENTS, alternate = "pageWithComments")
  public Response page(Request request) {
    return Response.notFound(request.user());
  }

  Response pageWithComments(Request request) {
    User user = request.user();
    if (user == null) {
      return Response.redirect("/login");
    }
    Optional<Task> task = task(request);
    if (task.isEmpty()) {
      return Response.notFound(request.user());
    }
    long taskId = task.get().id();
    String base = "/tasks/" + taskId + "/comments";
    if (request.method().equals("POST")) {
      OptionalLong commentId = request.pathId("commentId");
      Outcome outcome = commentId.isPresent()
          ? delete(taskId, commentId.getAsLong(), user)
          : create(taskId, user, request.param("body"));
      if (outcome.status >= 400) {
        return Response.html(outcome.status, render(task.get(), user, outcome.message));
      }
      return Response.redirect(base);
    }
    return Response.html(render(task.get(), user, null));
  }

  private String render(Task task, User user, String error) {
    StringBuilder body = new StringBuilder("<h1>Comments on “").append(Html.escape(task.title())).append("”</h1>");
    if (error != null) {
      body.append("<p class=\"error\">").append(Html.escape(error)).append("</p>");
    }
    List<Comment> list = comments.list(task.id());
    body.append("<ul id=\"comments\">");
    for (Comment c : list) {
      body.append("<li class=\"comment\"><b>").append(Html.escape(c.author())).append(":</b> <span class=\"body\">")
          .append(Html.escape(c.body())).append("</span>");
      if (c.author().equals(user.name())) {
        body.append(" <form class=\"inline\" method=\"post\" action=\"/tasks/").append(task.id()).append("/comments/")
            .append(c.id()).append("/delete\"><button>Delete</button></form>");
      }
      body.append("</li>");
    }
    body.append("</ul>");
    if (list.isEmpty()) {
      body.append("<p id=\"no-comments\">No comments yet.</p>");
    }
    body.append("<form method=\"post\" action=\"/tasks/").append(task.id()).append("/comments\">")
        .append("<p><textarea name=\"body\" id=\"comment-body\" rows=\"3\" maxlength=\"").append(MAX_LENGTH)
        .append("\" required></textarea></p><p><button id=\"post-comment\">Post comment</button></p></form>")
        .append("<p><a href=\"/tasks\">Back to the tasks</a></p>");
    return Html.page("Comments", user, body.toString());
  }

  // ---- the comments API: GET lists, POST adds, DELETE .../{commentId} deletes

  /** The comments API: 404 on the original track, as if it did not exist. */
  @FeatureFlag(value = Flags.PRODUCT_TASKS_103_COMMENTS, alternate = "apiWithComments")
  public Response api(Request request) {
    return Response.jsonError(404, "not found");
  }

  Response apiWithComments(Request request) {
    User user = request.user();
    if (user == null) {
      return Response.notLoggedIn(request);
    }
    Optional<Task> task = task(request);
    if (task.isEmpty()) {
      return Response.jsonError(404, "no such task");
    }
    long taskId = task.get().id();
    return switch (request.method()) {
      case "POST" -> {
        Outcome outcome = create(taskId, user, request.param("body"));
        yield outcome.status >= 400 ? Response.jsonError(outcome.status, outcome.message)
            : Response.json(201, outcome.comment);
      }
      case "DELETE" -> {
        Outcome outcome = delete(taskId, request.pathId("commentId").orElse(-1), user);
        yield outcome.status >= 400 ? Response.jsonError(outcome.status, outcome.message)
            : Response.json(Map.of("deleted", true));
      }
      default -> Response.json(Map.of("task", task.get(), "comments", comments.list(taskId)));
    };
  }

  // ---- the commands, reached only through the gated methods above

  private Optional<Task> task(Request request) {
    OptionalLong id = request.pathId("id");
    return id.isPresent() ? tasks.find(id.getAsLong()) : Optional.empty();
  }

  private Outcome create(long taskId, User author, String body) {
    if (body.isEmpty()) {
      return new Outcome(400, "A comment needs some text.", null);
    }
    if (body.length() > MAX_LENGTH) {
      return new Outcome(400, "A comment has at most " + MAX_LENGTH + " characters.", null);
    }
    return new Outcome(201, null, comments.create(taskId, author, body));
  }

  private Outcome delete(long taskId, long commentId, User user) {
    Optional<Comment> comment = comments.find(taskId, commentId);
    if (comment.isEmpty()) {
      return new Outcome(404, "No such comment.", null);
    }
    if (!comment.get().author().equals(user.name())) {
      return new Outcome(403, "Only its author can delete a comment.", null);
    }
    comments.delete(taskId, commentId);
    return new Outcome(200, null, comment.get());
  }

  /** What a command did: a status, an error message for the user, and the comment concerned. */
  private record Outcome(int status, String message, Comment comment) {}
}
