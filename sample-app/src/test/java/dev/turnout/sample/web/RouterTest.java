package dev.turnout.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

  private final Router router = new Router()
      .get("/tasks", r -> Response.html("list"))
      .post("/tasks/{id}/comments/{commentId}/delete",
          r -> Response.html("delete " + r.pathId("id").getAsLong() + "/" + r.pathId("commentId").getAsLong()))
      .get("/api/tasks", r -> Response.json(Map.of("tasks", 0)));

  @Test
  void routesByMethodAndPathWithNamedParts() {
    assertThat(router.route(Request.of("GET", "/tasks", Map.of(), null)).bodyText()).isEqualTo("list");
    assertThat(router.route(Request.of("POST", "/tasks/12/comments/7/delete", Map.of(), null)).bodyText())
        .isEqualTo("delete 12/7");
  }

  @Test
  void unknownPathsAre404AndOtherMethods405InTheRequestsLanguage() {
    assertThat(router.route(Request.of("GET", "/nothing", Map.of(), null)).status()).isEqualTo(404);
    assertThat(router.route(Request.of("GET", "/tasks/", Map.of(), null)).status()).isEqualTo(404);
    Response html = router.route(Request.of("DELETE", "/tasks", Map.of(), null));
    assertThat(html.status()).isEqualTo(405);
    assertThat(html.contentType()).startsWith("text/html");
    Response json = router.route(Request.of("POST", "/api/tasks", Map.of(), null));
    assertThat(json.status()).isEqualTo(405);
    assertThat(json.contentType()).isEqualTo("application/json");
    assertThat(router.route(Request.of("GET", "/api/nothing", Map.of(), null)).bodyText()).contains("not found");
  }

  @Test
  void aPartThatIsNotANumberHasNoId() {
    Router r = new Router().get("/tasks/{id}", req -> Response.html(String.valueOf(req.pathId("id").isPresent())));
    assertThat(r.route(Request.of("GET", "/tasks/abc", Map.of(), null)).bodyText()).isEqualTo("false");
    assertThat(r.route(Request.of("GET", "/tasks/3", Map.of(), null)).bodyText()).isEqualTo("true");
  }
}
