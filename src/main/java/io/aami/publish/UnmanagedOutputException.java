package io.aami.publish;

/** The output directory holds files that aami did not publish; replacing it would destroy them. */
public final class UnmanagedOutputException extends RefusedOutputException {
  private static final long serialVersionUID = 1L;

  public UnmanagedOutputException(String message) {
    super(message);
  }
}
