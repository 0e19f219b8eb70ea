package io.aami.publish;

import java.io.IOException;

/**
 * The output directory is not one render may replace (it is a file, holds the repository, lies
 * inside the render inputs, or holds files aami did not publish): a usage error, not an I/O
 * failure, and nothing was written.
 */
public class RefusedOutputException extends IOException {
  private static final long serialVersionUID = 1L;

  public RefusedOutputException(String message) {
    super(message);
  }
}
