package io.aami.author;

import java.io.IOException;

/**
 * A file an edit was planned from changed on disk before it was written: the other change is kept,
 * this edit is not written (exit code 3), and running the command again plans from the new content.
 */
public class ConcurrentChangeException extends IOException {
  private static final long serialVersionUID = 1L;

  public ConcurrentChangeException(String message) {
    super(message);
  }
}
