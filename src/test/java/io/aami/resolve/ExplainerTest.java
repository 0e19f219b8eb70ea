package io.aami.resolve;

import static io.aami.testing.TestRepo.docs;
import static io.aami.testing.TestRepo.group;
import static io.aami.testing.TestRepo.policy;
import static io.aami.testing.TestRepo.target;
import static io.aami.testing.TestRepo.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.SourceLocation;
import io.aami.model.Repository;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainerTest {
  @TempDir Path tmp;

  private static TargetExplanation explain(Repository repo, String target) {
    return new Explainer(CheckResolver.of(repo)).explain(repo.target(target).orElseThrow());
  }

  private static List<CandidateOutcome> outcomes(CheckExplanation c) {
    return c.candidates().stream().map(CandidateExplanation::outcome).toList();
  }

  @Test
  void everyCandidateWithWhyItLost() {
    Repository repo =
        new TestRepo(tmp)
            .file("templates/mount.yaml", template("mount", "{mount_points: [/data]}"))
            .file("inventory/groups.yaml", docs(group("a", 10), group("b", 20), group("c", 30)))
            .file(
                "policies/p.yaml",
                docs(
                    policy("global", null, "mount", ""),
                    policy("winner", "a", "mount", "priority: 200\n"),
                    policy("low-priority", "c", "mount", "priority: 100\n"),
                    policy("same-priority-low-group", "a", "mount", "priority: 200\n"),
                    policy("inactive", "b", "mount", "priority: 900\nis_active: false\n")))
            .file("inventory/t.yaml", target("t", "a", "b", "c"))
            .load();
    CheckExplanation mount = explain(repo, "t").checks().get(0);
    assertEquals("mount", mount.check());
    // winner and same-priority-low-group tie (both group a): ambiguous, decided by id only.
    assertEquals(
        List.of("same-priority-low-group", "winner", "low-priority", "global", "inactive"),
        mount.candidates().stream().map(CandidateExplanation::policyId).toList());
    assertEquals(
        List.of(
            CandidateOutcome.SELECTED,
            CandidateOutcome.TIED,
            CandidateOutcome.LOWER_PRIORITY,
            CandidateOutcome.SHADOWED_BY_GROUP,
            CandidateOutcome.INACTIVE),
        outcomes(mount));
    assertTrue(
        mount.candidates().get(0).reason().contains("ambiguous"),
        mount.candidates().get(0).reason());
  }

  @Test
  void lowerGroupPriorityAndProvenanceOfEveryLeaf() {
    Repository repo =
        new TestRepo(tmp)
            .file(
                "templates/disk.yaml",
                template(
                    "disk", "\n  paths: [/]\n  thresholds:\n    warning: 80\n    critical: 90"))
            .file("inventory/groups.yaml", docs(group("a", 10), group("b", 20)))
            .file(
                "policies/p.yaml",
                docs(
                    policy("in-a", "a", "disk", ""),
                    policy("in-b", "b", "disk", "config:\n  thresholds:\n    warning: 70\n")))
            .file("inventory/t.yaml", target("t", "a", "b"))
            .load();
    CheckExplanation disk = explain(repo, "t").checks().get(0);
    assertEquals(
        List.of(CandidateOutcome.SELECTED, CandidateOutcome.LOWER_GROUP_PRIORITY), outcomes(disk));
    assertEquals("in-b", disk.result().instanceId());
    CandidateExplanation loser = disk.candidates().get(1);
    assertEquals(10, loser.groupPriority());
    assertTrue(loser.reason().contains("(10 < 20)"), loser.reason());
    assertEquals(new SourceLocation("policies/p.yaml", 8, 1), disk.candidates().get(0).at());

    assertEquals(
        List.of("paths", "thresholds.critical", "thresholds.warning"),
        disk.config().stream().map(ConfigProvenance::dottedPath).toList());
    ConfigProvenance paths = disk.config().get(0);
    assertEquals(
        new ValueSource(
            ValueSource.Layer.TEMPLATE_DEFAULT,
            "disk",
            new SourceLocation("templates/disk.yaml", 11, 3)),
        paths.source());
    assertNull(paths.replaced());
    ConfigProvenance warning = disk.config().get(2);
    assertEquals(70L, warning.value());
    assertEquals(
        new ValueSource(
            ValueSource.Layer.POLICY_OVERRIDE,
            "in-b",
            new SourceLocation("policies/p.yaml", 16, 5)),
        warning.source());
    assertEquals(
        new ValueSource(
            ValueSource.Layer.TEMPLATE_DEFAULT,
            "disk",
            new SourceLocation("templates/disk.yaml", 13, 5)),
        warning.replaced());
    assertEquals(80L, warning.replacedValue(), "the default it overrode");
    assertNull(paths.replacedValue());
    assertFalse(disk.script().direct());
    assertEquals("disk", disk.script().owner());
  }

  @Test
  void checkWithOnlyInactivePoliciesIsExplainedAsNotApplied() {
    Repository repo =
        new TestRepo(tmp)
            .file("templates/mount.yaml", template("mount", "{}"))
            .file("inventory/groups.yaml", group("a", 0))
            .file(
                "policies/p.yaml",
                docs(
                    policy("off-global", null, "mount", "is_active: false\n"),
                    policy("off-a", "a", "mount", "is_active: false\n")))
            .file("inventory/t.yaml", target("t", "a"))
            .load();
    CheckExplanation mount = explain(repo, "t").checks().get(0);
    assertFalse(mount.applied());
    assertEquals(List.of(CandidateOutcome.INACTIVE, CandidateOutcome.INACTIVE), outcomes(mount));
    assertEquals(List.of(), mount.config());
  }

  @Test
  void checksOfOtherGroupsAreListedAsNotRunWithTheirPolicies() {
    Repository repo =
        new TestRepo(tmp)
            .file("templates/t.yaml", docs(template("raid", "{}"), template("cpu", "{}")))
            .file(
                "inventory/groups.yaml",
                docs(group("db", 0), group("web", 0), group("edge", 0), target("web-01", "web")))
            .file(
                "policies/p.yaml",
                docs(
                    policy("raid-db", "db", "raid", ""),
                    policy("raid-edge", "edge", "raid", "is_active: false\n"),
                    policy("cpu-web", "web", "cpu", ""),
                    policy("cpu-db", "db", "cpu", "")))
            .load();

    TargetExplanation e = explain(repo, "web-01");
    assertEquals(List.of("cpu"), e.checks().stream().map(CheckExplanation::check).toList());
    assertEquals(1, e.unreached().size(), "cpu runs, so only raid is not run");
    UnreachedCheck raid = e.unreached().get(0);
    assertEquals("raid", raid.check());
    assertEquals(
        List.of("raid-db db true", "raid-edge edge false"),
        raid.policies().stream().map(p -> p.id() + " " + p.groupId() + " " + p.active()).toList());
    assertEquals("policies/p.yaml", raid.policies().get(0).at().file());
  }

  @Test
  void alertRulesThatCoverTheTargetAndGlobalOnesItsGroupsReplace() {
    String alert =
        """
                   apiVersion: aami/v1
                   kind: AlertTemplate
                   id: down
                   name: Down
                   severity: critical
                   query_template: 'up{ {{ .group_selector }} } == 0'
                   """;
    Repository repo =
        new TestRepo(tmp)
            .file("templates/t.yaml", alert)
            .file(
                "inventory/groups.yaml",
                docs(
                    group("db", 0),
                    group("web", 0),
                    group("edge", 0),
                    target("web-01", "web"),
                    target("db-01", "db")))
            .file(
                "policies/a.yaml",
                docs(
                    "apiVersion: aami/v1\nkind: AlertRule\nid: down-global\nscope: global\ntemplate_id: down\n",
                    "apiVersion: aami/v1\nkind: AlertRule\nid: down-db\ngroup_id: db\ntemplate_id: down\n",
                    "apiVersion: aami/v1\nkind: AlertRule\nid: down-edge\ngroup_id: edge\ntemplate_id: down\n"))
            .load();

    assertEquals(
        List.of("down-global global covers"),
        explain(repo, "web-01").alerts().stream()
            .map(
                a ->
                    a.ruleId()
                        + " "
                        + (a.groupId() == null ? "global" : a.groupId())
                        + " "
                        + (a.covers() ? "covers" : "replaced by " + a.replacedBy()))
            .toList());
    assertEquals(
        List.of("down-db db covers", "down-global global replaced by [db]"),
        explain(repo, "db-01").alerts().stream()
            .map(
                a ->
                    a.ruleId()
                        + " "
                        + (a.groupId() == null ? "global" : a.groupId())
                        + " "
                        + (a.covers() ? "covers" : "replaced by " + a.replacedBy()))
            .toList());
  }
}
