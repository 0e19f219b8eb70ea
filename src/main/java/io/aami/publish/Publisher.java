package io.aami.publish;

import io.aami.render.RenderedFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Puts a rendered site into an output directory so that readers only ever see the old tree or
 * the new one, never a mix (docs/PUBLISHING.md describes the mechanism and its guarantees):
 *
 * <ol>
 *   <li>Compare the site with what the directory holds. Identical: return without writing.
 *   <li>Build the complete new tree in a staging directory beside it ({@code .NAME.aami-tmp-*}):
 *       new and changed files are written (identical ones once, then hard-linked), unchanged
 *       files are hard-linked from the live tree (or copied with their attributes), so their
 *       mtime, and the ETag a web server derives from it, stays the same. A changed file's mtime
 *       is moved at least one whole second past its previous one, so its ETag changes.
 *   <li>Swap: when the output is a symlink, point a new symlink at the new tree and rename it
 *       over the old one (one atomic rename); when it is a real directory, rename it aside and
 *       rename the new tree into its place; when it is missing, rename the new tree into place.
 *   <li>Delete the previous tree. Files of targets that no longer exist went with it.
 * </ol>
 *
 * Any failure before the swap deletes the staging tree and leaves the output untouched. Publishes
 * into one directory are serialized with a lock file beside it ({@code .NAME.aami.lock}).
 */
public final class Publisher {
  /**
   * Every site aami publishes has this file at its root. A non-empty output directory without it
   * is not aami's, and aami refuses to replace it.
   */
  public static final String OWNERSHIP_MARKER = "manifest.json";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SiteFileWriter writer;

  public Publisher() {
    this(SiteFileWriter.DIRECT);
  }

  public Publisher(SiteFileWriter writer) {
    this.writer = writer;
  }

  /** How {@code out} differs from {@code files}, byte for byte. Reads only. */
  public SiteDiff diff(Path out, List<RenderedFile> files) throws IOException {
    return compare(CurrentSite.read(out), files);
  }

  /** Makes {@code out} hold exactly {@code files}; see the class comment. */
  public PublishResult publish(Path out, List<RenderedFile> files) throws IOException {
    Path target = out.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null) {
      throw new IOException("cannot publish to the file system root");
    }
    createParent(parent);
    Siblings siblings = new Siblings(target);
    try (FileChannel channel = FileChannel.open(siblings.lockFile(),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      siblings.recoverInterruptedSwap();
      siblings.removeLeftovers();
      CurrentSite current = CurrentSite.read(target);
      SiteDiff diff = compare(current, files);
      if (diff.isEmpty()) {
        return new PublishResult(diff, files.size(), false);
      }
      refuseForeignDirectory(target, current);
      Path staging = siblings.create("tmp");
      boolean swapped = false;
      try {
        fill(staging, files, current, diff);
        swap(target, staging, siblings);
        swapped = true;
      } finally {
        if (!swapped) {
          Siblings.deleteTree(staging);
        }
      }
      return new PublishResult(diff, files.size(), true);
    }
  }

  private static SiteDiff compare(CurrentSite current, List<RenderedFile> files) throws IOException {
    Map<String, byte[]> wanted = new TreeMap<>();
    for (RenderedFile f : files) {
      if (wanted.put(f.path(), f.content()) != null) {
        throw new IllegalArgumentException("two rendered files share the path " + f.path());
      }
    }
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    Comparisons comparisons = new Comparisons();
    for (Map.Entry<String, byte[]> e : wanted.entrySet()) {
      String path = e.getKey();
      if (!current.contains(path)) {
        added.add(path);
      } else if (!current.isRegularFile(path) || !comparisons.same(current.file(path), e.getValue())) {
        changed.add(path);
      }
    }
    for (String path : current.paths()) {
      if (!wanted.containsKey(path)) {
        removed.add(path);
      }
    }
    return new SiteDiff(added, removed, changed);
  }

  /**
   * Compares files with wanted contents, each (inode, content) pair once: a published tree links
   * every target of one group set to one inode, so a fleet's 20,000 files are a few hundred reads.
   */
  private static final class Comparisons {
    private final Map<Object, Map<byte[], Boolean>> byInode = new HashMap<>();

    boolean same(Path file, byte[] wanted) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (attributes.size() != wanted.length) {
        return false;
      }
      Object inode = attributes.fileKey();
      if (inode == null) {
        return Arrays.equals(Files.readAllBytes(file), wanted);
      }
      Map<byte[], Boolean> known = byInode.computeIfAbsent(inode, k -> new IdentityHashMap<>());
      Boolean result = known.get(wanted);
      if (result == null) {
        result = Arrays.equals(Files.readAllBytes(file), wanted);
        known.put(wanted, result);
      }
      return result;
    }
  }

  private static void createParent(Path parent) throws IOException {
    try {
      Files.createDirectories(parent);
    } catch (FileAlreadyExistsException file) {
      throw new RefusedOutputException("cannot create the directory " + file.getFile()
          + " for the output: a file of that name exists");
    }
  }

  /**
   * A web app's {@code public/} often has a {@code manifest.json} of its own, so the marker counts
   * only when it is an aami manifest.
   */
  private static void refuseForeignDirectory(Path out, CurrentSite current) throws IOException {
    if (!current.exists() || current.isEmpty()) {
      return;
    }
    if (!current.isRegularFile(OWNERSHIP_MARKER)) {
      throw new UnmanagedOutputException(out + " is not empty and has no " + OWNERSHIP_MARKER
          + ", so it was not published by aami; refusing to replace it (choose an empty or new "
          + "directory, or remove its contents)");
    }
    if (!Manifest.isAamiManifest(Files.readAllBytes(current.file(OWNERSHIP_MARKER)))) {
      throw new UnmanagedOutputException(out + " has a " + OWNERSHIP_MARKER + " that aami did not "
          + "write (no format_version and files), so it was not published by aami; refusing to "
          + "replace it (choose an empty or new directory, or remove its contents)");
    }
  }

  private void fill(Path staging, List<RenderedFile> files, CurrentSite current, SiteDiff diff)
      throws IOException {
    Set<String> rewritten = new HashSet<>(diff.added());
    rewritten.addAll(diff.changed());
    // Renderers share one byte array among files with the same content (all targets of one group
    // set): those are written once and hard-linked, which cuts a fleet's writes by orders of magnitude.
    Map<byte[], Path> writtenOnce = new IdentityHashMap<>();
    for (RenderedFile f : files) {
      Path file = staging.resolve(f.path());
      Files.createDirectories(file.getParent());
      if (!rewritten.contains(f.path())) {
        keep(current.file(f.path()), file);
      } else if (!linkedToSameContent(writtenOnce.get(f.content()), file)) {
        writer.write(file, f.content());
        writtenOnce.put(f.content(), file);
      }
    }
    for (String path : diff.changed()) {
      moveMtimePast(current.file(path), staging.resolve(path));
    }
  }

  private static boolean linkedToSameContent(Path sameContent, Path file) {
    if (sameContent == null) {
      return false;
    }
    try {
      Files.createLink(file, sameContent);
      return true;
    } catch (IOException | UnsupportedOperationException noHardLinks) {
      return false;
    }
  }

  /**
   * Web servers build ETags from whole-second mtimes and sizes: a file rewritten within the second
   * of its previous version, at the same size, would keep its ETag and stay cached. A changed
   * file's mtime is therefore moved at least one second past the old one.
   */
  private static void moveMtimePast(Path old, Path changed) throws IOException {
    if (!Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    long oldSeconds = Files.getLastModifiedTime(old).to(TimeUnit.SECONDS);
    if (Files.getLastModifiedTime(changed).to(TimeUnit.SECONDS) <= oldSeconds) {
      Files.setLastModifiedTime(changed, FileTime.from(oldSeconds + 1, TimeUnit.SECONDS));
    }
  }

  /** Carries an unchanged file into the new tree without changing its mtime. */
  private static void keep(Path live, Path copy) throws IOException {
    try {
      Files.createLink(copy, live);
    } catch (IOException | UnsupportedOperationException noHardLinks) {
      Files.copy(live, copy, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static void swap(Path out, Path staging, Siblings siblings) throws IOException {
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
    } else if (Files.isSymbolicLink(out)) {
      swapSymlink(out, staging, siblings);
    } else {
      swapDirectory(out, staging, siblings);
    }
  }

  private static void swapSymlink(Path out, Path staging, Siblings siblings) throws IOException {
    Path previous = out.getParent().resolve(Files.readSymbolicLink(out)).normalize();
    Path live = siblings.name("site");
    Files.move(staging, live, StandardCopyOption.ATOMIC_MOVE);
    Path link = siblings.name("link");
    try {
      Files.createSymbolicLink(link, live.getFileName());
      // rename(2) replaces the old link in one step: readers resolve either the old or new tree.
      Files.move(link, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(link);
      Siblings.deleteTree(live);
      throw e;
    }
    if (siblings.isManaged(previous)) {
      Siblings.deleteTreeQuietly(previous);
    }
  }

  private static void swapDirectory(Path out, Path staging, Siblings siblings) throws IOException {
    copyPermissions(out, staging);
    Path old = siblings.name("old");
    Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.move(old, out, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    Siblings.deleteTreeQuietly(old);
  }

  private static void copyPermissions(Path from, Path to) {
    try {
      Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
    } catch (IOException | UnsupportedOperationException notPosix) {
      // The new directory keeps the default permissions.
    }
  }

  /**
   * The working directories aami keeps beside an output directory {@code NAME}: all named
   * {@code .NAME.aami-<role>-<random>} so that they are hidden, on the same file system (rename
   * must not cross one) and recognizable as aami's after a crash.
   */
  static final class Siblings {
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
      return path.getParent() != null && path.getParent().equals(out.getParent())
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
      Path live = Files.isSymbolicLink(out)
          ? out.getParent().resolve(Files.readSymbolicLink(out)).normalize() : null;
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

    private List<Path> managed() throws IOException {
      List<Path> found = new ArrayList<>();
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(out.getParent(),
          p -> p.getFileName().toString().startsWith(prefix))) {
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
}
