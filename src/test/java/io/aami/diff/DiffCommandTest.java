package io.aami.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.testing.Cli;
import io.aami.testing.GitRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aami diff} against real git repositories made with jgit. */
class DiffCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  private static String field(JsonNode fields, String path, String side) {
    for (JsonNode f : fields) {
      if (f.get("path").asText().equals(path)) {
        return f.get(side).toString();
      }
    }
    throw new AssertionError("no field " + path + " in " + fields);
  }

  @Test
  void reportsEveryKnownChangeItemByItem() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      String base = DiffFixture.base(repo);
      String head = DiffFixture.change(repo);
      Cli run =
          Cli.run(
              "diff",
              "--repo",
              repo.root().toString(),
              "--base",
              base,
              "--head",
              head,
              "--format",
              "json");
      assertEquals(0, run.exitCode(), run.err());
      JsonNode root = JSON.readTree(run.out());
      assertEquals(1, root.get("format_version").asInt());
      assertTrue(root.get("changed").asBoolean());
      assertEquals(
          14,
          root.get("new_check_lists").asInt(),
          "12 gpu nodes, storage-02 and the new gpu-node-13");

      JsonNode targets = root.get("targets");
      assertEquals(2, targets.size(), targets.toString());
      JsonNode gpu = targets.get(0);
      List<String> gpuNodes = new ArrayList<>();
      for (int i = 1; i <= 12; i++) {
        gpuNodes.add("gpu-node-%02d".formatted(i));
      }
      assertEquals(gpuNodes, strings(gpu.get("targets")));
      assertEquals(List.of("gpu-cluster"), strings(gpu.get("groups")));
      assertEquals(1, gpu.get("checks").size());
      JsonNode check = gpu.get("checks").get(0);
      assertEquals("check-mounts", check.get("check").asText());
      assertEquals("changed", check.get("change").asText());
      assertEquals(2, check.get("fields").size(), check.toString());
      assertEquals(
          "[\"/data\",\"/mnt/models\"]",
          field(check.get("fields"), "config.mount_points", "before"));
      assertEquals(
          "[\"/data\",\"/mnt/models\",\"/mnt/scratch\"]",
          field(check.get("fields"), "config.mount_points", "after"));
      assertEquals("1", field(check.get("fields"), "config.options.depth", "before"));
      assertEquals("2", field(check.get("fields"), "config.options.depth", "after"));

      JsonNode moved = targets.get(1);
      assertEquals(List.of("storage-02"), strings(moved.get("targets")));
      JsonNode movedFields = moved.get("checks").get(0).get("fields");
      assertEquals("\"mount-global\"", field(movedFields, "policy", "before"));
      assertEquals("\"mount-gpu\"", field(movedFields, "policy", "after"));
      assertEquals("[\"/data\"]", field(movedFields, "config.mount_points", "before"));

      JsonNode groups = root.get("groups");
      assertEquals(2, groups.size());
      JsonNode gpuGroup = groups.get(0);
      assertEquals("gpu-cluster", gpuGroup.get("group").asText());
      JsonNode alert = gpuGroup.get("alerts").get(0);
      assertEquals("mount-gpu", alert.get("rule").asText());
      assertEquals("changed", alert.get("change").asText());
      assertEquals(1, alert.get("fields").size(), alert.toString());
      assertEquals("\"5m\"", field(alert.get("fields"), "for", "before"));
      assertEquals("\"2m\"", field(alert.get("fields"), "for", "after"));
      assertEquals(
          List.of("gpu-node-13", "storage-02"), strings(gpuGroup.get("file_sd").get("joining")));
      assertEquals(List.of(), strings(gpuGroup.get("file_sd").get("leaving")));
      JsonNode storage = groups.get(1);
      assertEquals("storage", storage.get("group").asText());
      assertEquals(0, storage.get("alerts").size(), "the storage alert does not change");
      assertEquals(
          List.of("storage-02", "storage-03"), strings(storage.get("file_sd").get("leaving")));

      JsonNode inventory = root.get("inventory");
      assertEquals(List.of("gpu-node-13"), strings(inventory.get("targets_added")));
      assertEquals(List.of("storage-03"), strings(inventory.get("targets_removed")));
      assertEquals(1, inventory.get("targets_moved").size());
      JsonNode move = inventory.get("targets_moved").get(0);
      assertEquals("storage-02", move.get("target").asText());
      assertEquals(List.of("storage"), strings(move.get("before")));
      assertEquals(List.of("gpu-cluster"), strings(move.get("after")));
      assertEquals(List.of(), strings(inventory.get("groups_added")));
    }
  }

  @Test
  void textPutsTheSummaryFirstAndGroupsIdenticalTargets() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      String base = DiffFixture.base(repo);
      DiffFixture.change(repo);
      Cli run = Cli.run("diff", "--repo", repo.root().toString(), "--base", base);
      assertEquals(0, run.exitCode(), run.err());
      List<String> lines = run.out().lines().toList();
      assertTrue(lines.get(0).startsWith("aami diff: base " + base.substring(0, 12)), lines.get(0));
      assertTrue(lines.get(0).endsWith("→ head work tree"), lines.get(0));
      assertEquals(
          List.of(
              "  12 targets in gpu-cluster: check-mounts config changes (mount_points, options.depth)",
              "  target storage-02 in gpu-cluster: check-mounts config changes (mount_points, options.depth),"
                  + " now from policy mount-gpu (was mount-global)",
              "  1 alert rule in gpu-cluster: mount-gpu for 5m → 2m",
              "  file_sd of gpu-cluster: +2 targets (gpu-node-13, storage-02)",
              "  file_sd of storage: -2 targets (storage-02, storage-03)",
              "  1 target added: gpu-node-13",
              "  1 target removed: storage-03",
              "  1 target moved between groups: storage-02",
              "  14 nodes will download a new check list"),
          lines.subList(2, 11));
      assertTrue(
          lines.contains("  gpu-node-01 … gpu-node-12 (12 targets) in gpu-cluster"), run.out());
      assertTrue(
          lines.contains(
              "      config.mount_points: [\"/data\",\"/mnt/models\"] → "
                  + "[\"/data\",\"/mnt/models\",\"/mnt/scratch\"]"),
          run.out());
    }
  }

  @Test
  void baseDefaultsToTheMergeBaseWithMain() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      String base = DiffFixture.base(repo);
      repo.branch("feature");
      DiffFixture.change(repo);
      // main moves on after the fork: its own change must not show up in the feature's diff.
      repo.git().checkout().setName("main").call();
      repo.file("inventory/late.yaml", DiffFixture.target("late-node", "storage"));
      repo.commit("main moves on");
      repo.git().checkout().setName("feature").call();

      Cli run = Cli.run("diff", "--repo", repo.root().toString(), "--format", "json");
      assertEquals(0, run.exitCode(), run.err());
      JsonNode root = JSON.readTree(run.out());
      assertEquals(List.of("gpu-node-13"), strings(root.get("inventory").get("targets_added")));
      assertEquals(
          "base merge base with main (" + base.substring(0, 12) + ")", root.get("base").asText());
      assertFalse(run.out().contains("late-node"), run.out());
    }
  }

  @Test
  void originMainWinsOverMain() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      DiffFixture.base(repo);
      String changed = DiffFixture.change(repo);
      RefUpdate update = repo.git().getRepository().updateRef("refs/remotes/origin/main");
      update.setNewObjectId(repo.git().getRepository().resolve(changed));
      update.forceUpdate();
      // main (and HEAD) is the change itself, so only origin/main as the base makes the diff
      // empty...
      Cli empty = Cli.run("diff", "--repo", repo.root().toString(), "--exit-code");
      assertEquals(0, empty.exitCode(), empty.out() + empty.err());
      assertTrue(empty.out().contains("no changes for the fleet"), empty.out());
      // ...and main~1 as an explicit base shows it again.
      Cli changes =
          Cli.run("diff", "--repo", repo.root().toString(), "--base", "main~1", "--exit-code");
      assertEquals(1, changes.exitCode(), changes.err());
    }
  }

  @Test
  void exitCodeOnlyWithTheFlag() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      String base = DiffFixture.base(repo);
      DiffFixture.change(repo);
      assertEquals(0, Cli.run("diff", "--repo", repo.root().toString(), "--base", base).exitCode());
      assertEquals(
          1,
          Cli.run("diff", "--repo", repo.root().toString(), "--base", base, "--exit-code")
              .exitCode());
      assertEquals(
          0,
          Cli.run("diff", "--repo", repo.root().toString(), "--base", "HEAD", "--exit-code")
              .exitCode());
    }
  }

  @Test
  void aSideWithErrorsIsExitOneWithThatSidesDiagnostics() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      String base = DiffFixture.base(repo);
      repo.file(
          "policies/scripts/broken.yaml",
          """
                                                apiVersion: aami/v1
                                                kind: ScriptPolicy
                                                id: broken
                                                template_id: no-such-template
                                                scope: global
                                                """);
      Cli run = Cli.run("diff", "--repo", repo.root().toString(), "--base", base);
      assertEquals(1, run.exitCode());
      assertEquals("", run.out());
      assertTrue(
          run.err().contains("policies/scripts/broken.yaml:4:14: error[ref/template]"), run.err());
      assertTrue(run.err().contains("the head work tree has errors"), run.err());
    }
  }

  @Test
  void unknownRevisionOrNoBaseIsAUsageError() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      DiffFixture.base(repo);
      Cli unknown = Cli.run("diff", "--repo", repo.root().toString(), "--base", "no-such-rev");
      assertEquals(2, unknown.exitCode());
      assertTrue(unknown.err().contains("unknown git revision 'no-such-rev'"), unknown.err());
      repo.git().branchRename().setOldName("main").setNewName("trunk").call();
      Cli noBase = Cli.run("diff", "--repo", repo.root().toString());
      assertEquals(2, noBase.exitCode());
      assertTrue(noBase.err().contains("pass --base REV"), noBase.err());
    }
  }

  @Test
  void markdownHasTheSummaryThenDetailsPerChange() throws Exception {
    try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
      String base = DiffFixture.base(repo);
      DiffFixture.change(repo);
      Cli run =
          Cli.run("diff", "--repo", repo.root().toString(), "--base", base, "--format", "markdown");
      assertEquals(0, run.exitCode(), run.err());
      String md = run.out();
      assertTrue(md.startsWith("### aami diff\n"), md);
      assertTrue(md.indexOf("- 12 targets in gpu-cluster") < md.indexOf("<details>"), md);
      assertEquals(
          5, md.split("<details>", -1).length - 1, "2 target entries, 2 groups, inventory: " + md);
      assertEquals(5, md.split("</details>", -1).length - 1, md);
      assertTrue(
          md.contains("<details><summary>12 targets in gpu-cluster: check-mounts config changes"),
          md);
      assertTrue(md.contains("  - `for`: `5m` → `2m`"), md);
    }
  }
}
