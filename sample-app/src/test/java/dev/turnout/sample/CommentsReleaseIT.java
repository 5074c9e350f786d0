package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.turnout.testsupport.Eventually;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The release flag {@code product-TASKS-103-comments} in production: internal users first, then a
 * percentage, then everyone; switched off, nobody, however they try to reach comments.
 */
class CommentsReleaseIT extends SharedSample {

  @BeforeEach
  void shippedCatalog() throws Exception {
    sample.reset();
  }

  @Test
  void internalUsersHaveCommentsOthersCannotReachThemEvenByTypingTheAddress() {
    Http http = sample.http;
    assertThat(http.get("ann", "tasks").body()).contains("class=\"comments-link\" href=\"/tasks/1/comments\"");
    assertThat(http.get("ann", "tasks/1/comments").status()).isEqualTo(200);
    assertThat(http.get("ann", "api/tasks/1/comments").status()).isEqualTo(200);

    Http.Reply list = http.get("bob", "tasks");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("Switch comments on for everyone").doesNotContain("comments-link");
    assertThat(http.get("bob", "tasks/1/comments").status()).isEqualTo(404);
    assertThat(http.postForm("bob", "tasks/1/comments", Map.of("body", "sneaky")).status()).isEqualTo(404);
    assertThat(http.get("bob", "api/tasks/1/comments").status()).isEqualTo(404);
    assertThat(http.postJson("bob", "api/tasks/1/comments", Map.of("body", "sneaky")).status()).isEqualTo(404);

    assertThat(comments("ann", 1)).extracting(c -> c.get("body")).doesNotContain("sneaky");
  }

  @Test
  void aRolloutToEveryoneShowsWithinOneSecondAndTheCommandsWork() throws Exception {
    Http http = sample.http;
    assertThat(http.get("cho", "tasks").body()).doesNotContain("comments-link");

    sample.catalog.replace("rollout: { on: 0, off: 100 }", "rollout: { on: 100, off: 0 }");

    Eventually.within(Eventually.ONE_SECOND, () ->
        assertThat(http.get("cho", "tasks").body()).contains("href=\"/tasks/2/comments\""));
    Http.Reply posted = http.postForm("cho", "tasks/2/comments", Map.of("body", "Friday works for me"));
    assertThat(posted.status()).isEqualTo(303);
    assertThat(posted.location()).isEqualTo("/tasks/2/comments");
    String page = http.get("cho", "tasks/2/comments").body();
    assertThat(page).contains("Friday works for me");
    assertThat(http.get("cho", "tasks").body()).contains("Comments (1)");

    long id = commentId(page, 2);
    assertThat(http.postForm("dee", "tasks/2/comments/" + id + "/delete", Map.of()).status())
        .as("only the author deletes").isEqualTo(403);
    assertThat(http.delete("dee", "api/tasks/2/comments/" + id).status()).isEqualTo(403);
    assertThat(http.postForm("cho", "tasks/2/comments/" + id + "/delete", Map.of()).status()).isEqualTo(303);
    assertThat(comments("cho", 2)).isEmpty();

    Http.Reply created = http.postJson("dee", "api/tasks/2/comments", Map.of("body", "via the API"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(comments("cho", 2)).extracting(c -> c.get("author"), c -> c.get("body"))
        .containsExactly(tuple("dee", "via the API"));
    assertThat(http.postJson("dee", "api/tasks/2/comments", Map.of("body", "")).status()).isEqualTo(400);
  }

  @Test
  void switchedOffNobodyHasComments() throws Exception {
    Http http = sample.http;
    assertThat(http.get("ann", "tasks/1/comments").status()).isEqualTo(200);

    sample.catalog.replace("enabled: true                   # false", "enabled: false                  # false");

    Eventually.within(Eventually.ONE_SECOND, () -> assertThat(http.get("ann", "tasks/1/comments").status()).isEqualTo(404));
    assertThat(http.get("ann", "tasks").body()).doesNotContain("comments-link");
    assertThat(http.get("ann", "api/tasks/1/comments").status()).isEqualTo(404);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> comments(String user, int task) {
    Http.Reply r = sample.http.get(user, "api/tasks/" + task + "/comments");
    assertThat(r.status()).isEqualTo(200);
    return (List<Map<String, Object>>) r.json().get("comments");
  }

  private static long commentId(String page, int task) {
    Matcher m = Pattern.compile("/tasks/" + task + "/comments/(\\d+)/delete").matcher(page);
    assertThat(m.find()).as("a delete button on the page").isTrue();
    return Long.parseLong(m.group(1));
  }
}
