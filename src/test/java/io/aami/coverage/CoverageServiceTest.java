package io.aami.coverage;

import static io.aami.testing.TestRepo.docs;
import static io.aami.testing.TestRepo.group;
import static io.aami.testing.TestRepo.policy;
import static io.aami.testing.TestRepo.target;
import static io.aami.testing.TestRepo.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageServiceTest {
  @TempDir Path dir;

  @Test
  void cellsSayWhichPolicyWinsForEachGroupAndWhatItChanged() {
    CoverageReport report = new CoverageService().build(new TestRepo(dir)
        .file("templates/t.yaml", docs(template("cpu", "{limit: 1, nested: {a: 1, b: 2}}"),
            template("disk", "{}")))
        .file("policies/p.yaml", docs(policy("cpu-global", null, "cpu", ""),
            policy("cpu-web", "web", "cpu", "config: {nested: {b: 3}}\n"),
            policy("disk-db", "db", "disk", "is_active: false\n")))
        .file("inventory/i.yaml", docs(group("web", 0), group("db", 0), target("w1", "web"),
            target("w2", "web", "db"), target("orphan")))
        .load());

    assertEquals(List.of("cpu", "disk"), report.checks());
    assertEquals(List.of("orphan"), report.ungroupedTargets());
    assertEquals(3, report.targetCount());
    GroupCoverage db = report.groups().get(0);
    GroupCoverage web = report.groups().get(1);
    assertEquals("db", db.id());
    assertEquals(List.of("w2"), db.targets());
    assertEquals(List.of("w1", "w2"), web.targets());

    CheckCoverage.Runs webCpu = assertInstanceOf(CheckCoverage.Runs.class, web.checks().get("cpu"));
    assertEquals("cpu-web", webCpu.policyId());
    assertFalse(webCpu.global());
    assertEquals(List.of("nested.b"), webCpu.changedKeys());

    CheckCoverage.Runs dbCpu = assertInstanceOf(CheckCoverage.Runs.class, db.checks().get("cpu"));
    assertTrue(dbCpu.global());
    assertEquals(List.of(), dbCpu.changedKeys());
    assertEquals(List.of("disk-db"),
        assertInstanceOf(CheckCoverage.OnlyInactive.class, db.checks().get("disk")).inactivePolicies());
    assertNull(web.checks().get("disk"), "no policy of disk applies to web");
  }
}
