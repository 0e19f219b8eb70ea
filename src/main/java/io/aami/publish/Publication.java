package io.aami.publish;

import io.aami.concurrent.ExclusiveFileLock;
import io.aami.diag.Diagnostic;
import io.aami.render.SiteSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One render's site on its way into an output directory, a file at a time (see {@link Publisher}
 * for the mechanism and its guarantees). Each file is compared with the live tree as it arrives,
 * hashed for the manifest, and written to the staging tree, or carried over by a hard link when
 * unchanged; then it is dropped. What is kept per file is its path, size and hash. The staging tree
 * is created at the first difference, so a render that changes nothing writes nothing. Closing
 * without {@link #commit} deletes the staging tree and leaves the output untouched.
 */
public final class Publication implements SiteSink, AutoCloseable {
  private final Path target;
  private final Siblings siblings;
  private final SiteFileWriter writer;
  private final boolean compareOnly;
  private final ExclusiveFileLock lock;
  private final CurrentSite current;
  private final PreviousManifest previous;
  private final OutputPaths paths = new OutputPaths();
  private final Map<Object, Content> contents = new HashMap<>();

  /** The files of the new site so far, in the order they were added. */
  private final List<Listed> entries = new ArrayList<>();

  private final BackgroundHasher hasher = new BackgroundHasher();
  private final List<String> added = new ArrayList<>();
  private final List<String> changed = new ArrayList<>();

  /** Unchanged files met before the first difference: linked once the staging tree exists. */
  private final List<String> keptBeforeStaging = new ArrayList<>();

  private final Set<Path> directories = new HashSet<>();
  private Path staging;
  private boolean swapped;

  /** What is known of one content (files added with one key): its size, hash and copies. */
  private static final class Content {
    final long size;

    /** Its SHA-256, perhaps still being computed by the {@link BackgroundHasher}. */
    Future<String> sha256;

    /** Inodes of the live tree proven to hold these bytes. */
    final Set<Object> liveInodes = new HashSet<>(2);

    /** A file of the staging tree written (not carried over) with these bytes in this run. */
    Path written;

    /** The first path of the new site with these bytes (in the staging tree once that exists). */
    String firstPath;

    Content(long size) {
      this.size = size;
    }
  }

  private record Listed(String path, Content content) {
    Manifest.Entry entry() {
      return new Manifest.Entry(path, BackgroundHasher.valueOf(content.sha256), content.size);
    }
  }

  Publication(Path target, SiteFileWriter writer, boolean compareOnly) throws IOException {
    this.target = target;
    this.siblings = new Siblings(target);
    this.writer = writer;
    this.compareOnly = compareOnly;
    if (compareOnly) {
      lock = null;
      current = CurrentSite.read(target);
    } else {
      lock = ExclusiveFileLock.acquire(siblings.lockFile());
      try {
        siblings.recoverInterruptedSwap();
        siblings.removeLeftovers();
        current = CurrentSite.read(target);
      } catch (IOException | RuntimeException e) {
        lock.close();
        throw e;
      }
    }
    previous =
        current.isRegularFile(Publisher.OWNERSHIP_MARKER)
            ? PreviousManifest.read(
                current.file(Publisher.OWNERSHIP_MARKER),
                current.attributes(Publisher.OWNERSHIP_MARKER).lastModifiedTime())
            : PreviousManifest.NONE;
  }

  @Override
  public void add(String path, Object sameContent, Supplier<byte[]> bytes) throws IOException {
    if (!paths.accept(path)) {
      return;
    }
    Content content = sameContent == null ? null : contents.get(sameContent);
    CurrentSite.LiveFile live =
        current.contains(path) && current.isRegularFile(path) ? current.attributes(path) : null;
    if (content != null
        && live != null
        && live.size() == content.size
        && live.fileKey() != null
        && content.liveInodes.contains(live.fileKey())) {
      keep(path, content);
      return;
    }
    if (content != null && !current.contains(path)) {
      // A new file whose bytes are known: no need to build them again.
      added.add(path);
      entries.add(new Listed(path, content));
      if (!compareOnly) {
        Path file = stagingFile(path);
        link(staging.resolve(content.firstPath), file);
      }
      return;
    }
    byte[] data = bytes.get();
    if (content == null) {
      content = new Content(data.length);
      if (sameContent != null) {
        contents.put(sameContent, content);
      }
    }
    if (live != null
        && live.size() == data.length
        && Arrays.equals(Files.readAllBytes(current.file(path)), data)) {
      if (live.fileKey() != null) {
        content.liveInodes.add(live.fileKey());
      }
      if (content.sha256 == null) {
        Optional<String> vouched =
            previous.hashIfUnmodified(path, data.length, live.lastModifiedTime());
        content.sha256 =
            vouched.isPresent()
                ? CompletableFuture.completedFuture(vouched.get())
                : hasher.hash(data);
      }
      keep(path, content);
      return;
    }
    if (content.sha256 == null) {
      content.sha256 = hasher.hash(data);
    }
    entries.add(new Listed(path, content));
    (current.contains(path) ? changed : added).add(path);
    if (!compareOnly) {
      write(path, data, content);
    }
  }

  /** How many files were added so far (without computing their entries). */
  public int fileCount() {
    return entries.size();
  }

  /** The files added so far, for the manifest. */
  public List<Manifest.Entry> entries() {
    return entries.stream().map(Listed::entry).toList();
  }

  /**
   * Paths that were refused (unsafe, duplicate, file over directory); refused files were not
   * written.
   */
  public List<Diagnostic> pathProblems() {
    return paths.problems();
  }

  /** How the output differs from the files added so far. */
  public SiteDiff diff() {
    List<String> removed = new ArrayList<>();
    for (String path : current.paths()) {
      if (!paths.contains(path)) {
        removed.add(path);
      }
    }
    List<String> a = new ArrayList<>(added);
    List<String> c = new ArrayList<>(changed);
    a.sort(null);
    c.sort(null);
    return new SiteDiff(a, removed, c);
  }

  /** Makes the output hold exactly the files added; nothing is written when it already does. */
  public PublishResult commit() throws IOException {
    if (compareOnly) {
      throw new IllegalStateException("a comparison cannot be committed");
    }
    SiteDiff diff = diff();
    if (diff.isEmpty()) {
      return new PublishResult(diff, entries.size(), false);
    }
    ensureStaging();
    for (String path : diff.changed()) {
      moveMtimePast(current.file(path), staging.resolve(path));
    }
    swap();
    swapped = true;
    return new PublishResult(diff, entries.size(), true);
  }

  @Override
  public void close() throws IOException {
    hasher.close();
    try {
      if (staging != null && !swapped) {
        Siblings.deleteTree(staging);
      }
    } finally {
      if (lock != null) {
        lock.close(); // releases the lock and removes its file
      }
    }
  }

  private void keep(String path, Content content) throws IOException {
    entries.add(new Listed(path, content));
    if (compareOnly) {
      return;
    }
    if (staging == null) {
      keptBeforeStaging.add(path);
    } else {
      carryOver(path);
    }
    if (content.firstPath == null) {
      content.firstPath = path;
    }
  }

  private void write(String path, byte[] data, Content content) throws IOException {
    Path file = stagingFile(path);
    if (content.written == null || !linked(content.written, file)) {
      writer.write(file, data);
      content.written = file;
    }
    if (content.firstPath == null) {
      content.firstPath = path;
    }
  }

  private void link(Path existing, Path file) throws IOException {
    if (!linked(existing, file)) {
      Files.copy(existing, file);
    }
  }

  private Path stagingFile(String path) throws IOException {
    ensureStaging();
    Path file = staging.resolve(path);
    if (directories.add(file.getParent())) {
      Files.createDirectories(file.getParent());
    }
    return file;
  }

  private void ensureStaging() throws IOException {
    if (staging != null) {
      return;
    }
    refuseForeignDirectory();
    staging = siblings.create("tmp");
    for (String path : keptBeforeStaging) {
      carryOver(path);
    }
    keptBeforeStaging.clear();
  }

  /** Carries an unchanged file into the new tree without changing its mtime. */
  private void carryOver(String path) throws IOException {
    Path copy = staging.resolve(path);
    if (directories.add(copy.getParent())) {
      Files.createDirectories(copy.getParent());
    }
    Path live = current.file(path);
    try {
      Files.createLink(copy, live);
    } catch (IOException | UnsupportedOperationException noHardLinks) {
      Files.copy(live, copy, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static boolean linked(Path sameContent, Path file) {
    try {
      Files.createLink(file, sameContent);
      return true;
    } catch (IOException | UnsupportedOperationException noHardLinks) {
      return false;
    }
  }

  /**
   * A web app's {@code public/} often has a {@code manifest.json} of its own, so the marker counts
   * only when it is an aami manifest.
   */
  private void refuseForeignDirectory() throws IOException {
    if (!current.exists() || current.isEmpty()) {
      return;
    }
    if (!current.isRegularFile(Publisher.OWNERSHIP_MARKER)) {
      throw new UnmanagedOutputException(
          target
              + " is not empty and has no "
              + Publisher.OWNERSHIP_MARKER
              + ", so it was not published by aami; refusing to replace it (choose an empty or new "
              + "directory, or remove its contents)");
    }
    if (!previous.isAami()) {
      throw new UnmanagedOutputException(
          target
              + " has a "
              + Publisher.OWNERSHIP_MARKER
              + " that aami "
              + "did not write (no format_version and files), so it was not published by aami; refusing "
              + "to replace it (choose an empty or new directory, or remove its contents)");
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

  private void swap() throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } else if (Files.isSymbolicLink(target)) {
      swapSymlink();
    } else {
      swapDirectory();
    }
  }

  private void swapSymlink() throws IOException {
    Path previousTree = siblings.linkTarget();
    Path live = siblings.name("site");
    Files.move(staging, live, StandardCopyOption.ATOMIC_MOVE);
    Path link = siblings.name("link");
    try {
      Files.createSymbolicLink(link, live.getFileName());
      // rename(2) replaces the old link in one step: readers resolve either the old or new tree.
      Files.move(link, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(link);
      Siblings.deleteTree(live);
      throw e;
    }
    if (siblings.isManaged(previousTree)) {
      Siblings.deleteTreeQuietly(previousTree);
    }
  }

  private void swapDirectory() throws IOException {
    copyPermissions(target, staging);
    Path old = siblings.name("old");
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
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
