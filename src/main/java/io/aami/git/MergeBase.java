package io.aami.git;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/** The commit a branch forked from, as {@code git merge-base} finds it. */
public final class MergeBase {
  private MergeBase() {}

  /** The merge base found, and the reference it was computed against. */
  public record Found(String commit, String against) {}

  /**
   * The best common ancestor of {@code head} (a revision, or HEAD for the work tree) and the first
   * of {@code candidates} that exists ({@code origin/main}, then {@code main}); empty when none
   * exists or they share no history.
   */
  public static Optional<Found> of(java.nio.file.Path dir, String head, List<String> candidates)
      throws IOException {
    try (Repository git =
        GitRepositories.enclosing(dir)
            .orElseThrow(
                () ->
                    new RevisionNotFoundException(
                        dir + " is not inside a git work tree; aami diff needs one"))) {
      return of(git, head, candidates);
    }
  }

  static Optional<Found> of(Repository git, String head, List<String> candidates)
      throws IOException {
    ObjectId headId = git.resolve(head + "^{commit}");
    if (headId == null) {
      throw new RevisionNotFoundException("unknown git revision '" + head + "'");
    }
    for (String candidate : candidates) {
      ObjectId other = git.resolve(candidate + "^{commit}");
      if (other == null) {
        continue;
      }
      try (RevWalk walk = new RevWalk(git)) {
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(walk.parseCommit(headId));
        walk.markStart(walk.parseCommit(other));
        RevCommit base = walk.next();
        return base == null ? Optional.empty() : Optional.of(new Found(base.getName(), candidate));
      }
    }
    return Optional.empty();
  }
}
