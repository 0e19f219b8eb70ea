package io.aami.serve;

/** A server that cannot start: unreadable TLS material, a port in use, a failed key generation. */
public final class ServeException extends Exception {
  private static final long serialVersionUID = 1L;

  public ServeException(String message) {
    super(message);
  }

  public ServeException(String message, Throwable cause) {
    super(message, cause);
  }
}
