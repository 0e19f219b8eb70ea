package io.aami.publish;

import io.aami.render.RenderedFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * into one directory are serialized with a lock file beside it ({@code .NAME.aami.lock}) that
 * exists only while a publish runs ({@link PublishLock}).
 */
public final class Publisher {
  /**
   * Every site aami publishes has this file at its root. A non-empty output directory without it
   * is not aami's, and aami refuses to replace it.
   */
  public static final String OWNERSHIP_MARKER = "manifest.json";

  private final SiteFileWriter writer;

  public Publisher() {
    this(SiteFileWriter.DIRECT);
  }

  public Publisher(SiteFileWriter writer) {
    this.writer = writer;
  }

  /** How {@code out} differs from {@code files}, byte for byte. Reads only. */
  public SiteDiff diff(Path out, List<RenderedFile> files) throws IOException {
    return SiteComparison.compare(CurrentSite.read(out), files);
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
    try (PublishLock ignored = PublishLock.acquire(siblings.lockFile())) {
      siblings.recoverInterruptedSwap();
      siblings.removeLeftovers();
      CurrentSite current = CurrentSite.read(target);
      SiteDiff diff = SiteComparison.compare(current, files);
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
    Set<Path> directories = new HashSet<>();
    for (RenderedFile f : files) {
      Path file = staging.resolve(f.path());
      if (directories.add(file.getParent())) {
        Files.createDirectories(file.getParent());
      }
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
    Path previous = siblings.linkTarget();
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
}
