package io.aami.trust;

/** A key file or PEM text that is not what it must be; the message says what and where. */
public final class KeyFormatException extends Exception {
  public KeyFormatException(String message) {
    super(message);
  }
}
