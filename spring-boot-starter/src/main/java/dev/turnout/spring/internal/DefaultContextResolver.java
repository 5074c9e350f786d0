package dev.turnout.spring.internal;

import dev.turnout.EvaluationContext;
import dev.turnout.spring.TurnoutContextResolver;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

/**
 * The resolver used unless the application declares one: the authenticated user's name as targeting key,
 * and the request attributes named by {@code turnout.web.request-attributes} (strings, numbers, booleans and
 * instants as they are, anything else by its {@code toString()}).
 */
public final class DefaultContextResolver implements TurnoutContextResolver {

  private final List<String> attributes;

  public DefaultContextResolver(List<String> attributes) {
    this.attributes = List.copyOf(attributes);
  }

  @Override
  public EvaluationContext resolve(Request request) {
    Principal principal = request.principal();
    EvaluationContext context = EvaluationContext.of(principal == null ? null : principal.getName());
    for (String name : attributes) {
      Object value = request.attribute(name);
      if (value instanceof Boolean b) {
        context = context.with(name, b.booleanValue());
      } else if (value instanceof Number n) {
        context = context.with(name, n);
      } else if (value instanceof Instant i) {
        context = context.with(name, i);
      } else if (value != null) {
        context = context.with(name, value.toString());
      }
    }
    return context;
  }
}
