package io.aami.source;

import java.io.IOException;
import java.util.List;

/**
 * A read-only view of one revision of an aami repository: the work tree, or a git tree at a commit.
 * Paths are repository-relative, '/'-separated and normalized (no '.', '..' or leading '/'), so
 * that two revisions can be loaded side by side and compared.
 */
public interface RepositorySource {

  /** Human-readable origin, e.g. {@code work tree /srv/repo} or {@code commit 1a2b3c4}. */
  String description();

  /** Regular files (and symlinks) below {@code directory}, recursively, sorted by path. */
  List<String> listFiles(String directory) throws IOException;

  /** What {@code path} is, after following symlinks, relative to the repository boundary. */
  PathStatus status(String path) throws IOException;

  /** Size in bytes of a file whose status is {@link PathStatus#FILE}. */
  long size(String path) throws IOException;

  /**
   * The bytes of a file whose status is {@link PathStatus#FILE}. Anything else, including a file
   * swapped for a FIFO or device since {@link #status}, is an IOException, never a blocked or
   * unbounded read.
   */
  byte[] read(String path) throws IOException;

  enum PathStatus {
    FILE,
    DIRECTORY,
    MISSING,
    /** Neither a regular file nor a directory: a FIFO, a device, a socket. Never read. */
    SPECIAL,
    /** The path, or a symlink on the way, leads outside the repository. */
    OUTSIDE_REPOSITORY
  }
}
