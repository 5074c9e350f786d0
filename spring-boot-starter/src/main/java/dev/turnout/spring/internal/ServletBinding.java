package dev.turnout.spring.internal;

import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import dev.turnout.spring.TurnoutContextResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds each servlet request's evaluation context to the thread that serves it, for the whole filter chain
 * after this filter, and ends the binding when the chain returns or throws; again on an async dispatch. The
 * context is also the request attribute {@link #CONTEXT_ATTRIBUTE}.
 */
public final class ServletBinding extends OncePerRequestFilter {

  /** The request attribute holding the request's {@link EvaluationContext}. */
  public static final String CONTEXT_ATTRIBUTE = EvaluationContext.class.getName();

  private final Resolving resolving;

  public ServletBinding(TurnoutContextResolver resolver) {
    this.resolving = new Resolving(resolver);
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    EvaluationContext context = resolving.resolve(new View(request));
    request.setAttribute(CONTEXT_ATTRIBUTE, context);
    Runnable pins = TestPins.adopt();
    Turnout.Scope scope = Turnout.bind(context);
    try {
      chain.doFilter(request, response);
    } finally {
      scope.close(); // ends every binding made on this thread since, closed or not
      pins.run();
    }
  }

  /** A servlet request as the resolver sees it. */
  private record View(HttpServletRequest request) implements TurnoutContextResolver.Request {

    @Override
    public Principal principal() {
      return request.getUserPrincipal();
    }

    @Override
    public Object attribute(String name) {
      return request.getAttribute(name);
    }

    @Override
    public String header(String name) {
      return request.getHeader(name);
    }

    @Override
    public Object unwrap() {
      return request;
    }
  }
}
