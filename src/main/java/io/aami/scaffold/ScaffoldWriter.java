package io.aami.scaffold;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Writes the scaffold into a directory without ever following a symbolic link: {@code init --force}
 * into a directory whose {@code .gitignore} or {@code .github/workflows} is a link would otherwise
 * write outside the new repository and commit the link. Every path (each of its directories, the
 * file, and {@code .git}) is checked before anything is written, and a link or a file of the wrong
 * type is refused with its path; the link is left as it is (docs/SECURITY.md).
 */
final class ScaffoldWriter {
  private ScaffoldWriter() {}

  static void write(Path dir, List<Scaffold.File> files) throws IOException {
    requireNoLink(dir, ".git", true);
    for (Scaffold.File file : files) {
      String[] segments = file.path().split("/", -1);
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < segments.length; i++) {
        path.append(i == 0 ? "" : "/").append(segments[i]);
        if (!requireNoLink(dir, path.toString(), i < segments.length - 1)) {
          break; // nothing exists below a missing directory
        }
      }
    }
    for (Scaffold.File file : files) {
      Path target = dir.resolve(file.path());
      Files.createDirectories(target.getParent());
      // NOFOLLOW_LINKS: should a link appear after the check, opening it fails instead of following
      // it.
      Files.write(
          target,
          file.content(),
          LinkOption.NOFOLLOW_LINKS,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
    }
  }

  /**
   * False when nothing exists at {@code relative}; throws when it is a link or of the wrong type.
   */
  private static boolean requireNoLink(Path dir, String relative, boolean directory)
      throws IOException {
    Optional<BasicFileAttributes> attributes = attributes(dir.resolve(relative));
    if (attributes.isEmpty()) {
      return false;
    }
    if (attributes.get().isSymbolicLink()) {
      throw new FileSystemException(
          dir.resolve(relative).toString(),
          null,
          "is a symbolic link; aami init never"
              + " writes through links: remove it (or replace it with a regular "
              + (directory ? "directory" : "file")
              + ") and run it again");
    }
    boolean fits = directory ? attributes.get().isDirectory() : attributes.get().isRegularFile();
    if (!fits && !relative.equals(".git")) {
      throw new FileSystemException(
          dir.resolve(relative).toString(),
          null,
          "is not a regular "
              + (directory ? "directory" : "file")
              + "; aami init writes "
              + (directory ? "files into it" : "this file"));
    }
    return true;
  }

  private static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
    try {
      return Optional.of(
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }
}
