package io.aami.source;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A repository revision with some files replaced, added or deleted in memory: what a change would
 * make of the repository, loaded and validated before anything is written.
 */
public final class OverlaySource implements RepositorySource {
  private final RepositorySource base;

  /** New content by path; an empty value deletes the file. */
  private final Map<String, Optional<byte[]>> changes;

  public OverlaySource(RepositorySource base, Map<String, Optional<byte[]>> changes) {
    this.base = base;
    this.changes = Collections.unmodifiableMap(new TreeMap<>(changes));
  }

  @Override
  public String description() {
    return base.description() + " with " + changes.size() + " changed file(s)";
  }

  @Override
  public List<String> listFiles(String directory) throws IOException {
    TreeSet<String> files = new TreeSet<>(base.listFiles(directory));
    String prefix = directory.isEmpty() ? "" : directory + "/";
    changes.forEach(
        (path, content) -> {
          if (path.startsWith(prefix)) {
            if (content.isPresent()) {
              files.add(path);
            } else {
              files.remove(path);
            }
          }
        });
    return List.copyOf(files);
  }

  @Override
  public PathStatus status(String path) throws IOException {
    Optional<byte[]> changed = changes.get(path);
    if (changed != null) {
      return changed.isPresent() ? PathStatus.FILE : PathStatus.MISSING;
    }
    PathStatus status = base.status(path);
    if (status == PathStatus.MISSING
        && changes.keySet().stream()
            .anyMatch(p -> p.startsWith(path + "/") && changes.get(p).isPresent())) {
      return PathStatus.DIRECTORY;
    }
    return status;
  }

  @Override
  public long size(String path) throws IOException {
    Optional<byte[]> changed = changes.get(path);
    return changed != null ? changed.orElseThrow().length : base.size(path);
  }

  @Override
  public byte[] read(String path) throws IOException {
    Optional<byte[]> changed = changes.get(path);
    return changed != null ? changed.orElseThrow().clone() : base.read(path);
  }
}
