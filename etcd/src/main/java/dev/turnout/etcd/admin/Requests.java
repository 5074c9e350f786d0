package dev.turnout.etcd.admin;

import dev.turnout.etcd.EtcdTarget;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for etcd requests within the address's timeout and turns their failures into one-line messages. */
final class Requests {

  private Requests() {}

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  static String text(ByteSequence bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The request's answer, or an {@link EtcdAccessException} saying why there is none. */
  static <T> T await(CompletableFuture<T> request, EtcdTarget target, String what) {
    Duration timeout = target.timeout();
    try {
      return request.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      request.cancel(true);
      throw new EtcdAccessException("etcd at " + endpoints(target) + " did not answer within " + duration(timeout)
          + " while " + what + " (is it running and reachable? a longer wait: timeout= in the address)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request.cancel(true);
      throw new EtcdAccessException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), target, what);
    }
  }

  static EtcdAccessException failure(Throwable failure, EtcdTarget target, String what) {
    Status.Code code = code(failure);
    String detail = detail(failure);
    String lower = detail.toLowerCase(Locale.ROOT);
    String message;
    if (code == Status.Code.UNAUTHENTICATED || lower.contains("authentication failed")
        || lower.contains("invalid auth token") || lower.contains("user name is empty")) {
      message = target.user() == null
          ? "etcd at " + endpoints(target) + " requires a user: add user=NAME and password-file=FILE to the address"
          : "etcd at " + endpoints(target) + " refused the credentials of user '" + target.user() + "' (" + detail + ")";
    } else if (code == Status.Code.PERMISSION_DENIED || lower.contains("permission denied")) {
      message = "etcd user '" + target.user() + "' may not access " + target.key() + " while " + what + " ("
          + detail + ")";
    } else if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
      message = "cannot reach etcd at " + endpoints(target) + " while " + what + " (" + detail + ")";
    } else {
      message = "etcd at " + endpoints(target) + " failed while " + what + ": " + detail;
    }
    return new EtcdAccessException(message, failure);
  }

  private static Status.Code code(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException) {
        return ((StatusRuntimeException) t).getStatus().getCode();
      }
      if (t instanceof EtcdException) {
        return Status.Code.valueOf(((EtcdException) t).getErrorCode().name());
      }
    }
    return Status.Code.UNKNOWN;
  }

  /** The innermost message, on one line. */
  private static String detail(Throwable failure) {
    String message = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (message == null) {
      return failure == null ? "no reason given" : failure.getClass().getSimpleName();
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  static String endpoints(EtcdTarget target) {
    String address = target.toString();
    int start = address.indexOf("//") + 2;
    int at = address.indexOf('@', start);
    int slash = address.indexOf('/', start);
    return address.substring(at >= 0 && at < slash ? at + 1 : start, slash);
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
