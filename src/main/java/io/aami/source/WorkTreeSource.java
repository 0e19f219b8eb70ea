package io.aami.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A repository as it is on disk. */
public final class WorkTreeSource implements RepositorySource {
  private final Path root;
  private final Path realRoot;

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
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  @Override
  public PathStatus status(String path) throws IOException {
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
    return Files.isDirectory(real) ? PathStatus.DIRECTORY : PathStatus.FILE;
  }

  @Override
  public long size(String path) throws IOException {
    return Files.size(root.resolve(path));
  }

  @Override
  public byte[] read(String path) throws IOException {
    return Files.readAllBytes(root.resolve(path));
  }

}
