package io.aami.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.model.Repository;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison itself, on two repositories written side by side. */
class FleetDifferTest {
  @TempDir Path tmp;

  private static final String INVENTORY =
      TestRepo.docs(
          TestRepo.group("g1", 0),
          TestRepo.group("g2", 0),
          TestRepo.group("g3", 0),
          TestRepo.target("a1", "g1"),
          TestRepo.target("a2", "g1"),
          TestRepo.target("b1", "g2"),
          TestRepo.target("b2", "g2", "g1"),
          TestRepo.target("c1", "g3"));

  private Repository repo(String name, String template, String globalConfig) {
    return repo(name, template, globalConfig, INVENTORY);
  }

  private Repository repo(String name, String template, String globalConfig, String inventory) {
    return new TestRepo(tmp.resolve(name))
        .file("templates/t.yaml", template)
        .file(
            "policies/p.yaml",
            TestRepo.docs(
                TestRepo.policy("global", null, "check-a", "config: " + globalConfig + "\n"),
                TestRepo.policy("g3-only", "g3", "check-a", "config: {paths: [/g3]}\n")))
        .file("inventory/i.yaml", inventory)
        .load();
  }

  @Test
  void identicalChangesInDifferentGroupSetsAreOneEntry() {
    String template = TestRepo.template("check-a", "{paths: [/data], depth: 1}");
    FleetDiff diff =
        FleetDiffer.compare(
            repo("base", template, "{paths: [/x]}"), repo("head", template, "{paths: [/x, /y]}"));
    assertEquals(1, diff.targets().size(), diff.toString());
    TargetChanges entry = diff.targets().get(0);
    assertEquals(List.of("a1", "a2", "b1", "b2"), entry.targets(), "c1 has its own policy");
    assertEquals(List.of("g1", "g2"), entry.groups(), "primary groups");
    assertEquals(
        List.of(
            new CheckChange(
                "check-a",
                CheckChange.Kind.CHANGED,
                List.of(new FieldChange("config.paths", List.of("/x"), List.of("/x", "/y"))))),
        entry.checks());
    assertEquals(4, diff.newCheckLists());
    assertEquals(List.of(), diff.groups());
    assertEquals("4 targets in g1, g2: check-a config changes (paths)", DiffSummary.targets(entry));
  }

  @Test
  void scriptVersionHashAndTimeoutChangesAreNamedFields() {
    String before = TestRepo.template("check-a", "{paths: [/data]}");
    String after =
        before
            .replace("version: 1.0.0", "version: 1.1.0")
            .replace("echo check-a", "echo v2")
            .replace("default_config:", "timeout: 1m\ndefault_config:");
    FleetDiff diff = FleetDiffer.compare(repo("base", before, "{}"), repo("head", after, "{}"));
    assertEquals(1, diff.targets().size());
    List<FieldChange> fields = diff.targets().get(0).checks().get(0).fields();
    assertEquals(
        List.of("script.version", "script.hash", "timeout_seconds"),
        fields.stream().map(FieldChange::path).toList());
    assertEquals("1.0.0", fields.get(0).before());
    assertEquals(30L, fields.get(2).before());
    assertEquals(60L, fields.get(2).after());
    assertEquals(List.of("a1", "a2", "b1", "b2", "c1"), diff.targets().get(0).targets());
    assertEquals(
        "5 targets in g1, g2, g3: check-a script 1.0.0 → 1.1.0, timeout 30s → 60s",
        DiffSummary.targets(diff.targets().get(0)));
  }

  /** What file_sd and the published paths carry changes, though no check does. */
  @Test
  void aNewAddressOrLabelIsAnInventoryChange() {
    String template = TestRepo.template("check-a", "{paths: [/data]}");
    String edited =
        INVENTORY.replace(
            "address: a1.example.internal:9100\n", "address: 10.0.0.1:9100\nlabels: {rack: r2}\n");
    FleetDiff diff =
        FleetDiffer.compare(repo("base", template, "{}"), repo("head", template, "{}", edited));
    assertEquals(List.of(), diff.targets());
    assertEquals(
        List.of(
            new InventoryChanges.Edit(
                "a1",
                List.of(
                    new FieldChange("address", "a1.example.internal:9100", "10.0.0.1:9100"),
                    new FieldChange("labels.rack", null, "r2")))),
        diff.inventory().targetsEdited());
    assertEquals(false, diff.isEmpty());
    assertEquals(
        List.of("1 target with a new hostname, address or labels: a1"), DiffSummary.lines(diff));
  }

  @Test
  void identicalRepositoriesHaveNoChanges() {
    String template = TestRepo.template("check-a", "{paths: [/data]}");
    FleetDiff diff =
        FleetDiffer.compare(repo("base", template, "{}"), repo("head", template, "{}"));
    assertEquals(true, diff.isEmpty());
    assertEquals(List.of("no changes for the fleet"), DiffSummary.lines(diff));
  }

  @Test
  void aNewGroupOverrideChangesTheGlobalRuleAndAddsTheGroupRule() {
    String template = TestRepo.template("check-a", "{paths: [/data]}");
    String global =
        """
                    apiVersion: aami/v1
                    kind: AlertRule
                    id: down-global
                    scope: global
                    name: Down
                    severity: critical
                    query_template: 'up{ {{ .group_selector }} } == 0'
                    """;
    String override =
        """
                      apiVersion: aami/v1
                      kind: AlertRule
                      id: down-g3
                      group_id: g3
                      name: Down
                      severity: warning
                      query_template: 'up{ {{ .group_selector }} } == 0'
                      """;
    Repository base = repo("base", template, "{}");
    new TestRepo(tmp.resolve("base")).file("policies/alerts.yaml", global);
    Repository head = repo("head", template, "{}");
    new TestRepo(tmp.resolve("head")).file("policies/alerts.yaml", TestRepo.docs(global, override));
    FleetDiff diff =
        FleetDiffer.compare(
            new TestRepo(tmp.resolve("base")).load(), new TestRepo(tmp.resolve("head")).load());

    GroupChanges globalRules =
        diff.groups().stream()
            .filter(g -> g.group().equals("aami-global"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(diff.toString()));
    assertEquals(AlertChange.Kind.CHANGED, globalRules.alerts().get(0).kind(), diff.toString());
    assertTrue(
        globalRules.alerts().get(0).fields().stream()
            .anyMatch(
                f ->
                    f.path().equals("expr")
                        && String.valueOf(f.after()).contains("aami_groups!~\".*,(g3),.*\"")),
        diff.toString());
    GroupChanges g3 =
        diff.groups().stream().filter(g -> g.group().equals("g3")).findFirst().orElseThrow();
    assertEquals(AlertChange.Kind.ADDED, g3.alerts().get(0).kind());
    assertTrue(base != null && head != null);
  }

  @Test
  void recordingRulesAreComparedByIdInTheirGroup() {
    String template = TestRepo.template("check-a", "{paths: [/data]}");
    String record =
        """
        apiVersion: aami/v1
        kind: RecordingRule
        id: up-sum
        group_id: g1
        record: job:up:sum
        expr: sum by (job) (up)
        """;
    repo("base", template, "{}");
    new TestRepo(tmp.resolve("base")).file("policies/records.yaml", record);
    repo("head", template, "{}");
    new TestRepo(tmp.resolve("head"))
        .file(
            "policies/records.yaml",
            TestRepo.docs(
                record.replace("sum by (job) (up)", "sum by (job) (up == 1)"),
                record.replace("up-sum", "up-count").replace("job:up:sum", "job:up:count")));
    FleetDiff diff =
        FleetDiffer.compare(
            new TestRepo(tmp.resolve("base")).load(), new TestRepo(tmp.resolve("head")).load());

    GroupChanges g1 =
        diff.groups().stream()
            .filter(g -> g.group().equals("g1"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(diff.toString()));
    assertEquals(
        List.of("up-count", "up-sum"), g1.alerts().stream().map(AlertChange::rule).toList());
    assertEquals(AlertChange.Kind.ADDED, g1.alerts().get(0).kind());
    assertTrue(g1.alerts().get(0).recording());
    assertEquals("job:up:count", g1.alerts().get(0).alert());
    assertEquals(
        List.of("expr"), g1.alerts().get(1).fields().stream().map(FieldChange::path).toList());
  }
}
