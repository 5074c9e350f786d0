package dev.turnout.etcd.internal;

import dev.turnout.etcd.EtcdTarget;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * What went wrong when etcd was asked, said in one line that names the real cause: TLS trust, a client
 * certificate, credentials, permissions, a refused connection, a request too large. Shared by the
 * catalog source and the admin operations; not an API.
 */
public final class EtcdFailures {

  private static final Pattern USER_INFO = Pattern.compile("(://[^/@:?#]*):[^/@?#]*@");
  private static final Pattern SECRET_OPTION =
      Pattern.compile("(?i)\\b(password|passwd|pwd|pass|secret|token)=[^&#\\s]*");

  private EtcdFailures() {}

  /** Kinds of failure, by what helps: waiting and retrying, or changing the address or the server. */
  public enum Kind {
    /** TLS could not be set up: trust, host name, client certificate, TLS on one side only. */
    TLS,
    /** Credentials missing or refused. */
    AUTH,
    /** The user may not do this. */
    PERMISSION,
    /** No connection could be made: refused, unknown host, no route. */
    CONNECT,
    /** The request is larger than etcd accepts. */
    TOO_LARGE,
    /** Anything else, including slow answers. */
    OTHER;

    /** Whether retrying the same request with the same address cannot help. */
    public boolean definitive() {
      return this == TLS || this == AUTH || this == PERMISSION || this == TOO_LARGE;
    }
  }

  /**
   * A failure, diagnosed.
   *
   * @param kind what kind
   * @param message one line, naming the endpoints and the cause; no secrets
   */
  public record Failure(Kind kind, String message) {}

  /** Diagnoses a failed request to {@code target}; {@code what} is the operation, as "reading KEY". */
  public static Failure diagnose(Throwable failure, EtcdTarget target, String what) {
    String at = "etcd at " + endpoints(target);
    String detail = detail(failure);
    String lower = allMessages(failure).toLowerCase(Locale.ROOT);
    Status.Code code = code(failure);
    Throwable ssl = find(failure, SSLException.class);
    if (has(failure, CertPathBuilderException.class) || has(failure, CertPathValidatorException.class)
        || lower.contains("unable to find valid certification path") || lower.contains("pkix path")) {
      return new Failure(Kind.TLS, "TLS with " + at + " failed: the server's certificate is not signed by a CA this "
          + "client trusts (name the CA's PEM file with ca=FILE in the address) [" + detail + "]");
    }
    if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
      String host = target.option("authority") != null ? target.option("authority") : hosts(target);
      return new Failure(Kind.TLS, "TLS with " + at + " failed: the server's certificate is not for " + host
          + " (connect by a name it holds, or set authority=NAME) [" + detail + "]");
    }
    if (lower.contains("certificate_required") || (target.option("cert") == null
        && (lower.contains("bad_certificate") || lower.contains("handshake_failure")) && ssl != null)) {
      return new Failure(Kind.TLS, at + " requires a client certificate: add cert=FILE&key=FILE (PEM, signed by a CA "
          + "the server trusts) to the address [" + detail + "]");
    }
    if (lower.contains("bad_certificate") || lower.contains("unknown_ca") || lower.contains("certificate_unknown")
        || lower.contains("unsupported_certificate") || lower.contains("certificate_expired")) {
      return new Failure(Kind.TLS, at + " refused the client certificate " + target.option("cert") + " (is it signed by "
          + "a CA the server trusts, and still valid?) [" + detail + "]");
    }
    if (lower.contains("not an ssl/tls record")) {
      return new Failure(Kind.TLS, at + " does not speak TLS: use etcd:// without tls=, ca=, cert= [" + detail + "]");
    }
    if (!target.tls() && (lower.contains("first received frame was not settings")
        || lower.contains("http/1.") || lower.contains("client sent an http request to an https server")
        || lower.contains("network closed for unknown reason"))) {
      return new Failure(Kind.TLS, at + " closed the connection without a gRPC answer: if it serves TLS, use etcds:// (or tls=true, "
          + "with ca=FILE) [" + detail + "]");
    }
    if (ssl != null || has(failure, CertificateException.class)) {
      return new Failure(Kind.TLS, "TLS with " + at + " failed: " + detail);
    }
    if (code == Status.Code.UNAUTHENTICATED || lower.contains("authentication failed")
        || lower.contains("invalid auth token") || lower.contains("user name is empty")
        || lower.contains("user name not found")) {
      return new Failure(Kind.AUTH, target.user() == null
          ? at + " requires a user: add user=NAME and password-file=FILE to the address (or set "
              + EtcdTarget.PASSWORD_VARIABLE + ")"
          : at + " refused the credentials of user '" + target.user() + "' (" + detail + ")");
    }
    if (code == Status.Code.PERMISSION_DENIED || lower.contains("permission denied")) {
      return new Failure(Kind.PERMISSION, "etcd user '" + target.user() + "' may not access " + target.key()
          + " while " + what + " (" + detail + ")");
    }
    if (code == Status.Code.RESOURCE_EXHAUSTED || lower.contains("request is too large")
        || lower.contains("message larger than max")) {
      return new Failure(Kind.TOO_LARGE, at + " refused the request while " + what + " as too large (" + detail
          + "); etcd accepts requests up to its --max-request-bytes (1.5 MiB by default)");
    }
    if (has(failure, UnknownHostException.class) || lower.contains("unresolved address")
        || lower.contains("unable to resolve host")) {
      return new Failure(Kind.CONNECT, "cannot connect to " + at + ": unknown host (" + detail + ")");
    }
    if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)
        || lower.contains("connection refused")) {
      return new Failure(Kind.CONNECT, "cannot connect to " + at + ": " + detail + " (is etcd running there, "
          + "and is the port its client port?)");
    }
    if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
      // A plain-text client that a TLS server hangs up on may see only a reset; a restarting etcd resets
      // too, so this stays retryable and only adds the hint.
      String hint = !target.tls() && lower.contains("connection reset")
          ? ": if it serves TLS, use etcds:// (or tls=true)" : "";
      return new Failure(Kind.OTHER, "cannot reach " + at + " while " + what + " (" + detail + ")" + hint);
    }
    return new Failure(Kind.OTHER, at + " failed while " + what + ": " + detail);
  }

  /**
   * The message for a request that had no answer within {@code budget}: whether etcd accepts connections
   * at all (then it is slow, not down) is asked with a short TCP connect.
   */
  public static String noAnswer(EtcdTarget target, String what, String budget) {
    String at = "etcd at " + endpoints(target);
    String probe = probe(target, 500);
    if (probe == null) {
      return at + " accepts connections but did not answer within " + budget + " while " + what
          + " (busy or overloaded? a longer wait: timeout= in the address)";
    }
    return "no answer from " + at + " within " + budget + " while " + what + ": " + probe;
  }

  /** Whether some endpoint of the target accepts a TCP connection within {@code millis}. */
  public static boolean accepting(EtcdTarget target, int millis) {
    return probe(target, millis) == null;
  }

  /** Null when some endpoint accepts a TCP connection within {@code millis}, else why none does. */
  private static String probe(EtcdTarget target, int millis) {
    String why = "no endpoint";
    for (String endpoint : target.endpoints()) {
      URI uri = URI.create(endpoint);
      String host = uri.getHost();
      if (host == null) {
        continue;
      }
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, uri.getPort()), millis);
        return null;
      } catch (ConnectException e) {
        why = "connection refused (is etcd running there, and is the port its client port?)";
      } catch (UnknownHostException e) {
        why = "unknown host " + printable(host);
      } catch (IOException | RuntimeException e) {
        why = "no connection could be made (is the address right? a firewall dropping packets?)";
      }
    }
    return why;
  }

  /** The endpoints, {@code HOST:PORT[,HOST:PORT...]}. */
  public static String endpoints(EtcdTarget target) {
    StringBuilder text = new StringBuilder();
    for (String endpoint : target.endpoints()) {
      text.append(text.length() == 0 ? "" : ",").append(endpoint.substring(endpoint.indexOf("//") + 2));
    }
    return text.toString();
  }

  private static String hosts(EtcdTarget target) {
    StringBuilder text = new StringBuilder();
    for (String endpoint : target.endpoints()) {
      String hostPort = endpoint.substring(endpoint.indexOf("//") + 2);
      text.append(text.length() == 0 ? "" : ", ").append(hostPort, 0, hostPort.lastIndexOf(':'));
    }
    return text.toString();
  }

  /**
   * Text fit for one line of a terminal: control characters (line breaks, escape sequences, and Unicode's
   * invisible format characters such as bidirectional overrides) shown as {@code \n}, {@code \t} or
   * {@code \}{@code u001b}, and backslashes doubled so that the escapes cannot be forged.
   */
  public static String printable(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = switch (c) {
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        default -> isControl(c) ? String.format("\\u%04x", (int) c) : null;
      };
      if (escaped != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escaped != null) {
          out.append(escaped);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /** Whether the text holds a character {@link #printable} would escape (other than a backslash). */
  public static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isControl(char c) {
    return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
        || c == '\u2028' || c == '\u2029';
  }

  /**
   * The text with the secrets an address may carry masked: the password of {@code user:password@} and
   * the values of {@code password=}, {@code token=} and the like.
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String masked = USER_INFO.matcher(text).replaceAll("$1:****@");
    return SECRET_OPTION.matcher(masked).replaceAll("$1=****");
  }

  private static Status.Code code(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s.getStatus().getCode();
      }
      if (t instanceof EtcdException e) {
        return Status.Code.valueOf(e.getErrorCode().name());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Status.Code.UNKNOWN;
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    return find(failure, type) != null;
  }

  private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth++ < 20; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  private static String allMessages(Throwable failure) {
    StringBuilder text = new StringBuilder();
    int depth = 0;
    for (Throwable t = failure; t != null && depth++ < 20; t = t.getCause()) {
      text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return text.toString();
  }

  /** The innermost message, on one line, printable, without secrets. */
  public static String detail(Throwable failure) {
    String message = null;
    int depth = 0;
    for (Throwable t = failure; t != null && depth++ < 20; t = t.getCause()) {
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
    return printable(redact(message.strip().replaceAll("\\s*\\R\\s*", " ")));
  }
}
