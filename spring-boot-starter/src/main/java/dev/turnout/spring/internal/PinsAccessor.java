package dev.turnout.spring.internal;

import dev.turnout.internal.ext.Pins;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A running Spring test's pins, carried like {@link BindingAccessor} carries the binding, to the threads
 * that run a WebFlux request of the application under test. Outside tests nothing puts them in a context.
 */
public final class PinsAccessor implements ThreadLocalAccessor<Pins.Scope> {

  /** The key of the pins in a Reactor context. */
  public static final String KEY = "dev.turnout.pins";

  private static final ThreadLocal<Deque<Runnable>> ADOPTED = ThreadLocal.withInitial(ArrayDeque::new);

  /** Created by the context-propagation registry. */
  public PinsAccessor() {}

  @Override
  public Object key() {
    return KEY;
  }

  @Override
  public Pins.Scope getValue() {
    return Pins.current();
  }

  @Override
  public void setValue(Pins.Scope value) {
    ADOPTED.get().push(Pins.adopt(value));
  }

  @Override
  public void setValue() {
    ADOPTED.get().push(Pins.adopt(null));
  }

  @Override
  public void restore(Pins.Scope previousValue) {
    end();
  }

  @Override
  public void restore() {
    end();
  }

  private static void end() {
    Deque<Runnable> adopted = ADOPTED.get();
    Runnable handle = adopted.poll();
    if (handle != null) {
      handle.run();
    }
    if (adopted.isEmpty()) {
      ADOPTED.remove();
    }
  }
}
