package io.aami.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Finds the git repository that holds a directory, as {@code git} itself would. */
public final class GitRepositories {
  private GitRepositories() {}

  /** The enclosing git repository, or empty when {@code dir} is not inside a work tree. */
  public static Optional<Repository> enclosing(Path dir) throws IOException {
    FileRepositoryBuilder builder =
        new FileRepositoryBuilder()
            .readEnvironment()
            .findGitDir(dir.toAbsolutePath().normalize().toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    Repository repository = builder.setMustExist(true).build();
    if (repository.isBare()) {
      repository.close();
      return Optional.empty();
    }
    return Optional.of(repository);
  }

  /** {@code dir} relative to the work tree of {@code git}, '/'-separated ("" at the top). */
  public static String prefixOf(Repository git, Path dir) throws IOException {
    Path top = git.getWorkTree().toPath().toRealPath();
    Path real = dir.toRealPath();
    return top.relativize(real).toString().replace('\\', '/');
  }

  /** Opens {@code revision} of the aami repository at {@code dir}. */
  public static GitTreeSource open(Path dir, String revision) throws IOException {
    Repository git =
        enclosing(dir)
            .orElseThrow(
                () ->
                    new RevisionNotFoundException(
                        dir + " is not inside a git work tree; --rev needs one"));
    return GitTreeSource.at(git, revision, prefixOf(git, dir));
  }
}
