package io.aami.publish;

import io.aami.render.RenderedFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Puts a rendered site into an output directory so that readers only ever see the old tree or the
 * new one, never a mix (docs/PUBLISHING.md describes the mechanism and its guarantees):
 *
 * <ol>
 *   <li>Compare the site, file by file as it is rendered ({@link Publication}), with what the
 *       directory holds. Identical: return without writing.
 *   <li>From the first difference on, build the complete new tree in a staging directory beside it
 *       ({@code .NAME.aami-tmp-*}): new and changed files are written (identical ones once, then
 *       hard-linked), unchanged files are hard-linked from the live tree (or copied with their
 *       attributes), so their mtime, and the ETag a web server derives from it, stays the same. A
 *       changed file's mtime is moved at least one whole second past its previous one, so its ETag
 *       changes.
 *   <li>Swap: when the output is a symlink, point a new symlink at the new tree and rename it over
 *       the old one (one atomic rename); when it is a real directory, rename it aside and rename
 *       the new tree into its place; when it is missing, rename the new tree into place.
 *   <li>Delete the previous tree. Files of targets that no longer exist went with it.
 * </ol>
 *
 * Any failure before the swap deletes the staging tree and leaves the output untouched. Publishes
 * into one directory are serialized with a lock file beside it ({@code .NAME.aami.lock}) that
 * exists only while a publish runs ({@link io.aami.concurrent.ExclusiveFileLock}).
 */
public final class Publisher {
  /**
   * Every site aami publishes has this file at its root. A non-empty output directory without it is
   * not aami's, and aami refuses to replace it.
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
    try (Publication site = compare(out)) {
      addAll(site, files);
      return site.diff();
    }
  }

  /** Makes {@code out} hold exactly {@code files}; see the class comment. */
  public PublishResult publish(Path out, List<RenderedFile> files) throws IOException {
    try (Publication site = open(out)) {
      addAll(site, files);
      return site.commit();
    }
  }

  /**
   * Starts publishing into {@code out}: holds its lock until closed. Files are then added one at a
   * time; {@link Publication#commit} swaps them in.
   */
  public Publication open(Path out) throws IOException {
    Path target = out.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null) {
      throw new IOException("cannot publish to the file system root");
    }
    createParent(parent);
    return new Publication(target, writer, false);
  }

  /** Starts comparing files with what {@code out} holds, without writing anything. */
  public Publication compare(Path out) throws IOException {
    return new Publication(out.toAbsolutePath().normalize(), writer, true);
  }

  private static void addAll(Publication site, List<RenderedFile> files) throws IOException {
    for (RenderedFile f : files) {
      site.add(f);
    }
    if (!site.pathProblems().isEmpty()) {
      throw new IllegalArgumentException(site.pathProblems().get(0).message());
    }
  }

  private static void createParent(Path parent) throws IOException {
    try {
      Files.createDirectories(parent);
    } catch (FileAlreadyExistsException file) {
      throw new RefusedOutputException(
          "cannot create the directory "
              + file.getFile()
              + " for the output: a file of that name exists");
    }
  }
}
