package dev.turnout.spring.internal;

import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turnout's binding as a thread-local that Micrometer's context-propagation (and so Reactor's automatic
 * context propagation) can set and restore: each {@code setValue} binds, each {@code restore} ends the
 * binding made last on the thread. Registered through {@code META-INF/services}.
 */
public final class BindingAccessor implements ThreadLocalAccessor<EvaluationContext> {

  /** The key of the context in a Reactor context. */
  public static final String KEY = "dev.turnout.context";

  private static final ThreadLocal<Deque<Turnout.Scope>> OPENED = ThreadLocal.withInitial(ArrayDeque::new);

  /** Created by the context-propagation registry. */
  public BindingAccessor() {}

  @Override
  public Object key() {
    return KEY;
  }

  /** The bound context; null (nothing to propagate) when only the anonymous context is. */
  @Override
  public EvaluationContext getValue() {
    EvaluationContext c = Turnout.currentContext();
    return c == EvaluationContext.anonymous() ? null : c;
  }

  @Override
  public void setValue(EvaluationContext value) {
    OPENED.get().push(Turnout.bind(value));
  }

  @Override
  public void setValue() {
    OPENED.get().push(Turnout.bind(null));
  }

  @Override
  public void restore(EvaluationContext previousValue) {
    end();
  }

  @Override
  public void restore() {
    end();
  }

  private static void end() {
    Deque<Turnout.Scope> opened = OPENED.get();
    Turnout.Scope scope = opened.poll();
    if (scope != null) {
      scope.close();
    }
    if (opened.isEmpty()) {
      OPENED.remove();
    }
  }
}
