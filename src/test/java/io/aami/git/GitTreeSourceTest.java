package io.aami.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.source.RepositorySource.PathStatus;
import io.aami.source.WorkTreeSource;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads repositories from real git commits made with jgit in a temporary directory. */
class GitTreeSourceTest {
  @TempDir Path tmp;

  private Git commitFixture(Path dir, String fixture) throws Exception {
    Trees.copy(
        Golden.projectDir().resolve("src/test/resources/golden/report/" + fixture + "/input"), dir);
    Git git = Git.init().setDirectory(tmp.toFile()).setInitialBranch("main").call();
    git.add().addFilepattern(".").call();
    git.commit()
        .setMessage("fixture")
        .setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com")
        .setSign(false)
        .call();
    return git;
  }

  @Test
  void commitAndWorkTreeLoadToTheSameModel() throws Exception {
    try (Git git = commitFixture(tmp.resolve("repo"), "clean")) {
      GitTreeSource atHead = GitTreeSource.at(git.getRepository(), "HEAD", "repo");
      LoadResult fromGit = new RepositoryLoader().load(atHead);
      LoadResult fromDisk = new RepositoryLoader().load(new WorkTreeSource(tmp.resolve("repo")));
      assertEquals(fromDisk.diagnostics(), fromGit.diagnostics());
      assertEquals(fromDisk.repository().targets().size(), fromGit.repository().targets().size());
      assertEquals(
          fromDisk.repository().scriptTemplates().get(0).definition().script(),
          fromGit.repository().scriptTemplates().get(0).definition().script());
      assertEquals(List.of("inventory/inventory.yaml"), atHead.listFiles("inventory"));
    }
  }

  @Test
  void commitIgnoresLaterWorkTreeEdits() throws Exception {
    try (Git git = commitFixture(tmp.resolve("repo"), "clean")) {
      Path file = tmp.resolve("repo/inventory/inventory.yaml");
      byte[] committed = Files.readAllBytes(file);
      Files.writeString(file, "garbage: [", StandardCharsets.UTF_8);
      GitTreeSource atHead = GitTreeSource.at(git.getRepository(), "main", "repo");
      assertArrayEquals(committed, atHead.read("inventory/inventory.yaml"));
      assertEquals(committed.length, atHead.size("inventory/inventory.yaml"));
    }
  }

  @Test
  void symlinksAreFollowedInsideAndRefusedOutside() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("templates"));
    Files.writeString(repo.resolve("templates/real.sh"), "echo\n");
    Files.createSymbolicLink(repo.resolve("templates/inside.sh"), Path.of("real.sh"));
    Files.createSymbolicLink(repo.resolve("templates/outside.sh"), Path.of("../../etc/passwd"));
    try (Git git = commitFixture(repo, "clean")) {
      GitTreeSource src = GitTreeSource.at(git.getRepository(), "HEAD", "repo");
      assertEquals(PathStatus.FILE, src.status("templates/inside.sh"));
      assertArrayEquals("echo\n".getBytes(StandardCharsets.UTF_8), src.read("templates/inside.sh"));
      assertEquals(PathStatus.OUTSIDE_REPOSITORY, src.status("templates/outside.sh"));
      assertEquals(PathStatus.DIRECTORY, src.status("templates"));
      assertEquals(PathStatus.MISSING, src.status("templates/none.sh"));
      assertThrows(IOException.class, () -> src.read("templates/outside.sh"));
    }
  }

  @Test
  void unknownRevisionIsAnError() throws Exception {
    try (Git git = commitFixture(tmp.resolve("repo"), "clean")) {
      IOException e =
          assertThrows(
              IOException.class, () -> GitTreeSource.at(git.getRepository(), "no-such-branch", ""));
      assertEquals("unknown git revision 'no-such-branch'", e.getMessage());
    }
  }
}
