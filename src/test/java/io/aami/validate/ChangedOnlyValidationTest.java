package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.GitRepo;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aami validate --base REV} against real git repositories made with jgit. */
class ChangedOnlyValidationTest {
  @TempDir Path tmp;

  /** A repository with one pre-existing warning (an unknown config key) in policies/old.yaml. */
  private static String base(GitRepo repo) throws Exception {
    repo.file("templates/check-a.yaml", TestRepo.template("check-a", "{paths: [/data]}"))
        .file("templates/check-b.yaml", TestRepo.template("check-b", "{limit: 1}"))
        .file(
            "policies/old.yaml", TestRepo.policy("old", null, "check-a", "config: {pathz: [/x]}\n"))
        .file("policies/b.yaml", TestRepo.policy("b-global", null, "check-b", ""))
        .file(
            "inventory/inventory.yaml",
            TestRepo.docs(TestRepo.group("g", 0), TestRepo.target("t1", "g")));
    return repo.commit("base");
  }

  private static List<String> problemLines(Cli run) {
    return run.err()
        .lines()
        .filter(l -> l.matches("^[^ ].*:\\d+:\\d+: (error|warning)\\[.*"))
        .toList();
  }

  @Test
  void reportsOnlyProblemsInChangedFilesAndCountsTheRest() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      String base = base(repo);
      repo.file(
          "policies/new.yaml", TestRepo.policy("new", "g", "check-a", "config: {pathss: [/y]}\n"));
      Cli run = Cli.run("validate", "--repo", repo.root().toString(), "--base", base);
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(
          List.of(
              "policies/new.yaml:7:10: warning[policy/config-key]: config key 'pathss' is not in"
                  + " the default_config of ScriptTemplate 'check-a', so the check may ignore it; did you mean 'paths'?"),
          problemLines(run));
      assertTrue(
          run.err()
              .contains("aami: left out 1 pre-existing problem in files unchanged since " + base),
          run.err());
      Cli all = Cli.run("validate", "--repo", repo.root().toString());
      assertEquals(2, problemLines(all).size(), all.err());
    }
  }

  @Test
  void reportsNewProblemsInUnchangedFiles() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      String base = base(repo);
      // Deleting a template breaks policies/b.yaml, which the change does not touch.
      repo.delete("templates/check-b.yaml");
      // A second global policy of check-a ties with 'old' in policies/old.yaml.
      repo.file("policies/tie.yaml", TestRepo.policy("tie", null, "check-a", ""));
      repo.commit("delete check-b, add a tie");
      Cli run =
          Cli.run("validate", "--repo", repo.root().toString(), "--base", base, "--format", "json");
      assertEquals(1, run.exitCode(), run.out());
      assertTrue(run.out().contains("\"file\": \"policies/b.yaml\""), run.out());
      assertTrue(run.out().contains("\"code\": \"ref/template\""), run.out());
      assertTrue(run.out().contains("\"code\": \"policy/ambiguous\""), run.out());
      assertTrue(!run.out().contains("pathz"), "the old warning is left out: " + run.out());
      assertTrue(run.err().contains("left out 1 pre-existing problem"), run.err());
    }
  }

  @Test
  void aScriptChangeWithoutANewVersionIsAWarningAtTheVersion() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      String base = base(repo);
      repo.file(
          "templates/check-a.yaml",
          TestRepo.template("check-a", "{paths: [/data]}")
              .replace("echo check-a", "echo check-a changed"));
      repo.file(
          "templates/check-b.yaml",
          TestRepo.template("check-b", "{limit: 1}")
              .replace("echo check-b", "echo check-b changed")
              .replace("version: 1.0.0", "version: 1.0.1"));
      Cli run = Cli.run("validate", "--repo", repo.root().toString(), "--base", base, "--strict");
      assertEquals(1, run.exitCode(), run.err());
      assertEquals(
          List.of(
              "templates/check-a.yaml:6:10: warning[template/version-not-bumped]: the script of"
                  + " template 'check-a' changed since the base revision but its version is still 1.0.0; bump it so that"
                  + " nodes and reviewers see a new version"),
          problemLines(run));
      Cli plain = Cli.run("validate", "--repo", repo.root().toString(), "--strict");
      assertTrue(!plain.err().contains("version-not-bumped"), "only under --base: " + plain.err());
    }
  }

  @Test
  void unknownBaseIsAUsageError() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      base(repo);
      Cli run = Cli.run("validate", "--repo", repo.root().toString(), "--base", "nope");
      assertEquals(2, run.exitCode());
      assertTrue(run.err().contains("--base nope: unknown git revision 'nope'"), run.err());
    }
  }
}
