package dev.turnout.bench.peer;

import java.io.IOException;

/**
 * One flag system evaluating the typical flag ({@code plan in [pro, enterprise]} serves on, else a 10 %
 * rollout by user key), through that system's own API and context type.
 *
 * <p>Each JMH fork uses one peer, so the calls through this interface are monomorphic and inlined; the
 * context is passed as {@code Object} and cast back by the peer (one type check, the same for all).
 */
public interface Peer extends AutoCloseable {

  /** The name in benchmark parameters and result tables. */
  String name();

  /**
   * Whether the rollout gives each key the same answer every time. A peer whose rollout draws a random
   * number per call measures framework overhead only.
   */
  boolean sticky();

  /** Whether the peer evaluates the flag at all (false only for the constant baseline). */
  default boolean evaluates() {
    return true;
  }

  /** Builds the peer's context for a user key and a plan, as a request handler would. */
  Object context(String key, String plan);

  /** Evaluates the typical flag for a context made by {@link #context}. */
  boolean isEnabled(Object context);

  @Override
  default void close() throws IOException {}
}
