package io.aami.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.load.RepositoryLoader;
import io.aami.model.Repository;
import io.aami.source.WorkTreeSource;
import io.aami.testing.Golden;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/RESOLUTION.md, on the example repository at the project root. */
class ExampleRepositoryTest {
  private static Repository repo;

  @BeforeAll
  static void load() throws Exception {
    repo = new RepositoryLoader().load(new WorkTreeSource(Golden.projectDir())).repository();
  }

  private static EffectiveCheck check(String target, String name) {
    return CheckResolver.of(repo).resolve(repo.target(target).orElseThrow()).checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static CheckExplanation explain(String target, String name) {
    return new Explainer(CheckResolver.of(repo))
        .explain(repo.target(target).orElseThrow()).checks().stream()
            .filter(c -> c.check().equals(name))
            .findFirst()
            .orElseThrow();
  }

  @Test
  void gpuClusterNodesGetTheGroupsMountPoints() {
    EffectiveCheck mount = check("gpu-node-01", "check-mount-points");
    assertEquals("mount-gpu-cluster", mount.instanceId());
    assertEquals(
        List.of("/mnt/models", "/mnt/scratch", "/mnt/datasets"),
        mount.config().get("mount_points"));
  }

  @Test
  void storageClusterFallsBackToGlobal() {
    EffectiveCheck mount = check("storage-node-01", "check-mount-points");
    assertEquals("mount-global", mount.instanceId());
    assertEquals(List.of("/data"), mount.config().get("mount_points"));
  }

  @Test
  void targetInTwoGroupsResolvesByPriority() {
    assertEquals("mount-critical-services", check("gpu-db-01", "check-mount-points").instanceId());
    assertEquals(
        List.of(
            CandidateOutcome.SELECTED,
            CandidateOutcome.LOWER_PRIORITY,
            CandidateOutcome.SHADOWED_BY_GROUP),
        explain("gpu-db-01", "check-mount-points").candidates().stream()
            .map(CandidateExplanation::outcome)
            .toList());
  }

  @Test
  void inactiveDevelopmentPolicyFallsBackToGlobal() {
    assertEquals("mount-global", check("dev-01", "check-mount-points").instanceId());
    List<CandidateExplanation> candidates = explain("dev-01", "check-mount-points").candidates();
    assertEquals("mount-development", candidates.get(1).policyId());
    assertEquals(CandidateOutcome.INACTIVE, candidates.get(1).outcome());
  }

  @Test
  void diskThresholdsAreDeepMerged() {
    assertEquals(
        Map.of("mountpoints", List.of("/"), "thresholds", Map.of("warning", 60L, "critical", 90L)),
        check("db-01", "check-disk-usage").config());
    assertEquals(
        Map.of("warning", 80L, "critical", 90L),
        check("gpu-node-01", "check-disk-usage").config().get("thresholds"));
  }
}
