package io.aami.source;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** String arithmetic on repository-relative paths; never touches the file system. */
public final class RepoPaths {
  private RepoPaths() {}

  /** The directory part of {@code path}, or "" for a top-level file. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /**
   * Resolves {@code relative} against the directory of {@code fromFile}; empty when the result
   * would climb above the repository root or {@code relative} is absolute.
   */
  public static Optional<String> resolveSibling(String fromFile, String relative) {
    if (relative.startsWith("/") || relative.startsWith("\\")) {
      return Optional.empty();
    }
    String base = parent(fromFile);
    return normalize(base.isEmpty() ? relative : base + "/" + relative);
  }

  /** Removes '.' and 'x/..' segments; empty when '..' would leave the root. */
  public static Optional<String> normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.replace('\\', '/').split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return Optional.of(String.join("/", parts));
  }
}
