package dev.turnout.sample.comments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.junit.WithFlag;
import dev.turnout.sample.Flags;
import dev.turnout.sample.data.Comments;
import dev.turnout.sample.data.Database;
import dev.turnout.sample.data.DemoData;
import dev.turnout.sample.data.Task;
import dev.turnout.sample.data.Tasks;
import dev.turnout.sample.data.User;
import dev.turnout.sample.data.Users;
import dev.turnout.sample.web.Request;
import dev.turnout.sample.web.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both tracks of every comments gate, called directly (the agent chooses between them at run time). */
class CommentsFeatureTest {

  @TempDir
  Path dir;
  Database db;
  CommentsFeature feature;
  Comments comments;
  Task task;
  User ann;
  User bob;

  @BeforeEach
  void open() {
    db = Database.open(dir);
    Users users = new Users(db);
    Tasks tasks = new Tasks(db);
    DemoData.seedIfEmpty(users, tasks);
    comments = new Comments(db);
    feature = new CommentsFeature(tasks, comments);
    task = tasks.list().get(0);
    ann = users.find("ann").orElseThrow();
    bob = users.find("bob").orElseThrow();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  @WithFlag(value = Flags.PRODUCT_TASKS_103_COMMENTS, variant = "off")
  void theOriginalTracksShowNothingAndKnowNothing() {
    assertThat(feature.link(task)).isEmpty();
    assertThat(feature.page(get("/tasks/" + task.id() + "/comments", ann)).status()).isEqualTo(404);
    assertThat(feature.api(get("/api/tasks/" + task.id() + "/comments", ann)).status()).isEqualTo(404);
  }

  @Test
  void theAlternatesListPostAndDelete() {
    assertThat(feature.linkWithComments(task)).contains("href=\"/tasks/" + task.id() + "/comments\"").contains("(0)");
    Response posted = feature.pageWithComments(post("/tasks/" + task.id() + "/comments", Map.of("body", "<b>hi</b>"), bob));
    assertThat(posted.status()).isEqualTo(303);
    assertThat(feature.linkWithComments(task)).contains("(1)");
    String page = feature.pageWithComments(get("/tasks/" + task.id() + "/comments", ann)).bodyText();
    assertThat(page).contains("&lt;b&gt;hi&lt;/b&gt;").doesNotContain("<b>hi</b>").doesNotContain("/delete");

    long id = comments.list(task.id()).get(0).id();
    Request annDeletes = Request.of("POST", "/tasks/" + task.id() + "/comments/" + id + "/delete", Map.of(), ann)
        .withPathParts(Map.of("id", String.valueOf(task.id()), "commentId", String.valueOf(id)));
    assertThat(feature.pageWithComments(annDeletes).status()).as("not her comment").isEqualTo(403);
    Request bobDeletes = Request.of("DELETE", "/api/tasks/" + task.id() + "/comments/" + id, Map.of(), bob)
        .withPathParts(Map.of("id", String.valueOf(task.id()), "commentId", String.valueOf(id)));
    assertThat(feature.apiWithComments(bobDeletes).status()).isEqualTo(200);
    assertThat(comments.count(task.id())).isZero();
  }

  @Test
  void theAlternatesRefuseEmptyCommentsUnknownTasksAndVisitors() {
    assertThat(feature.apiWithComments(post("/api/tasks/" + task.id() + "/comments", Map.of("body", ""), ann)).status())
        .isEqualTo(400);
    assertThat(feature.apiWithComments(post("/api/tasks/" + task.id() + "/comments",
        Map.of("body", "x".repeat(CommentsFeature.MAX_LENGTH + 1)), ann)).status()).isEqualTo(400);
    assertThat(feature.pageWithComments(get("/tasks/999/comments", ann).withPathParts(Map.of("id", "999"))).status())
        .isEqualTo(404);
    assertThat(feature.apiWithComments(get("/api/tasks/" + task.id() + "/comments", null)).status()).isEqualTo(401);
    assertThat(feature.pageWithComments(get("/tasks/" + task.id() + "/comments", null)).status()).isEqualTo(303);
  }

  private Request get(String path, User user) {
    return Request.of("GET", path, Map.of(), user).withPathParts(Map.of("id", String.valueOf(task.id())));
  }

  private Request post(String path, Map<String, String> params, User user) {
    return Request.of("POST", path, params, user).withPathParts(Map.of("id", String.valueOf(task.id())));
  }
}
