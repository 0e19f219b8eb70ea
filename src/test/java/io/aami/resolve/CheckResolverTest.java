package io.aami.resolve;

import static io.aami.testing.TestRepo.docs;
import static io.aami.testing.TestRepo.group;
import static io.aami.testing.TestRepo.policy;
import static io.aami.testing.TestRepo.target;
import static io.aami.testing.TestRepo.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.aami.model.Repository;
import io.aami.model.Target;
import io.aami.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckResolverTest {
  @TempDir Path tmp;

  /** Groups a (priority 10), b (priority 20), c (priority 0); template "mount" defaults /data. */
  private TestRepo base() {
    return new TestRepo(tmp)
        .file("templates/mount.yaml", template("mount", "{mount_points: [/data], writable: true}"))
        .file("inventory/groups.yaml", docs(group("a", 10), group("b", 20), group("c", 0)));
  }

  private static Map<String, EffectiveCheck> checksOf(Repository repo, String targetId) {
    Target t = repo.target(targetId).orElseThrow();
    Map<String, EffectiveCheck> byName = new java.util.TreeMap<>();
    for (EffectiveCheck c : CheckResolver.of(repo).resolve(t).checks()) {
      EffectiveCheck previous = byName.put(c.name(), c);
      assertEquals(null, previous, "check " + c.name() + " twice for " + targetId);
    }
    return byName;
  }

  @Test
  void groupPolicyWinsOverGlobalAndOtherTargetsFallBackToGlobal() {
    Repository repo =
        base()
            .file(
                "policies/p.yaml",
                docs(
                    policy("global", null, "mount", "priority: 500\n"),
                    policy(
                        "in-a",
                        "a",
                        "mount",
                        "config: {mount_points: [/mnt/models, /mnt/scratch, /mnt/datasets]}\n")))
            .file("inventory/t.yaml", docs(target("t-a", "a"), target("t-c", "c")))
            .load();
    EffectiveCheck inA = checksOf(repo, "t-a").get("mount");
    assertEquals("in-a", inA.instanceId());
    assertEquals(
        List.of("/mnt/models", "/mnt/scratch", "/mnt/datasets"), inA.config().get("mount_points"));
    assertEquals(true, inA.config().get("writable"));
    EffectiveCheck inC = checksOf(repo, "t-c").get("mount");
    assertEquals("global", inC.instanceId());
    assertEquals(List.of("/data"), inC.config().get("mount_points"));
  }

  @Test
  void higherPolicyPriorityWinsAcrossTheTargetsGroups() {
    Repository repo =
        base()
            .file(
                "policies/p.yaml",
                docs(
                    policy("in-a", "a", "mount", "priority: 300\n"),
                    policy("in-b", "b", "mount", "priority: 200\n")))
            .file("inventory/t.yaml", target("t", "b", "a"))
            .load();
    assertEquals("in-a", checksOf(repo, "t").get("mount").instanceId());
  }

  @Test
  void groupPriorityBreaksEqualPolicyPriorities() {
    Repository repo =
        base()
            .file(
                "policies/p.yaml",
                docs(policy("in-a", "a", "mount", ""), policy("in-b", "b", "mount", "")))
            .file("inventory/t.yaml", target("t", "a", "b"))
            .load();
    assertEquals(
        "in-b", checksOf(repo, "t").get("mount").instanceId(), "group b has priority 20 > 10");
  }

  @Test
  void inactiveGroupPolicyFallsBackToGlobal() {
    Repository repo =
        base()
            .file(
                "policies/p.yaml",
                docs(
                    policy("global", null, "mount", ""),
                    policy(
                        "in-a-off",
                        "a",
                        "mount",
                        "is_active: false\nconfig: {mount_points: [/home]}\n")))
            .file("inventory/t.yaml", target("t", "a"))
            .load();
    EffectiveCheck check = checksOf(repo, "t").get("mount");
    assertEquals("global", check.instanceId());
    assertEquals(List.of("/data"), check.config().get("mount_points"));
  }

  @Test
  void onlyInactivePoliciesMeanNoCheck() {
    Repository repo =
        base()
            .file("policies/p.yaml", policy("disabled", null, "mount", "is_active: false\n"))
            .file("inventory/t.yaml", target("t", "a"))
            .load();
    assertEquals(Map.of(), checksOf(repo, "t"));
  }

  @Test
  void deepMergeOfNestedMapsWithListsReplaced() {
    Repository repo =
        new TestRepo(tmp)
            .file(
                "templates/disk.yaml",
                template(
                    "disk",
                    "{filesystems: [/], thresholds: {warning: 80, critical: 90, inodes: {warning: 85, critical: 95}}}"))
            .file("inventory/g.yaml", group("a", 0))
            .file(
                "policies/p.yaml",
                policy(
                    "disk-a",
                    "a",
                    "disk",
                    "config:\n  filesystems: [/srv]\n  thresholds:\n    warning: 70\n    inodes: {critical: 99}\n"))
            .file("inventory/t.yaml", target("t", "a"))
            .load();
    Map<String, Object> config = checksOf(repo, "t").get("disk").config();
    assertEquals(
        Map.of(
            "filesystems",
            List.of("/srv"),
            "thresholds",
            Map.of(
                "warning",
                70L,
                "critical",
                90L,
                "inodes",
                Map.of("warning", 85L, "critical", 99L))),
        config);
  }

  @Test
  void targetWithoutGroupsGetsGlobalChecksOnly() {
    Repository repo =
        base()
            .file("templates/other.yaml", template("other", "{}"))
            .file(
                "policies/p.yaml",
                docs(
                    policy("mount-global", null, "mount", ""), policy("other-a", "a", "other", "")))
            .file("inventory/t.yaml", target("lonely"))
            .load();
    Map<String, EffectiveCheck> checks = checksOf(repo, "lonely");
    assertEquals(List.of("mount"), List.copyOf(checks.keySet()));
    assertEquals("mount-global", checks.get("mount").instanceId());
  }

  @Test
  void everyCheckOnceOrderedByNameEvenWithManyCandidates() {
    Repository repo =
        base()
            .file("templates/z.yaml", template("zz-last", "{}"))
            .file("templates/a.yaml", template("aa-first", "{}"))
            .file(
                "policies/p.yaml",
                docs(
                    policy("m-global", null, "mount", ""), policy("m-a", "a", "mount", ""),
                    policy("m-b", "b", "mount", "priority: 1\n"), policy("z-a", "a", "zz-last", ""),
                    policy("z-b", "b", "zz-last", ""), policy("a-global", null, "aa-first", "")))
            .file("inventory/t.yaml", target("t", "a", "b", "c"))
            .load();
    List<EffectiveCheck> checks =
        CheckResolver.of(repo).resolve(repo.target("t").orElseThrow()).checks();
    assertEquals(
        List.of("aa-first", "mount", "zz-last"),
        checks.stream().map(EffectiveCheck::name).toList());
  }

  @Test
  void directPolicyIsItsOwnTemplate() {
    Repository repo =
        new TestRepo(tmp)
            .file(
                "policies/direct.yaml",
                """
            apiVersion: aami/v1
            kind: ScriptPolicy
            id: gpu-temp
            scope: global
            name: check-gpu-temperature
            script_type: gpu
            language: python
            version: 0.3.0
            timeout: 2500ms
            script_content: "print(1)\\n"
            default_config: {max_celsius: 85, unit: C}
            config: {max_celsius: 80}
            """)
            .file("inventory/t.yaml", target("t"))
            .load();
    EffectiveCheck check = checksOf(repo, "t").get("check-gpu-temperature");
    assertEquals("gpu-temp", check.instanceId());
    assertEquals(Map.of("max_celsius", 80L, "unit", "C"), check.config());
    assertEquals("python", check.language().id());
    assertEquals(3, check.timeoutSeconds(), "2500ms rounds up to whole seconds");
  }

  @Test
  void policyOfAnUnknownTemplateIsSkipped() {
    Repository repo =
        base()
            .file(
                "policies/p.yaml",
                docs(policy("ok", null, "mount", ""), policy("typo", "a", "mount-typo", "")))
            .file("inventory/t.yaml", target("t", "a"))
            .load();
    assertEquals("ok", checksOf(repo, "t").get("mount").instanceId());
  }

  @Test
  void hashIsTheSha256OfTheScriptContentComputedIndependently() throws Exception {
    String script = "#!/usr/bin/env bash\necho \"héllo ✓\"\n";
    Repository repo =
        new TestRepo(tmp)
            .file(
                "templates/t.yaml",
                """
                                  apiVersion: aami/v1
                                  kind: ScriptTemplate
                                  name: h
                                  script_type: x
                                  language: bash
                                  version: 1.0.0
                                  script_file: h.sh
                                  """)
            .file("templates/h.sh", script)
            .file("policies/p.yaml", policy("p", null, "h", ""))
            .file("inventory/t.yaml", target("t"))
            .load();
    EffectiveCheck check = checksOf(repo, "t").get("h");
    assertEquals(script, check.scriptContent());
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(tmp.resolve("templates/h.sh"))));
    assertEquals(expected, check.hash());
    assertEquals(expected, sha256sum(tmp.resolve("templates/h.sh")), "coreutils agrees");
  }

  private static String sha256sum(Path file) throws Exception {
    Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    return output.substring(0, 64);
  }

  @Test
  void targetsInTheSameGroupsShareOneResultWhateverTheGroupOrder() {
    Repository repo =
        base()
            .file(
                "policies/p.yaml",
                docs(policy("in-a", "a", "mount", ""), policy("in-b", "b", "mount", "")))
            .file(
                "inventory/t.yaml",
                docs(target("t1", "a", "b"), target("t2", "b", "a"), target("t3", "a")))
            .load();
    CheckResolver resolver = CheckResolver.of(repo);
    GroupSetResolution r1 = resolver.resolve(repo.target("t1").orElseThrow());
    assertSame(r1, resolver.resolve(repo.target("t2").orElseThrow()));
    assertEquals(List.of("a", "b"), r1.groups());
    assertEquals(
        "in-a", resolver.resolve(repo.target("t3").orElseThrow()).checks().get(0).instanceId());
    assertSame(r1.checks().get(0), resolver.resolveGroups(List.of("b", "a", "b")).checks().get(0));
  }
}
