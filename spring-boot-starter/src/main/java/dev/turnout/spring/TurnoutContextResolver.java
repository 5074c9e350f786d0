package dev.turnout.spring;

import dev.turnout.EvaluationContext;
import java.security.Principal;

/**
 * Builds the evaluation context each web request runs with; declare a bean of this type to replace the
 * default one, which takes the authenticated user's name as targeting key and copies the request attributes
 * named by {@code turnout.web.request-attributes}. Servlet and WebFlux requests alike.
 *
 * <pre>{@code
 * @Bean
 * TurnoutContextResolver turnoutContext() {
 *   return request -> EvaluationContext.of(request.principal() == null ? null : request.principal().getName())
 *       .with("tenant", request.header("X-Tenant"))
 *       .with("beta", request.attribute("beta") != null);
 * }
 * }</pre>
 *
 * <p>Called once per request (and again on an async dispatch), on the thread that serves it. What it
 * throws is logged once and the request runs with the anonymous context; a {@code null} result is the
 * anonymous context too.
 */
@FunctionalInterface
public interface TurnoutContextResolver {

  /** The context for the request. */
  EvaluationContext resolve(Request request);

  /** What a resolver sees of a request, servlet or WebFlux. */
  interface Request {

    /** The authenticated user, or {@code null} when the request is anonymous. */
    Principal principal();

    /** The request attribute of that name, or {@code null}. */
    Object attribute(String name);

    /** The first value of the request header of that name, or {@code null}. */
    String header(String name);

    /**
     * The request itself: a {@code jakarta.servlet.http.HttpServletRequest}, or WebFlux's
     * {@code org.springframework.web.server.ServerWebExchange}.
     */
    Object unwrap();
  }
}
