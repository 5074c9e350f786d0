package dev.turnout.etcd.admin;

import dev.turnout.etcd.EtcdTarget;
import dev.turnout.etcd.internal.EtcdFailures;
import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for etcd requests within the address's timeout (the budget) and turns their failures into
 * one-line messages naming the real cause. A request etcd could not even be sent (no connection) is sent
 * again with back-off while the budget lasts, so a restarting etcd is waited for; a failure retrying
 * cannot mend (TLS, credentials, permissions, size) is reported at once; a slow answer is waited for
 * until the budget ends, then reported as slow rather than down.
 */
final class Requests {

  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 1000;

  private Requests() {}

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  static String text(ByteSequence bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The request's answer, or an {@link EtcdAccessException} saying why there is none. */
  static <T> T await(Supplier<CompletableFuture<T>> request, EtcdTarget target, String what) {
    Duration budget = target.timeout();
    long deadline = System.nanoTime() + budget.toNanos();
    long backoff = FIRST_BACKOFF_MILLIS;
    while (true) {
      CompletableFuture<T> pending = request.get();
      long left = deadline - System.nanoTime();
      try {
        return pending.get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        pending.cancel(true);
        throw new EtcdAccessException(EtcdFailures.noAnswer(target, what, duration(budget)), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pending.cancel(true);
        throw new EtcdAccessException("interrupted while " + what, e);
      } catch (ExecutionException e) {
        EtcdFailures.Failure failure = EtcdFailures.diagnose(e.getCause(), target, what);
        long sleep = Math.min(backoff, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        if (failure.kind() != EtcdFailures.Kind.CONNECT || sleep <= 0) {
          String message = failure.message();
          if (failure.kind() == EtcdFailures.Kind.CONNECT) {
            message += " (tried for " + duration(budget) + " while " + what + ")";
          }
          throw new EtcdAccessException(message, e.getCause());
        }
        // Nothing was sent: etcd may be restarting. Try again while the budget lasts.
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new EtcdAccessException("interrupted while " + what, interrupted);
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }

  static String duration(Duration d) {
    if (d.toMillis() % 60_000 == 0) {
      return d.toMinutes() + "m";
    }
    if (d.toMillis() % 1000 == 0) {
      return d.toSeconds() + "s";
    }
    return d.toMillis() + "ms";
  }
}
