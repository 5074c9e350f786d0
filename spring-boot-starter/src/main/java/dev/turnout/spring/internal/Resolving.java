package dev.turnout.spring.internal;

import dev.turnout.EvaluationContext;
import dev.turnout.spring.TurnoutContextResolver;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Calls the application's resolver so that nothing it does reaches the request: a failure is logged once. */
final class Resolving {

  private static final Log LOG = LogFactory.getLog(Resolving.class);

  private final TurnoutContextResolver resolver;
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  Resolving(TurnoutContextResolver resolver) {
    this.resolver = resolver;
  }

  /** The request's context; the anonymous one when the resolver answers null or throws. */
  EvaluationContext resolve(TurnoutContextResolver.Request request) {
    try {
      EvaluationContext context = resolver.resolve(request);
      return context == null ? EvaluationContext.anonymous() : context;
    } catch (RuntimeException | LinkageError e) {
      if (failureLogged.compareAndSet(false, true)) {
        LOG.error("Turnout: the TurnoutContextResolver " + resolver.getClass().getName() + " threw; the request"
            + " runs with the anonymous context (logged once)", e);
      }
      return EvaluationContext.anonymous();
    }
  }
}
