package io.aami.render.checks;

import java.io.IOException;

/**
 * A check document larger than node agents accept: render stops before publishing anything.
 * Validation reports the same first, at the target ({@link DocumentSizeCheck}).
 */
public class DocumentTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public DocumentTooLargeException(String message) {
    super(message);
  }
}
