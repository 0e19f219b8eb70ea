package io.aami.publish;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The working directories aami keeps beside an output directory {@code NAME}: all named {@code
 * .NAME.aami-<role>-<random>} so that they are hidden, on the same file system (rename must not
 * cross one) and recognizable as aami's after a crash.
 */
final class Siblings {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path out;
  private final String prefix;

  Siblings(Path out) {
    this.out = out;
    this.prefix = "." + out.getFileName() + ".aami-";
  }

  Path lockFile() {
    return out.resolveSibling("." + out.getFileName() + ".aami.lock");
  }

  Path name(String role) {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    return out.resolveSibling(prefix + role + "-" + HexFormat.of().formatHex(random));
  }

  /** A new empty directory with default permissions (not 0700, so web servers can read it). */
  Path create(String role) throws IOException {
    return Files.createDirectory(name(role));
  }

  boolean isManaged(Path path) {
    return path.getParent() != null
        && path.getParent().equals(out.getParent())
        && path.getFileName().toString().startsWith(prefix);
  }

  /** A crash between the two renames of a directory swap left no output: put the old one back. */
  void recoverInterruptedSwap() throws IOException {
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (Path p : managed()) {
      if (p.getFileName().toString().startsWith(prefix + "old-")) {
        Files.move(p, out, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
    }
  }

  /** Staging and old trees of crashed runs; never the tree the output symlink points at. */
  void removeLeftovers() throws IOException {
    Path live = Files.isSymbolicLink(out) ? linkTarget() : null;
    for (Path p : managed()) {
      if (!p.equals(live)) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(p);
        } else {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The tree the output symlink points at (a relative link resolves beside it). */
  Path linkTarget() throws IOException {
    return out.getParent().resolve(Files.readSymbolicLink(out)).normalize();
  }

  private List<Path> managed() throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(
            out.getParent(), p -> p.getFileName().toString().startsWith(prefix))) {
      dir.forEach(found::add);
    }
    found.sort(null);
    return found;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
        for (Path child : children) {
          deleteTree(child);
        }
      }
    }
    Files.delete(root);
  }

  /** The swap already succeeded; a tree that cannot be deleted now is removed by the next run. */
  static void deleteTreeQuietly(Path root) {
    try {
      deleteTree(root);
    } catch (IOException ignored) {
      // left for removeLeftovers()
    }
  }
}
