package dev.turnout.etcd.admin;

/**
 * etcd could not be asked: unreachable within the address's timeout, credentials refused, no permission.
 * The message is one line, fit to show as is.
 *
 * <pre>{@code
 * try {
 *   Fleet fleet = Fleet.read(client, target);
 * } catch (EtcdAccessException e) {
 *   System.err.println(e.getMessage());   // etcd at 10.0.0.1:2379 did not answer within 5s ...
 * }
 * }</pre>
 */
public final class EtcdAccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a one-line message and the failure behind it. */
  public EtcdAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
