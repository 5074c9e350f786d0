package dev.turnout.sample.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends each request to the handler registered for its method and path. Path patterns are literal
 * except for named parts in braces, which match one path segment.
 *
 * <pre>{@code
 * Router router = new Router()
 *     .get("/tasks", taskPages::list)
 *     .post("/tasks/{id}/complete", taskPages::complete);
 * Response r = router.route(request);   // 404 for unknown paths, 405 for a known path and another method
 * }</pre>
 */
public final class Router {

  private static final Pattern PART = Pattern.compile("\\{([a-zA-Z]+)}");

  private final List<Route> routes = new ArrayList<>();

  /** Registers a GET handler. */
  public Router get(String pattern, Handler handler) {
    return add("GET", pattern, handler);
  }

  /** Registers a POST handler. */
  public Router post(String pattern, Handler handler) {
    return add("POST", pattern, handler);
  }

  /** Registers a DELETE handler. */
  public Router delete(String pattern, Handler handler) {
    return add("DELETE", pattern, handler);
  }

  private Router add(String method, String pattern, Handler handler) {
    List<String> names = new ArrayList<>();
    Matcher m = PART.matcher(pattern);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(pattern.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(pattern.substring(last)));
    routes.add(new Route(method, Pattern.compile(regex.toString()), List.copyOf(names), handler));
    return this;
  }

  /** The response of the matching handler; 404 when no pattern matches, 405 when only the method differs. */
  public Response route(Request request) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher m = route.pattern.matcher(request.path());
      if (m.matches()) {
        if (route.method.equals(request.method())) {
          Map<String, String> parts = new LinkedHashMap<>();
          for (int i = 0; i < route.names.size(); i++) {
            parts.put(route.names.get(i), m.group(i + 1));
          }
          return route.handler.handle(request.withPathParts(parts));
        }
        pathKnown = true;
      }
    }
    if (pathKnown) {
      return request.isApi() ? Response.jsonError(405, "method not allowed")
          : Response.html(405, Html.page("Method not allowed", request.user(), "<h1>Method not allowed</h1>"));
    }
    return request.isApi() ? Response.jsonError(404, "not found") : Response.notFound(request.user());
  }

  private record Route(String method, Pattern pattern, List<String> names, Handler handler) {}
}
