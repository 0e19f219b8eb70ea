package io.aami.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What an output directory holds now: its real root (behind a symlink, if it is one) and every
 * entry that is not a directory, by '/'-separated relative path. A missing or dangling output is
 * an empty site.
 */
final class CurrentSite {
  private final Path root;
  /** Relative path to whether it is a regular file (symlinks and others count as foreign). */
  private final Map<String, Boolean> entries;

  private CurrentSite(Path root, Map<String, Boolean> entries) {
    this.root = root;
    this.entries = entries;
  }

  static CurrentSite read(Path out) throws IOException {
    if (!Files.exists(out)) {
      return new CurrentSite(null, Map.of());
    }
    if (!Files.isDirectory(out)) {
      throw new RefusedOutputException(out + " exists and is not a directory; --out must name a "
          + "directory (it is created if missing)");
    }
    Path root = out.toRealPath();
    Map<String, Boolean> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          entries.put(relative(root, p), Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
        }
      }
    }
    return new CurrentSite(root, entries);
  }

  static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
  }

  boolean exists() {
    return root != null;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  Iterable<String> paths() {
    return entries.keySet();
  }

  boolean contains(String path) {
    return entries.containsKey(path);
  }

  boolean isRegularFile(String path) {
    return Boolean.TRUE.equals(entries.get(path));
  }

  Path file(String path) {
    return root.resolve(path);
  }
}
