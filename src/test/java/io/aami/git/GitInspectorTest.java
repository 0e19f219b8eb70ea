package io.aami.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real repositories made with jgit in a temporary directory. */
class GitInspectorTest {
  private static final List<String> INPUTS =
      List.of("templates", "policies", "inventory", "aami.yaml");
  private static final Instant WHEN = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path tmp;

  private static RevCommit commitAll(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Tester", "t@example.com", WHEN, java.time.ZoneOffset.UTC);
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
  }

  private Path writeRepo(Path root) throws Exception {
    Files.createDirectories(root.resolve("policies"));
    Files.writeString(root.resolve("policies/p.yaml"), "id: one\n");
    Files.writeString(root.resolve("README.md"), "readme\n");
    return root;
  }

  @Test
  void notAGitWorkTree() throws Exception {
    assertEquals(Optional.empty(), GitInspector.inspect(writeRepo(tmp), INPUTS));
  }

  @Test
  void cleanCommitThenDirtyAfterAnEditOfAnInput() throws Exception {
    Path repo = writeRepo(tmp);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      RevCommit commit = commitAll(git, "initial");
      GitRevision clean = GitInspector.inspect(repo, INPUTS).orElseThrow();
      assertEquals(new GitRevision(commit.getName(), WHEN, false), clean);

      Files.writeString(repo.resolve("policies/p.yaml"), "id: two\n");
      GitRevision dirty = GitInspector.inspect(repo, INPUTS).orElseThrow();
      assertEquals(commit.getName(), dirty.commit());
      assertTrue(dirty.dirty());
    }
  }

  @Test
  void untrackedInputsAreDirtyButOtherFilesAreNot() throws Exception {
    Path repo = writeRepo(tmp);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      commitAll(git, "initial");
      Files.writeString(repo.resolve("README.md"), "edited\n");
      Files.createDirectories(repo.resolve("public/api"));
      Files.writeString(repo.resolve("public/api/x"), "rendered\n");
      assertFalse(
          GitInspector.inspect(repo, INPUTS).orElseThrow().dirty(),
          "README and the output directory are not render inputs");
      Files.writeString(repo.resolve("policies/new.yaml"), "id: new\n");
      assertTrue(GitInspector.inspect(repo, INPUTS).orElseThrow().dirty());
    }
  }

  @Test
  void aamiRepositoryInASubdirectoryOfTheWorkTree() throws Exception {
    Path repo = writeRepo(tmp.resolve("monitoring"));
    try (Git git = Git.init().setDirectory(tmp.toFile()).setInitialBranch("main").call()) {
      RevCommit commit = commitAll(git, "initial");
      Files.writeString(tmp.resolve("other.txt"), "elsewhere in the monorepo\n");
      GitRevision revision = GitInspector.inspect(repo, INPUTS).orElseThrow();
      assertEquals(commit.getName(), revision.commit());
      assertFalse(revision.dirty());
      Files.writeString(repo.resolve("policies/p.yaml"), "id: changed\n");
      assertTrue(GitInspector.inspect(repo, INPUTS).orElseThrow().dirty());
    }
  }

  @Test
  void repositoryWithoutCommits() throws Exception {
    Path repo = writeRepo(tmp);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      GitRevision revision = GitInspector.inspect(repo, INPUTS).orElseThrow();
      assertNull(revision.commit());
      assertNull(revision.commitTime());
      assertTrue(revision.dirty(), "everything is untracked");
    }
  }
}
