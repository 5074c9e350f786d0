package dev.turnout.internal.engine;

import dev.turnout.FlagEngine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The {@link EngineCore} of a {@link FlagEngine}, for gates and the extension modules: read from the
 * engine's private field, so the public class registers nothing and exposes no accessor. Not an API.
 */
public final class Cores {

  /** Both classes live in the runtime jar (one module, or the class path): the private lookup is always allowed. */
  private static final VarHandle CORE;

  static {
    try {
      CORE = MethodHandles.privateLookupIn(FlagEngine.class, MethodHandles.lookup())
          .findVarHandle(FlagEngine.class, "core", EngineCore.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Cores() {}

  /** The engine's core. */
  public static EngineCore of(FlagEngine engine) {
    return (EngineCore) CORE.get(engine);
  }
}
