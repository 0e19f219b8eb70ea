package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    Cli render = Cli.run("render", "--out", dir.resolve("public").toString(), "--repo", dir.toString());
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
        onDisk = walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
            .filter(p -> !p.startsWith(".git/") && !p.startsWith("public/") && !p.startsWith(".public."))
            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
      }
      assertEquals(onDisk, committed);
      // render's output is ignored: the work tree stays clean after a render.
      Status status = git.status().call();
      assertTrue(status.isClean(), () -> "untracked " + status.getUntracked() + " modified " + status.getModified());
    }
  }

  @Test
  void theCiFilesRunTheReleasedJarAndEveryStep() throws Exception {
    Path dir = tmp.resolve("fleet");
    assertEquals(ExitCode.OK, Cli.run("init", dir.toString(), "--jar-url", "https://repo.example/aami.jar").exitCode());
    String github = Files.readString(dir.resolve(".github/workflows/aami.yml"));
    for (String step : List.of("AAMI_JAR_URL: https://repo.example/aami.jar",
        "java -jar aami.jar validate --strict --format sarif > aami.sarif",
        "github/codeql-action/upload-sarif@v3", "--format markdown > aami-diff.md",
        "gh pr comment", "java -jar aami.jar render --out public")) {
      assertTrue(github.contains(step), step);
    }
    String gitlab = Files.readString(dir.resolve(".gitlab-ci.yml"));
    for (String step : List.of("AAMI_JAR_URL: \"https://repo.example/aami.jar\"",
        "java -jar aami.jar validate --strict --format sarif", "--format markdown > aami-diff.md",
        "merge_requests/$CI_MERGE_REQUEST_IID/notes", "java -jar aami.jar render --out public")) {
      assertTrue(gitlab.contains(step), step);
    }
    for (String file : List.of(".github/workflows/aami.yml", ".gitlab-ci.yml")) {
      ParsedYaml parsed = YamlReader.read(file, Files.readAllBytes(dir.resolve(file)));
      assertEquals(List.of(), parsed.diagnostics(), file);
      assertTrue(parsed.documents().get(0) instanceof YMap, file);
    }
    Map<?, ?> workflow = (Map<?, ?>) YValues.toPlain(
        YamlReader.read("w", Files.readAllBytes(dir.resolve(".github/workflows/aami.yml"))).documents().get(0));
    assertEquals(Set.of("review", "render"), ((Map<?, ?>) workflow.get("jobs")).keySet());
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
    Map<?, ?> template = (Map<?, ?>) YValues.toPlain(
        YamlReader.read("t", Files.readAllBytes(dir.resolve("templates/check-load.yaml"))).documents().get(0));
    Path script = tmp.resolve("check-load.sh");
    Files.writeString(script, (String) template.get("script_content"));
    ProcessResult run = Processes.run(List.of("bash", script.toString()),
        Map.of("CONFIG", "{\"max_load_per_cpu\": 3}"), tmp);
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().matches("(?s).*\ncheck_load_per_cpu [0-9]+\\.[0-9]{3}\n.*"), run.stdout());
    assertTrue(run.stdout().endsWith("check_load_per_cpu_limit 3\n"), run.stdout());
    assertFalse(run.stdout().contains("\n\n"));
  }

  @Test
  void anAuthoringChangeOnTheNewRepositoryShowsInAamiDiff() throws Exception {
    Path dir = tmp.resolve("fleet");
    assertEquals(ExitCode.OK, Cli.run("init", dir.toString()).exitCode());
    Cli update = Cli.run("policy", "update", "load-global", "--set", "max_load_per_cpu=3", "--repo", dir.toString());
    assertEquals(ExitCode.OK, update.exitCode(), update.err());
    assertEquals("modified: policies/scripts/load-global.yaml\n", update.out());
    Cli diff = Cli.run("diff", "--base", "HEAD", "--exit-code", "--repo", dir.toString());
    assertEquals(ExitCode.FAILED, diff.exitCode(), diff.err());
    assertTrue(diff.out().contains("max_load_per_cpu"), diff.out());
    assertTrue(diff.out().contains("node-01"), diff.out());
  }
}
