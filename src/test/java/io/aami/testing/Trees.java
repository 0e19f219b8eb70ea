package io.aami.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** File-tree helpers for tests: copy fixtures into temp dirs, read trees back. */
public final class Trees {
  private Trees() {}

  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(source, target);
        }
      }
    }
  }

  public static Map<String, String> readTextTree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            root.relativize(p).toString().replace('\\', '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  /**
   * Relative path ('/'-separated, "" for the root) to mtime, for every entry below and including
   * root.
   */
  public static Map<String, FileTime> mtimes(Path root) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        times.put(root.relativize(p).toString().replace('\\', '/'), Files.getLastModifiedTime(p));
      }
    }
    return times;
  }

  /**
   * Sets the mtime of every entry below and including root, so that a later write is sure to show.
   */
  public static void setMtimes(Path root, FileTime time) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        Files.setLastModifiedTime(p, time);
      }
    }
  }

  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        Files.delete(p);
      }
    }
  }
}
