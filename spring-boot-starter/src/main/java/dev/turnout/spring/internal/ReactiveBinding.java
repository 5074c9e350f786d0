package dev.turnout.spring.internal;

import dev.turnout.EvaluationContext;
import dev.turnout.spring.TurnoutContextResolver;
import java.security.Principal;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Resolves each WebFlux request's evaluation context and puts it into the request's Reactor context (and the
 * exchange attribute {@link ServletBinding#CONTEXT_ATTRIBUTE}); Reactor's automatic context propagation then
 * binds it, through {@link BindingAccessor}, on whichever thread runs the request's operators, and unbinds it
 * when that thread moves on.
 */
public final class ReactiveBinding implements WebFilter, Ordered {

  /** After Spring Security's web filter (-100), which sets the exchange's principal. */
  public static final int ORDER = 0;

  private final Resolving resolving;

  public ReactiveBinding(TurnoutContextResolver resolver) {
    this.resolving = new Resolving(resolver);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return exchange.getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(principal -> {
      EvaluationContext context = resolving.resolve(new View(exchange, principal.orElse(null)));
      exchange.getAttributes().put(ServletBinding.CONTEXT_ATTRIBUTE, context);
      return chain.filter(exchange).contextWrite(reactorContext -> with(reactorContext, context));
    });
  }

  private static Context with(Context reactorContext, EvaluationContext context) {
    Context c = reactorContext.put(BindingAccessor.KEY, context);
    dev.turnout.internal.ext.Pins.Scope pins = TestPins.running();
    return pins == null ? c : c.put(PinsAccessor.KEY, pins);
  }

  /** A WebFlux exchange as the resolver sees it. */
  private record View(ServerWebExchange exchange, Principal principal) implements TurnoutContextResolver.Request {

    @Override
    public Object attribute(String name) {
      return exchange.getAttribute(name);
    }

    @Override
    public String header(String name) {
      return exchange.getRequest().getHeaders().getFirst(name);
    }

    @Override
    public Object unwrap() {
      return exchange;
    }
  }
}
