package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolveCommandTest {
  @TempDir Path tmp;
  private Path repo;

  @BeforeEach
  void copySeedRepository() throws Exception {
    repo = tmp.resolve("repo");
    Trees.copy(Golden.projectDir().resolve("src/test/resources/golden/checks/seed/input"), repo);
  }

  private Cli resolve(String... args) {
    List<String> all = new ArrayList<>(List.of("resolve", "--repo", repo.toString()));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void gpuClusterTargetGetsTheGroupsMountPoints() {
    Cli run = resolve("gpu-node-01");
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertEquals("", run.err());
    assertTrue(
        run.out()
            .contains(
                "check-mount-points 1.0.0 (bash, timeout 30s) from policy mount-gpu-cluster\n"
                    + "    config: {\"mount_points\":[\"/mnt/models\",\"/mnt/scratch\",\"/mnt/datasets\"],"
                    + "\"require_writable\":true}\n"),
        run.out());
  }

  @Test
  void hostnameWorksLikeTheId() {
    Cli byId = resolve("storage-node-01", "--format", "json");
    Cli byHostname = resolve("storage-node-01.example.internal", "--format", "json");
    assertEquals(ExitCode.OK, byHostname.exitCode(), byHostname.err());
    assertEquals(byId.out(), byHostname.out());
    assertTrue(byId.out().contains("\"mount_points\": [\n        \"/data\"\n      ]"), byId.out());
  }

  @Test
  void jsonIsByteForByteThePublishedFile() throws Exception {
    Path out = tmp.resolve("public");
    Cli render = Cli.run("render", "--repo", repo.toString(), "--out", out.toString());
    assertEquals(ExitCode.OK, render.exitCode(), render.err());
    for (String target : List.of("gpu-db-01", "dev-01", "lab-01")) {
      Cli run = resolve(target, "-f", "json");
      assertEquals(
          Files.readString(out.resolve("api/v1/checks/target/" + target)), run.out(), target);
    }
  }

  @Test
  void explainJsonNamesWinnerLosersAndProvenance() throws Exception {
    Cli run = resolve("gpu-db-01", "--explain", "--format=json");
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertEquals(3, root.get("checks").size());
    JsonNode mount = root.at("/explanation/checks/2");
    assertEquals("check-mount-points", mount.get("check").asText());
    assertEquals("mount-critical-services", mount.get("instance_id").asText());
    List<String> outcomes = new ArrayList<>();
    mount
        .get("candidates")
        .forEach(c -> outcomes.add(c.get("policy").asText() + "=" + c.get("outcome").asText()));
    assertEquals(
        List.of(
            "mount-critical-services=selected",
            "mount-gpu-cluster=lower_priority",
            "mount-global=shadowed_by_group"),
        outcomes);
    JsonNode mountPoints = mount.at("/config/0");
    assertEquals("mount_points", mountPoints.at("/path/0").asText());
    assertEquals("policy_override", mountPoints.at("/source/layer").asText());
    assertEquals("policies/mount-points.yaml", mountPoints.at("/source/at/file").asText());
    assertEquals(30, mountPoints.at("/source/at/line").asInt());
    assertEquals("template_default", mountPoints.at("/replaced/layer").asText());
    assertEquals("templates/check-mount-points.yaml", mountPoints.at("/replaced/at/file").asText());
  }

  @Test
  void explainTextShowsTheInactivePolicyAndTheGlobalFallback() {
    Cli run = resolve("dev-01", "--explain");
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                """
          Inactive (ignored)
            Policy "mount-development" (group development) at policies/mount-points.yaml:34:1
              priority 100, group priority 0
              Ignored: is_active: false, so it is ignored as if absent
        """),
        run.out());
    assertTrue(
        run.out()
            .contains(
                """
                                  Found key: "mount_points" value: ["/data"]
                                        from policy "mount-global" config at policies/mount-points.yaml:7:3
                                  """),
        run.out());
  }

  @Test
  void unknownTargetSuggestsTheClosestId() {
    Cli run = resolve("gpu-nod-01");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertEquals("", run.out());
    assertEquals(
        "aami: unknown target 'gpu-nod-01' (neither a target id nor a hostname); "
            + "did you mean 'gpu-node-01'?\n",
        run.err());
  }

  @Test
  void unknownTargetWithNothingCloseListsTheIds() {
    Cli run = resolve("zebra");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(
        run.err()
            .endsWith(
                "known targets: dev-01, gpu-db-01, gpu-node-01, gpu-node-02, lab-01, "
                    + "storage-node-01\n"),
        run.err());
  }

  @Test
  void unknownTargetInALargeInventoryListsTheClosestIdsNotTheFirst() throws Exception {
    StringBuilder more = new StringBuilder("apiVersion: aami/v1\nkind: List\nitems:\n");
    for (String id :
        List.of(
            "alpha-01",
            "alpha-02",
            "beta-01",
            "web-01",
            "web-02",
            "web-03",
            "web-04",
            "web-05",
            "web-06",
            "web-07")) {
      more.append("  - {apiVersion: aami/v1, kind: Target, id: ")
          .append(id)
          .append(", hostname: ")
          .append(id)
          .append(".example.internal, address: '")
          .append(id)
          .append(".example.internal:9100'}\n");
    }
    Files.writeString(repo.resolve("inventory/more.yaml"), more.toString());
    Cli run = resolve("webserver");
    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertEquals(
        "aami: unknown target 'webserver' (neither a target id nor a hostname)\n"
            + "closest of 16 known targets: beta-01, dev-01, lab-01, web-01, web-02, web-03, web-04, web-05, "
            + "web-06, web-07\n",
        run.err());
  }

  @Test
  void invalidRepositoryIsRefusedWithLocatedDiagnostics() throws Exception {
    Files.writeString(
        repo.resolve("policies/broken.yaml"), "apiVersion: aami/v1\nkind: ScriptPolicy\nid: [\n");
    Cli run = resolve("gpu-node-01");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().contains("policies/broken.yaml:4:1: error[yaml/syntax]"), run.err());
    assertTrue(
        run.err().endsWith("aami: resolve refused: fix the errors above first\n"), run.err());
  }

  @Test
  void ambiguousPoliciesAreRefused() throws Exception {
    Files.writeString(
        repo.resolve("policies/twin.yaml"),
        """
        apiVersion: aami/v1
        kind: ScriptPolicy
        id: mount-gpu-cluster-twin
        scope: group
        group_id: gpu-cluster
        template_id: check-mount-points
        """);
    Cli run = resolve("gpu-node-01");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "policies/twin.yaml:1:1: error[policy/ambiguous]: policies "
                    + "'mount-gpu-cluster' (policies/mount-points.yaml:9:1) and 'mount-gpu-cluster-twin' tie for check "
                    + "'check-mount-points' on target 'gpu-node-01' and 1 other target: same group level"),
        run.err());
    assertFalse(
        run.err().contains("gpu-db-01"),
        "gpu-db-01 is decided by mount-critical-services (priority 200)");
  }

  @Test
  void unknownFormatIsAUsageError() {
    Cli run = resolve("gpu-node-01", "--format", "xml");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("'xml' is not one of text, json, yaml"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  @Test
  void helpListsTheNewCommands() {
    Cli run = Cli.run("--help");
    assertTrue(run.out().contains("resolve") && run.out().contains("render"), run.out());
    Cli help = Cli.run("resolve", "--help");
    assertEquals(ExitCode.OK, help.exitCode());
    assertTrue(help.out().contains("--explain"), help.out());
  }
}
