package io.aami.git;

import io.aami.source.RepoPaths;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * An aami repository as it is in one git commit, read straight from the object database: no
 * checkout, so a review can load a commit and the work tree side by side. {@code prefix} is the
 * aami repository's directory inside the git repository ("" at the top).
 */
public final class GitTreeSource implements RepositorySource {
  private static final int MAX_SYMLINK_HOPS = 16;

  private final Repository git;
  private final String commitId;
  private final String prefix;

  /** aami-relative path to its blob, for every non-tree entry below the prefix. */
  private final Map<String, Entry> entries = new TreeMap<>();

  private final Set<String> directories = new HashSet<>();

  private record Entry(FileMode mode, ObjectId blob) {}

  private GitTreeSource(Repository git, RevCommit commit, String prefix) throws IOException {
    this.git = git;
    this.commitId = commit.getName();
    this.prefix = prefix;
    try (TreeWalk walk = new TreeWalk(git)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        String path = walk.getPathString();
        if (!prefix.isEmpty()) {
          if (!path.startsWith(prefix + "/")) {
            continue;
          }
          path = path.substring(prefix.length() + 1);
        }
        entries.put(path, new Entry(walk.getFileMode(0), walk.getObjectId(0)));
        for (String dir = RepoPaths.parent(path); !dir.isEmpty(); dir = RepoPaths.parent(dir)) {
          directories.add(dir);
        }
      }
    }
  }

  /** Opens {@code revision} (anything {@code git rev-parse} accepts) of {@code git}. */
  public static GitTreeSource at(Repository git, String revision, String prefix)
      throws IOException {
    ObjectId id;
    try {
      id = git.resolve(revision + "^{commit}");
    } catch (IncorrectObjectTypeException e) {
      // A tree or blob id (or tag of one): a mistake in the command line, like an unknown name.
      throw new RevisionNotFoundException(
          "git revision '" + revision + "' names " + objectKind(git, revision) + ", not a commit");
    } catch (RevisionSyntaxException | AmbiguousObjectException e) {
      throw new RevisionNotFoundException(
          "git revision '"
              + revision
              + "' cannot be resolved: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    if (id == null) {
      throw new RevisionNotFoundException("unknown git revision '" + revision + "'");
    }
    try (RevWalk walk = new RevWalk(git)) {
      return new GitTreeSource(git, walk.parseCommit(id), prefix);
    }
  }

  private static String objectKind(Repository git, String revision) {
    try {
      ObjectId plain = git.resolve(revision);
      if (plain != null) {
        int type = git.open(plain).getType();
        return type == Constants.OBJ_TREE
            ? "a tree"
            : type == Constants.OBJ_BLOB ? "a blob" : "a tag";
      }
    } catch (IOException | RevisionSyntaxException e) {
      // fall through to the generic wording
    }
    return "an object that is not a commit";
  }

  public String commitId() {
    return commitId;
  }

  @Override
  public String description() {
    return "commit " + commitId.substring(0, 12) + (prefix.isEmpty() ? "" : " (" + prefix + "/)");
  }

  @Override
  public List<String> listFiles(String directory) {
    String start = directory.isEmpty() ? "" : directory + "/";
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      if (e.getKey().startsWith(start) && !e.getValue().mode().equals(FileMode.GITLINK)) {
        files.add(e.getKey());
      }
    }
    return files;
  }

  @Override
  public PathStatus status(String path) throws IOException {
    LinkEnd end = followLinks(path);
    if (end.path() != null) {
      return directories.contains(end.path()) ? PathStatus.DIRECTORY : PathStatus.FILE;
    }
    return end.escapes() ? PathStatus.OUTSIDE_REPOSITORY : PathStatus.MISSING;
  }

  @Override
  public long size(String path) throws IOException {
    try (ObjectReader reader = git.newObjectReader()) {
      return reader.getObjectSize(blob(path), Constants.OBJ_BLOB);
    }
  }

  @Override
  public byte[] read(String path) throws IOException {
    return readBlob(blob(path));
  }

  private ObjectId blob(String path) throws IOException {
    String real = followLinks(path).path();
    Entry entry = real == null ? null : entries.get(real);
    if (entry == null) {
      throw new IOException(path + ": not a file in " + description());
    }
    return entry.blob();
  }

  /**
   * Where a chain of symlinks starting at {@code path} ends: {@code path} is the file or directory
   * inside the repository it reaches, or null when it reaches nothing (a missing entry, a
   * submodule, a cycle) or leaves the repository ({@code escapes}).
   */
  private record LinkEnd(String path, boolean escapes) {}

  private LinkEnd followLinks(String path) throws IOException {
    String current = path;
    for (int hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
      if (directories.contains(current)) {
        return new LinkEnd(current, false);
      }
      Entry entry = entries.get(current);
      if (entry == null || entry.mode().equals(FileMode.GITLINK)) {
        return new LinkEnd(null, false);
      }
      if (!entry.mode().equals(FileMode.SYMLINK)) {
        return new LinkEnd(current, false);
      }
      String target = new String(readBlob(entry.blob()), StandardCharsets.UTF_8);
      Optional<String> next = RepoPaths.resolveSibling(current, target);
      if (next.isEmpty()) {
        return new LinkEnd(null, true);
      }
      current = next.get();
    }
    return new LinkEnd(null, false);
  }

  private byte[] readBlob(ObjectId id) throws IOException {
    try (ObjectReader reader = git.newObjectReader()) {
      return reader.open(id).getBytes();
    }
  }
}
