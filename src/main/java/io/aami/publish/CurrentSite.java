package io.aami.publish;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an output directory holds now: its real root (behind a symlink, if it is one) and every
 * entry that is not a directory, by '/'-separated relative path, with the attributes the walk read
 * (symlinks not followed), so that comparing a fleet's files costs no second stat each. A missing
 * or dangling output is an empty site.
 */
final class CurrentSite {
  /**
   * What a render needs of a file's attributes: a tenth of the JDK's attribute objects, which held
   * a sixth of the heap of a 200,000-file site's render.
   */
  record LiveFile(boolean isRegularFile, long size, FileTime lastModifiedTime, Object fileKey) {
    static LiveFile of(BasicFileAttributes attributes) {
      return new LiveFile(
          attributes.isRegularFile(),
          attributes.size(),
          attributes.lastModifiedTime(),
          attributes.fileKey());
    }
  }

  private final Path root;
  private final Map<String, LiveFile> entries;

  private CurrentSite(Path root, Map<String, LiveFile> entries) {
    this.root = root;
    this.entries = entries;
  }

  static CurrentSite read(Path out) throws IOException {
    if (!Files.exists(out)) {
      return new CurrentSite(null, Map.of());
    }
    if (!Files.isDirectory(out)) {
      throw new RefusedOutputException(
          out
              + " exists and is not a directory; --out must name a "
              + "directory (it is created if missing)");
    }
    Path root = out.toRealPath();
    Map<String, LiveFile> entries = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            entries.put(relative(root, file), LiveFile.of(attributes));
            return FileVisitResult.CONTINUE;
          }
        });
    return new CurrentSite(root, entries);
  }

  private static String relative(Path root, Path p) {
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

  /** False for symlinks and other entries that are not plain files (aami publishes none). */
  boolean isRegularFile(String path) {
    LiveFile live = entries.get(path);
    return live != null && live.isRegularFile();
  }

  /** The attributes of a path {@link #contains}, as the walk read them. */
  LiveFile attributes(String path) {
    return entries.get(path);
  }

  Path file(String path) {
    return root.resolve(path);
  }
}
