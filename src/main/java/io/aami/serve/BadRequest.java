package io.aami.serve;

/** A request the server answers with an error status and then closes the connection on. */
final class BadRequest extends Exception {
  private final int status;

  BadRequest(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
