package io.aami.author;

import io.aami.concurrent.ExclusiveFileLock;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Writes planned file changes into a work tree. Each file is written to a temporary file beside it
 * and renamed over it, so a reader (or a crash) sees the old or the new file, never half of one. A
 * file that changed on disk since it was read is not overwritten: the whole write is a
 * compare-and-swap under the repository's edit lock ({@value #LOCK_FILE}, present only while an
 * edit holds it), so of two aami edits of one file the second sees the first's bytes and stops with
 * an error instead of losing them. Each file is compared once more right before its rename, which
 * leaves an editor outside aami only the moment between that read and the rename.
 */
public final class ChangeWriter {
  /** The lock of authoring edits, at the repository root. */
  public static final String LOCK_FILE = ".aami-edit.lock";

  private ChangeWriter() {}

  /** A temporary file is private (0600); the edited file keeps its mode, a new one gets 0644. */
  private static void keepPermissions(Path file, Path temp) throws IOException {
    if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> mode =
        Files.exists(file)
            ? Files.getPosixFilePermissions(file)
            : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(temp, mode);
  }

  /**
   * Writes every change, or none from the first one whose file is not what the plan was made from.
   *
   * @throws ConcurrentChangeException when a file is not what the plan was made from; files before
   *     it in {@code changes} are written, it and those after are not
   */
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  public static void write(Path root, List<FileChange> changes) throws IOException {
    try (ExclusiveFileLock lock = ExclusiveFileLock.acquire(root.resolve(LOCK_FILE))) {
      for (FileChange change : changes) {
        requireUnchanged(root, change);
      }
      for (FileChange change : changes) {
        apply(root, change);
      }
    }
  }

  private static void apply(Path root, FileChange change) throws IOException {
    Path file = root.resolve(change.path());
    if (change.after() == null) {
      requireUnchanged(root, change);
      Files.delete(file);
      return;
    }
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".aami-tmp");
    try {
      Files.write(temp, change.after());
      keepPermissions(file, temp);
      requireUnchanged(root, change);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void requireUnchanged(Path root, FileChange change) throws IOException {
    Path file = root.resolve(change.path());
    byte[] now = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
    if (!Arrays.equals(now, change.before())) {
      throw new ConcurrentChangeException(
          change.path()
              + " changed on disk while aami was editing it;"
              + " its new content is kept and this edit was not written; run the command again");
    }
  }
}
