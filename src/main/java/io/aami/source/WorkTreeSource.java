package io.aami.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** A repository as it is on disk. */
public final class WorkTreeSource implements RepositorySource {
  /** Above every per-kind limit of the loader, which checks {@link #size} first. */
  static final int MAX_READ_BYTES = 64 * 1024 * 1024;

  private final Path root;
  private final Path realRoot;
  private final Set<String> undecodable = ConcurrentHashMap.newKeySet();

  public WorkTreeSource(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.realRoot = this.root.toRealPath();
  }

  public Path root() {
    return root;
  }

  @Override
  public String description() {
    return "work tree " + root;
  }

  @Override
  public List<String> listFiles(String directory) throws IOException {
    Path dir = root.resolve(directory);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    // Symlinked directories are not followed: a link must not pull outside files into the repo.
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(this::relative)
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The repository-relative name; a name whose bytes are not valid in the platform encoding (UTF-8)
   * decodes with replacement characters and no longer leads back to the file, so it is remembered
   * and reported as such rather than as missing.
   */
  private String relative(Path path) {
    String name = root.relativize(path).toString().replace('\\', '/');
    if (!name.chars().allMatch(c -> c < 0x80)
        && !Files.exists(root.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
      undecodable.add(name);
    }
    return name;
  }

  @Override
  public PathStatus status(String path) throws IOException {
    if (undecodable.contains(path)) {
      throw new FileSystemException(
          path,
          null,
          "the file name is not valid "
              + System.getProperty("sun.jnu.encoding", "UTF-8")
              + "; rename it");
    }
    Path candidate = root.resolve(path);
    if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
      return PathStatus.MISSING;
    }
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (NoSuchFileException dangling) {
      return PathStatus.MISSING;
    }
    if (!real.startsWith(realRoot)) {
      return PathStatus.OUTSIDE_REPOSITORY;
    }
    BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
    if (attributes.isDirectory()) {
      return PathStatus.DIRECTORY;
    }
    return attributes.isRegularFile() ? PathStatus.FILE : PathStatus.SPECIAL;
  }

  @Override
  public long size(String path) throws IOException {
    return Files.size(root.resolve(path));
  }

  /**
   * Checks the type again right before opening (opening a FIFO blocks until a writer appears, a
   * device never ends) and reads at most {@link #MAX_READ_BYTES}, whatever the file grew to.
   */
  @Override
  public byte[] read(String path) throws IOException {
    Path file = root.resolve(path);
    if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
      throw new FileSystemException(path, null, "not a regular file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_READ_BYTES + 1);
      if (bytes.length > MAX_READ_BYTES) {
        throw new FileSystemException(path, null, "larger than " + MAX_READ_BYTES + " bytes");
      }
      return bytes;
    }
  }
}
