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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authoring commands end to end on a copy of the example repository: every noun's verbs
 * round-trip (create, show, list, update, delete leave the repository byte-identical), edits change
 * only the bytes they must, and refusals write nothing.
 */
class AuthoringCommandsTest {
  @TempDir Path tmp;
  private Path repo;
  private Map<String, String> original;

  @BeforeEach
  void copyExample() throws Exception {
    repo = tmp.resolve("repo");
    for (String part : List.of("aami.yaml", "templates", "policies", "inventory")) {
      Path from = Golden.projectDir().resolve(part);
      if (Files.isDirectory(from)) {
        Trees.copy(from, repo.resolve(part));
      } else {
        Files.createDirectories(repo);
        Files.copy(from, repo.resolve(part));
      }
    }
    original = Trees.readTextTree(repo);
  }

  private Cli aami(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--repo");
    all.add(repo.toString());
    return Cli.run(all.toArray(String[]::new));
  }

  private Cli ok(String... args) {
    Cli run = aami(args);
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    return run;
  }

  private Path script(String name, String content) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private String read(String path) throws Exception {
    return Files.readString(repo.resolve(path));
  }

  /** The files that differ from the original copy, with their new content (null: deleted). */
  private Map<String, String> changedFiles() throws Exception {
    Map<String, String> now = Trees.readTextTree(repo);
    Map<String, String> changed = new TreeMap<>();
    now.forEach(
        (path, text) -> {
          if (!text.equals(original.get(path))) {
            changed.put(path, text);
          }
        });
    original.keySet().stream().filter(p -> !now.containsKey(p)).forEach(p -> changed.put(p, null));
    return changed;
  }

  /**
   * No errors, and no warning but the one a new group earns until it has alert rules ({@code
   * group/no-alert-rules}).
   */
  private void assertValid() {
    Cli validate = Cli.run("validate", "--format", "json", "--repo", repo.toString());
    assertEquals(ExitCode.OK, validate.exitCode(), validate.err());
    assertTrue(
        validate
            .out()
            .lines()
            .filter(l -> l.contains("\"code\""))
            .allMatch(l -> l.contains("group/no-alert-rules")),
        validate.out());
  }

  @Test
  void templateRoundTrips() throws Exception {
    Path v1 = script("ping.sh", "#!/bin/bash\necho 'ping_up 1'\n");
    Cli created =
        ok(
            "template",
            "create",
            "check-ping",
            "--type",
            "ping",
            "--language",
            "bash",
            "--script-file",
            v1.toString(),
            "--default-config",
            "{\"hosts\": [\"gw\"], \"count\": 3}",
            "--description",
            "Ping the gateway",
            "--timeout",
            "5s");
    assertEquals("created: templates/check-ping.yaml\n", created.out());
    assertEquals(
        """
        # yaml-language-server: $schema=../schemas/script-template.schema.json
        apiVersion: aami/v1
        kind: ScriptTemplate
        name: check-ping
        script_type: ping
        language: bash
        version: 1.0.0
        description: Ping the gateway
        timeout: 5s
        default_config:
          hosts:
            - gw
          count: 3
        script_content: |
          #!/bin/bash
          echo 'ping_up 1'
        """,
        read("templates/check-ping.yaml"));
    assertValid();

    Cli shown = ok("template", "show", "check-ping", "--format", "json");
    JsonNode doc = new ObjectMapper().readTree(shown.out());
    assertEquals("ping", doc.get("script_type").asText());
    assertEquals(3, doc.get("default_config").get("count").asInt());
    Cli listed = ok("template", "list", "--type", "ping");
    assertTrue(
        listed
            .out()
            .contains("check-ping  ping  bash      1.0.0    5s       templates/check-ping.yaml:2"),
        listed.out());
    assertTrue(listed.out().endsWith("page 1 of 1: 1 of 1 template\n"), listed.out());

    Path v2 = script("ping2.sh", "#!/bin/bash\necho 'ping_up 0'\n");
    Cli notBumped = aami("template", "update", "check-ping", "--script-file", v2.toString());
    assertEquals(ExitCode.FAILED, notBumped.exitCode());
    assertTrue(
        notBumped
            .err()
            .contains(
                "templates/check-ping.yaml:7:10: the script or default_config of "
                    + "template 'check-ping' changes but its version stays 1.0.0"),
        notBumped.err());
    assertTrue(notBumped.err().contains("nothing was written"), notBumped.err());

    ok("template", "update", "check-ping", "--script-file", v2.toString(), "--version", "1.1.0");
    String updated = read("templates/check-ping.yaml");
    assertTrue(
        updated.contains("version: 1.1.0\n") && updated.contains("  echo 'ping_up 0'\n"), updated);
    assertValid();

    assertEquals(
        "deleted: templates/check-ping.yaml\n", ok("template", "delete", "check-ping").out());
    assertEquals(Map.of(), changedFiles());
  }

  @Test
  void templateUpdateWithForceWritesTheScriptFileAndLeavesTheYaml() throws Exception {
    Path script = script("mount.sh", "#!/bin/bash\necho mount_check 1\n");
    Cli run =
        ok(
            "template",
            "update",
            "check-mount-points",
            "--script-file",
            script.toString(),
            "--force");
    assertEquals("modified: templates/scripts/check-mount-points.sh\n", run.out());
    assertEquals(
        Map.of("templates/scripts/check-mount-points.sh", "#!/bin/bash\necho mount_check 1\n"),
        changedFiles());
  }

  @Test
  void aVersionBumpThatBreaksPinnedPoliciesIsRefusedWithTheirDiagnostics() throws Exception {
    Cli run = aami("template", "update", "check-mount-points", "--version", "1.1.0");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(
        run.err().contains("policies/scripts/check-mount-points.yaml:23:19: error["), run.err());
    assertTrue(
        run.err()
            .contains(
                "the change would leave the repository with the errors above; nothing was "
                    + "written"),
        run.err());
    assertEquals(Map.of(), changedFiles());
  }

  @Test
  void policyRoundTripsFromTemplateAndDirect() throws Exception {
    ok(
        "policy",
        "create",
        "mount-storage",
        "--template",
        "check-mount-points",
        "--group",
        "storage-cluster",
        "--config",
        "{\"mount_points\": [\"/export\"]}",
        "--priority",
        "150");
    assertEquals(
        """
        # yaml-language-server: $schema=../../schemas/script-policy.schema.json
        apiVersion: aami/v1
        kind: ScriptPolicy
        id: mount-storage
        template_id: check-mount-points
        scope: group
        group_id: storage-cluster
        config:
          mount_points:
            - /export
        priority: 150
        """,
        read("policies/scripts/mount-storage.yaml"));
    Path uptime = script("uptime.sh", "#!/bin/sh\necho uptime_ok 1\n");
    ok(
        "policy",
        "create",
        "uptime-all",
        "--direct",
        "--name",
        "check-uptime",
        "--script-file",
        uptime.toString(),
        "--language",
        "sh",
        "--global",
        "--inactive");
    assertValid();
    // The options a direct policy shares with template create (ScriptCheckOptions), in order.
    assertTrue(
        read("policies/scripts/uptime-all.yaml")
            .contains("name: check-uptime\nlanguage: sh\nversion: 1.0.0\ndefault_config: {}\n"),
        read("policies/scripts/uptime-all.yaml"));

    Cli list = ok("policy", "list", "--group", "storage-cluster", "--format", "yaml");
    assertTrue(
        list.out()
            .contains("  - apiVersion: aami/v1\n    kind: ScriptPolicy\n    id: mount-storage\n"),
        list.out());
    assertTrue(list.out().endsWith("page: 1\nlimit: 20\ntotal: 1\n"), list.out());
    Cli global = ok("policy", "list", "--global");
    assertTrue(
        global.out().contains("uptime-all") && !global.out().contains("mount-storage"),
        global.out());

    ok(
        "policy",
        "update",
        "mount-storage",
        "--set",
        "mount_points=[\"/export\",\"/backup\"]",
        "--active");
    assertEquals(
        """
        # yaml-language-server: $schema=../../schemas/script-policy.schema.json
        apiVersion: aami/v1
        kind: ScriptPolicy
        id: mount-storage
        template_id: check-mount-points
        scope: group
        group_id: storage-cluster
        config:
          mount_points:
            - /export
            - /backup
        priority: 150
        is_active: true
        """,
        read("policies/scripts/mount-storage.yaml"));
    Cli show = ok("policy", "show", "mount-storage");
    assertTrue(
        show.out().startsWith("policy mount-storage (policies/scripts/mount-storage.yaml:2:1)\n"),
        show.out());
    assertTrue(show.out().contains("  config.mount_points  [/export, /backup]\n"), show.out());

    ok("policy", "delete", "mount-storage");
    ok("policy", "delete", "uptime-all");
    assertEquals(Map.of(), changedFiles());
  }

  @Test
  void aFieldUpdateInAMultiDocumentFileChangesOnlyThatValue() throws Exception {
    ok(
        "policy",
        "update",
        "mount-gpu-cluster",
        "--priority",
        "150",
        "--set",
        "mount_points=[\"/mnt/models\"]");
    String file = "policies/scripts/check-mount-points.yaml";
    String expected =
        original
            .get(file)
            .replace(
                "    - /mnt/models\n    - /mnt/scratch\n    - /mnt/datasets\npriority: 100\n",
                "    - /mnt/models\npriority: 150\n");
    assertEquals(Map.of(file, expected), changedFiles());
  }

  @Test
  void nestedConfigKeysAreSetBesideTheirSiblings() throws Exception {
    ok("policy", "update", "disk-critical-services", "--set", "thresholds.critical=85");
    String file = "policies/scripts/check-disk-usage.yaml";
    assertEquals(
        Map.of(
            file,
            original.get(file).replace("    warning: 60\n", "    warning: 60\n    critical: 85\n")),
        changedFiles());
  }

  @Test
  void alertTemplateAndRuleRoundTrip() throws Exception {
    ok(
        "alert-template",
        "create",
        "load-high",
        "--name",
        "LoadHigh",
        "--severity",
        "warning",
        "--query",
        "node_load1{group_id=\"{{ .group_id }}\"} > {{ .max_load }}",
        "--for",
        "10m",
        "--label",
        "team=infra",
        "--annotation",
        "summary=load is {{ $value }}");
    String template = read("templates/alerts/load-high.yaml");
    assertTrue(
        template.contains(
            "query_template: node_load1{group_id=\"{{ .group_id }}\"} > {{ .max_load }}\n"),
        template);
    ok(
        "alert-rule",
        "create",
        "load-gpu",
        "--template",
        "load-high",
        "--group",
        "gpu-cluster",
        "--config",
        "{\"max_load\": 64}");
    ok(
        "alert-rule",
        "create",
        "swap-dev",
        "--group",
        "development",
        "--name",
        "SwapFull",
        "--severity",
        "info",
        "--query",
        "node_memory_SwapFree_bytes == 0",
        "--disabled");
    assertValid();
    Cli rules = ok("alert-rule", "list", "--group", "gpu-cluster");
    assertTrue(
        rules.out().contains("load-gpu") && rules.out().contains("mount-gpu-cluster"), rules.out());

    ok(
        "alert-rule",
        "update",
        "load-gpu",
        "--set",
        "max_load=32",
        "--for",
        "5m",
        "--label",
        "severity=critical");
    assertTrue(
        read("policies/alerts/load-gpu.yaml")
            .endsWith(
                "config:\n  max_load: 32\n  for_duration: 5m\n  labels:\n    severity: critical\n"),
        read("policies/alerts/load-gpu.yaml"));
    ok(
        "alert-template",
        "update",
        "load-high",
        "--severity",
        "critical",
        "--description",
        "Load above the limit");
    assertValid();

    Cli referenced = aami("alert-template", "delete", "load-high");
    assertEquals(ExitCode.FAILED, referenced.exitCode());
    assertTrue(
        referenced.err().contains("policies/alerts/load-gpu.yaml:5:14: alert-rule load-gpu"),
        referenced.err());
    ok("alert-rule", "delete", "load-gpu");
    ok("alert-rule", "delete", "swap-dev");
    ok("alert-template", "delete", "load-high");
    assertEquals(Map.of(), changedFiles());
  }

  @Test
  void groupAndTargetRoundTrip() throws Exception {
    ok(
        "group",
        "create",
        "edge",
        "--priority",
        "50",
        "--description",
        "Edge routers: yes, all of them");
    assertTrue(
        read("inventory/groups/edge.yaml")
            .contains("description: \"Edge routers: yes, all of them\"\n"));
    ok(
        "target",
        "create",
        "edge-01",
        "--hostname",
        "edge-01.example.internal",
        "--address",
        "edge-01.example.internal:9100",
        "--group",
        "edge",
        "--label",
        "rack=\"12\"",
        "--label",
        "env=prod");
    assertEquals(
        """
        # yaml-language-server: $schema=../../schemas/target.schema.json
        apiVersion: aami/v1
        kind: Target
        id: edge-01
        hostname: edge-01.example.internal
        address: edge-01.example.internal:9100
        groups:
          - edge
        labels:
          rack: "\\"12\\""
          env: prod
        """,
        read("inventory/targets/edge-01.yaml"));
    assertValid();
    assertTrue(ok("target", "list", "--group", "edge").out().contains("edge-01"));
    assertTrue(ok("group", "show", "edge").out().contains("  priority     50\n"));

    Cli referenced = aami("group", "delete", "edge");
    assertEquals(ExitCode.FAILED, referenced.exitCode());
    assertTrue(
        referenced
            .err()
            .contains(
                """
                                         group 'edge' is still referenced by:
                                           inventory/targets/edge-01.yaml:8:5: target edge-01
                                         """),
        referenced.err());
    ok("target", "delete", "edge-01");
    ok("group", "delete", "edge");
    assertEquals(Map.of(), changedFiles());
  }

  @Test
  void deletingAnItemOfAListDocumentKeepsTheOtherItemsBytes() throws Exception {
    ok("target", "delete", "db-01");
    String file = "inventory/targets/servers.yaml";
    String removed =
        """
          - apiVersion: aami/v1
            kind: Target
            id: db-01
            hostname: db-01.example.internal
            address: db-01.example.internal:9100
            groups: [critical-services]
            labels:
              env: prod
              datacenter: dc2
              rack: d03
        """;
    assertTrue(original.get(file).contains(removed));
    assertEquals(Map.of(file, original.get(file).replace(removed, "")), changedFiles());
  }

  @Test
  void deletingADocumentOfAMultiDocumentFileKeepsTheOthers() throws Exception {
    ok("policy", "delete", "mount-development");
    String file = "policies/scripts/check-mount-points.yaml";
    String text = original.get(file);
    String expected = text.substring(0, text.lastIndexOf("---\n# Deactivated"));
    assertEquals(Map.of(file, expected), changedFiles());
  }

  @Test
  void aReferencedTemplateIsNotDeletedAndItsUsersAreListed() throws Exception {
    Cli run = aami("template", "delete", "check-mount-points");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertEquals(
        """
        aami: template 'check-mount-points' is still referenced by:
          policies/scripts/check-mount-points.yaml:11:14: policy mount-global
          policies/scripts/check-mount-points.yaml:22:14: policy mount-gpu-cluster
          policies/scripts/check-mount-points.yaml:37:14: policy mount-critical-services
          policies/scripts/check-mount-points.yaml:49:14: policy mount-development
        aami: refused: change or delete those first; nothing was written
        """,
        run.err());
    assertEquals(Map.of(), changedFiles());
  }

  @Test
  void aChangeThatMakesTheRepositoryInvalidIsRefusedAndWritesNothing() throws Exception {
    Cli run = aami("policy", "create", "broken", "--template", "check-mount-point", "--global");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(
        run.err().contains("policies/scripts/broken.yaml:5:14: error[ref/template]"), run.err());
    assertTrue(run.err().contains("did you mean 'check-mount-points'"), run.err());
    assertFalse(Files.exists(repo.resolve("policies/scripts/broken.yaml")));
    Cli exists = aami("group", "create", "gpu-cluster");
    assertEquals(ExitCode.FAILED, exists.exitCode());
    assertTrue(
        exists.err().contains("group 'gpu-cluster' already exists (inventory/groups.yaml:11:1)"),
        exists.err());
    Cli unknown = aami("policy", "update", "mount-globl", "--priority", "1");
    assertEquals(ExitCode.FAILED, unknown.exitCode());
    assertEquals("aami: no policy 'mount-globl'; did you mean 'mount-global'?\n", unknown.err());
    Cli badId = aami("group", "create", "../../etc/passwd");
    assertEquals(ExitCode.USAGE, badId.exitCode());
    assertTrue(badId.err().contains("'../../etc/passwd' is not a valid id"), badId.err());
    Cli throughScalar = aami("policy", "update", "mount-global", "--set", "mount_points.x=1");
    assertEquals(ExitCode.USAGE, throughScalar.exitCode());
    assertEquals(Map.of(), changedFiles());
  }

  @Test
  void dryRunPrintsAUnifiedDiffAndWritesNothing() throws Exception {
    Cli run = ok("group", "create", "edge", "--dry-run");
    assertEquals(
        """
        --- /dev/null
        +++ b/inventory/groups/edge.yaml
        @@ -0,0 +1,5 @@
        +# yaml-language-server: $schema=../../schemas/group.schema.json
        +apiVersion: aami/v1
        +kind: Group
        +id: edge
        +name: edge
        """,
        run.out());
    Cli update = ok("policy", "update", "mount-global", "--inactive", "--dry-run");
    assertEquals(
        """
        --- a/policies/scripts/check-mount-points.yaml
        +++ b/policies/scripts/check-mount-points.yaml
        @@ -14,7 +14,7 @@
           mount_points:
             - /data
         priority: 100
        -is_active: true
        +is_active: false
         ---
         apiVersion: aami/v1
         kind: ScriptPolicy
        """,
        update.out());
    assertEquals(Map.of(), changedFiles());
  }

  @Test
  void listPagesLikeTheSeedApi() throws Exception {
    Cli page2 = ok("policy", "list", "--limit", "2", "--page", "2");
    List<String> lines = page2.out().lines().toList();
    assertEquals(4, lines.size(), page2.out());
    assertTrue(lines.get(1).startsWith("mount-global "), page2.out());
    assertTrue(lines.get(2).startsWith("mount-gpu-cluster "), page2.out());
    assertEquals("page 2 of 4: 2 of 7 policies", lines.get(3));
    JsonNode json =
        new ObjectMapper().readTree(ok("target", "list", "--format", "json", "--limit", "4").out());
    assertEquals(6, json.get("total").asInt());
    assertEquals(4, json.get("items").size());
    assertEquals("gpu-node-01", json.get("items").get(0).get("id").asText());
    Cli beyond = ok("group", "list", "--page", "9");
    assertEquals("page 9 of 1: 0 of 4 groups\n", beyond.out());
    assertEquals(ExitCode.USAGE, aami("group", "list", "--limit", "0").exitCode());
    assertEquals(ExitCode.USAGE, aami("template", "list", "--group", "x").exitCode());
  }

  @Test
  void nothingToChangeWritesNothing() throws Exception {
    Cli run = ok("policy", "update", "mount-global", "--priority", "100");
    assertEquals("nothing to change\n", run.out());
    assertEquals(Map.of(), changedFiles());
  }

  @Test
  void aDirectPolicysInlineScriptIsReplacedInPlace() throws Exception {
    Path ntp = script("ntp.sh", "#!/bin/sh\necho ntp_synchronized 1\n");
    ok(
        "policy",
        "update",
        "ntp-sync-development",
        "--script-file",
        ntp.toString(),
        "--version",
        "1.0.1");
    String file = "policies/scripts/ntp-sync-development.yaml";
    String before = original.get(file);
    String expected =
        before
                .substring(
                    0, before.indexOf("script_content: |\n") + "script_content: |\n".length())
                .replace("version: 1.0.0", "version: 1.0.1")
            + "  #!/bin/sh\n  echo ntp_synchronized 1\n";
    assertEquals(Map.of(file, expected), changedFiles());
  }

  @Test
  void onARepositoryWithErrorsEditsAreRefusedUntilItIsFixed() throws Exception {
    Files.writeString(
        repo.resolve("inventory/groups.yaml"),
        original.get("inventory/groups.yaml").replace("priority: 200", "priority: high"));
    Map<String, String> broken = Trees.readTextTree(repo);
    Cli run = aami("group", "create", "edge");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(run.err().contains("inventory/groups.yaml:9:11: error["), run.err());
    assertTrue(
        run.err()
            .endsWith(
                "aami: refused: the repository has errors; fix them first ('aami validate'); "
                    + "nothing was written\n"),
        run.err());
    assertEquals(broken, Trees.readTextTree(repo));
  }

  @Test
  void editingCommandsWorkOnTheWorkTreeOnly() {
    Cli run = aami("group", "create", "edge", "--rev", "HEAD");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(
        run.err().contains("--rev: commands that edit the repository work on the work tree only"),
        run.err());
  }
}
