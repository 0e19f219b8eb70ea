package io.aami.git;

import java.io.IOException;

/**
 * A commit whose committer time is not a date at all (beyond what {@link java.time.Instant} holds,
 * some 10^16 years): it can give no generation, so render refuses it.
 */
public class UnreadableCommitTimeException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnreadableCommitTimeException(String message) {
    super(message);
  }
}
