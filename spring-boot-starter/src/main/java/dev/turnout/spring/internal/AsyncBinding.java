package dev.turnout.spring.internal;

import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import dev.turnout.internal.ext.Pins;
import java.util.concurrent.Callable;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;

/**
 * Carries a request's binding (and a running test's pins) to the thread that runs its {@code Callable}
 * when a Spring MVC handler returns one, and ends it there when the callable is done.
 */
final class AsyncBinding implements CallableProcessingInterceptor {

  private static final String PINS = AsyncBinding.class.getName() + ".pins";

  /** What this interceptor opened on the thread running the callable. */
  private record Opened(Turnout.Scope scope, Runnable pins) {}

  private final ThreadLocal<Opened> opened = new ThreadLocal<>();

  @Override
  public <T> void beforeConcurrentHandling(NativeWebRequest request, Callable<T> task) {
    Pins.Scope pins = Pins.current();
    if (pins == null) {
      pins = TestPins.running();
    }
    if (pins != null) {
      request.setAttribute(PINS, pins, RequestAttributes.SCOPE_REQUEST);
    }
  }

  @Override
  public <T> void preProcess(NativeWebRequest request, Callable<T> task) {
    Object context = request.getAttribute(ServletBinding.CONTEXT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    Object pins = request.getAttribute(PINS, RequestAttributes.SCOPE_REQUEST);
    Runnable adopted = pins instanceof Pins.Scope p ? Pins.adopt(p) : () -> { };
    opened.set(new Opened(Turnout.bind(context instanceof EvaluationContext c ? c : null), adopted));
  }

  @Override
  public <T> void postProcess(NativeWebRequest request, Callable<T> task, Object concurrentResult) {
    Opened o = opened.get();
    if (o != null) {
      opened.remove();
      o.scope().close();
      o.pins().run();
    }
  }
}
