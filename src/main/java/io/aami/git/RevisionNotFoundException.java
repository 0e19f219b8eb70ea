package io.aami.git;

import java.io.IOException;

/**
 * The revision a user named does not exist, or there is no git repository to look in: a mistake in
 * the command line, unlike the other IOExceptions of this package (unreadable or broken objects).
 */
public final class RevisionNotFoundException extends IOException {
  public RevisionNotFoundException(String message) {
    super(message);
  }
}
