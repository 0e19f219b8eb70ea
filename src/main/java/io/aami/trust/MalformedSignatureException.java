package io.aami.trust;

/** A signature file that does not follow the format of {@link SignatureFile}. */
public final class MalformedSignatureException extends Exception {
  public MalformedSignatureException(String message) {
    super(message);
  }
}
