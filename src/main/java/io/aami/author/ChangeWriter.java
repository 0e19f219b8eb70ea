package io.aami.author;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Writes planned file changes into a work tree. Each file is written to a temporary file beside
 * it and renamed over it, so a reader (or a crash) sees the old or the new file, never half of
 * one. A file that changed on disk since it was read is not overwritten.
 */
public final class ChangeWriter {
  private ChangeWriter() {}

  /** A temporary file is private (0600); the edited file keeps its mode, a new one gets 0644. */
  private static void keepPermissions(Path file, Path temp) throws IOException {
    if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> mode = Files.exists(file) ? Files.getPosixFilePermissions(file)
        : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(temp, mode);
  }

  public static void write(Path root, List<FileChange> changes) throws IOException {
    for (FileChange change : changes) {
      Path file = root.resolve(change.path());
      byte[] now = Files.exists(file) ? Files.readAllBytes(file) : null;
      if (!Arrays.equals(now, change.before())) {
        throw new IOException(change.path() + " changed on disk while aami was editing it; run the command again");
      }
    }
    for (FileChange change : changes) {
      Path file = root.resolve(change.path());
      if (change.after() == null) {
        Files.delete(file);
        continue;
      }
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".aami-tmp");
      try {
        Files.write(temp, change.after());
        keepPermissions(file, temp);
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }
}
