package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.scaffold.Scaffold;
import io.aami.testing.Cli;
import io.aami.testing.Trees;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import io.aami.yaml.YValues;
import io.aami.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @TempDir Path tmp;

  @Test
  void aNewRepositoryValidatesRendersAndIsOneCleanCommit() throws Exception {
    Path dir = tmp.resolve("fleet");
    Cli init = Cli.run("init", dir.toString());
    assertEquals(ExitCode.OK, init.exitCode(), init.err());
    assertTrue(init.out().contains("created: .github/workflows/aami.yml\n"), init.out());
    assertTrue(init.out().contains("created: schemas/script-policy.schema.json\n"), init.out());

    Cli validate = Cli.run("validate", "--strict", "--repo", dir.toString());
    assertEquals(ExitCode.OK, validate.exitCode(), validate.err());
    Cli render =
        Cli.run("render", "--out", dir.resolve("public").toString(), "--repo", dir.toString());
    assertEquals(ExitCode.OK, render.exitCode(), render.err());
    assertTrue(Files.isRegularFile(dir.resolve("public/api/v1/checks/target/node-01")));
    assertTrue(Files.isRegularFile(dir.resolve("public/prometheus/rules/all-nodes.yaml")));

    try (Git git = Git.open(dir.toFile())) {
      Repository repository = git.getRepository();
      assertEquals("main", repository.getBranch());
      List<RevCommit> log = new ArrayList<>();
      git.log().call().forEach(log::add);
      assertEquals(1, log.size());
      Set<String> committed = new java.util.TreeSet<>();
      try (TreeWalk walk = new TreeWalk(repository)) {
        walk.addTree(log.get(0).getTree());
        walk.setRecursive(true);
        while (walk.next()) {
          committed.add(walk.getPathString());
        }
      }
      Set<String> onDisk;
      try (var walk = Files.walk(dir)) {
        onDisk =
            walk.filter(Files::isRegularFile)
                .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                .filter(
                    p ->
                        !p.startsWith(".git/")
                            && !p.startsWith("public/")
                            && !p.startsWith(".public."))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
      }
      assertEquals(onDisk, committed);
      // render's output is ignored: the work tree stays clean after a render.
      Status status = git.status().call();
      assertTrue(
          status.isClean(),
          () -> "untracked " + status.getUntracked() + " modified " + status.getModified());
    }
  }

  @Test
  void theCiFilesRunThePinnedJarThroughTheActionAndTheGitlabTemplate() throws Exception {
    Path dir = tmp.resolve("fleet");
    String sha = "0123456789abcdef".repeat(4);
    Cli init =
        Cli.run(
            "init",
            dir.toString(),
            "--jar-url",
            "https://repo.example/aami.jar",
            "--jar-sha256",
            sha);
    assertEquals(ExitCode.OK, init.exitCode(), init.err());
    String version = Scaffold.version();
    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+"), version);
    assertTrue(
        init.out().contains("CI runs aami " + version + " (jar sha256 " + sha + ")\n"), init.out());

    String github = Files.readString(dir.resolve(".github/workflows/aami.yml"));
    for (String step :
        List.of(
            "AAMI_VERSION: \"" + version + "\"",
            "AAMI_SHA256: \"" + sha + "\"",
            "AAMI_JAR_URL: \"https://repo.example/aami.jar\"",
            "uses: aami-io/aami@v" + version + "\n",
            "sha256: ${{ env.AAMI_SHA256 }}",
            "args: --strict --format sarif",
            "output: aami.sarif",
            "github/codeql-action/upload-sarif@v3",
            "output: aami-diff.md",
            "gh pr comment",
            "args: --out public")) {
      assertTrue(github.contains(step), step);
    }
    assertFalse(github.contains("@AAMI_"), github);
    String gitlab = Files.readString(dir.resolve(".gitlab-ci.yml"));
    for (String step :
        List.of(
            "remote: \"https://raw.githubusercontent.com/aami-io/aami/v"
                + version
                + "/ci/aami.gitlab-ci.yml\"",
            "AAMI_VERSION: \"" + version + "\"",
            "AAMI_SHA256: \"" + sha + "\"",
            "AAMI_JAR_URL: \"https://repo.example/aami.jar\"",
            "extends: .aami",
            "java -jar \"$AAMI_JAR\" validate --strict --format sarif",
            "--format markdown > aami-diff.md",
            "merge_requests/$CI_MERGE_REQUEST_IID/notes",
            "java -jar \"$AAMI_JAR\" render --out public")) {
      assertTrue(gitlab.contains(step), step);
    }
    for (String file : List.of(".github/workflows/aami.yml", ".gitlab-ci.yml")) {
      ParsedYaml parsed = YamlReader.read(file, Files.readAllBytes(dir.resolve(file)));
      assertEquals(List.of(), parsed.diagnostics(), file);
      assertTrue(parsed.documents().get(0) instanceof YMap, file);
    }
    Map<?, ?> workflow =
        (Map<?, ?>)
            YValues.toPlain(
                YamlReader.read("w", Files.readAllBytes(dir.resolve(".github/workflows/aami.yml")))
                    .documents()
                    .get(0));
    assertEquals(Set.of("review", "render"), ((Map<?, ?>) workflow.get("jobs")).keySet());
  }

  @Test
  void withoutAJarTheCiFilesFallBackToTheReleaseChecksumsAndSaySo() throws Exception {
    // Tests run from target/classes: there is no jar to hash, which is exactly this case.
    Path dir = tmp.resolve("fleet");
    Cli init = Cli.run("init", dir.toString());
    assertEquals(ExitCode.OK, init.exitCode(), init.err());
    assertTrue(init.err().contains("warning: not running from a jar"), init.err());
    assertTrue(init.out().contains("(jar checked against the release's SHA256SUMS)"), init.out());
    String github = Files.readString(dir.resolve(".github/workflows/aami.yml"));
    assertTrue(github.contains("AAMI_SHA256: \"\"\n"), github);
    assertTrue(
        github.contains(
            "AAMI_JAR_URL: \"https://github.com/aami-io/aami/releases/download/v"
                + Scaffold.version()
                + "/aami-"
                + Scaffold.version()
                + ".jar\""),
        github);
  }

  @Test
  void aMalformedChecksumIsAUsageErrorAndWritesNothing() throws Exception {
    Path dir = tmp.resolve("fleet");
    for (String bad :
        List.of("abc", "0123456789ABCDEF".repeat(4), "0123456789abcdef".repeat(4) + "0")) {
      Cli init = Cli.run("init", dir.toString(), "--jar-sha256", bad);
      assertEquals(ExitCode.USAGE, init.exitCode(), bad);
      assertTrue(init.err().contains("--jar-sha256 must be 64 lowercase hex digits"), init.err());
      assertFalse(Files.exists(dir), bad);
    }
  }

  @Test
  void aNonEmptyDirectoryIsRefusedWithoutForce() throws Exception {
    Path dir = tmp.resolve("busy");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "mine\n");
    Cli refused = Cli.run("init", dir.toString());
    assertEquals(ExitCode.USAGE, refused.exitCode());
    assertTrue(refused.err().contains("is not empty; use --force"), refused.err());
    assertEquals(Map.of("notes.txt", "mine\n"), Trees.readTextTree(dir));

    Cli forced = Cli.run("init", dir.toString(), "--force");
    assertEquals(ExitCode.OK, forced.exitCode(), forced.err());
    assertEquals("mine\n", Files.readString(dir.resolve("notes.txt")));
    try (Git git = Git.open(dir.toFile())) {
      assertEquals(Set.of("notes.txt"), git.status().call().getUntracked());
    }
  }

  @Test
  void theExampleCheckPrintsPrometheusTextWithItsConfig() throws Exception {
    Tools.assumeOnPath("bash", "jq", "awk", "getconf");
    Path dir = tmp.resolve("fleet");
    assertEquals(ExitCode.OK, Cli.run("init", dir.toString()).exitCode());
    Map<?, ?> template =
        (Map<?, ?>)
            YValues.toPlain(
                YamlReader.read("t", Files.readAllBytes(dir.resolve("templates/check-load.yaml")))
                    .documents()
                    .get(0));
    Path script = tmp.resolve("check-load.sh");
    Files.writeString(script, (String) template.get("script_content"));
    ProcessResult run =
        Processes.run(
            List.of("bash", script.toString()), Map.of("CONFIG", "{\"max_load_per_cpu\": 3}"), tmp);
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(
        run.stdout().matches("(?s).*\ncheck_load_per_cpu [0-9]+\\.[0-9]{3}\n.*"), run.stdout());
    assertTrue(run.stdout().endsWith("check_load_per_cpu_limit 3\n"), run.stdout());
    assertFalse(run.stdout().contains("\n\n"));
  }

  @Test
  void anAuthoringChangeOnTheNewRepositoryShowsInAamiDiff() throws Exception {
    Path dir = tmp.resolve("fleet");
    assertEquals(ExitCode.OK, Cli.run("init", dir.toString()).exitCode());
    Cli update =
        Cli.run(
            "policy",
            "update",
            "load-global",
            "--set",
            "max_load_per_cpu=3",
            "--repo",
            dir.toString());
    assertEquals(ExitCode.OK, update.exitCode(), update.err());
    assertEquals("modified: policies/scripts/load-global.yaml\n", update.out());
    Cli diff = Cli.run("diff", "--base", "HEAD", "--exit-code", "--repo", dir.toString());
    assertEquals(ExitCode.FAILED, diff.exitCode(), diff.err());
    assertTrue(diff.out().contains("max_load_per_cpu"), diff.out());
    assertTrue(diff.out().contains("node-01"), diff.out());
  }
}
