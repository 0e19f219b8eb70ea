package io.aami.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeanTargetsTest {
  @TempDir Path tmp;

  @Test
  void leanTargetsKeepEveryValueAndTheirDocumentsLocationButNotTheTree() {
    Repository full =
        new TestRepo(tmp)
            .file("inventory/groups.yaml", TestRepo.group("web", 1))
            .file(
                "inventory/targets.yaml", "# a comment first\n" + TestRepo.target("web-01", "web"))
            .load();
    Repository lean = full.withLeanTargets();

    Target before = full.targets().get(0);
    Target after = lean.targets().get(0);
    assertEquals(before.id(), after.id());
    assertEquals(before.hostname(), after.hostname());
    assertEquals(before.address(), after.address());
    assertEquals(before.groups(), after.groups());
    assertEquals(before.labels(), after.labels());
    assertEquals(before.origin().file(), after.origin().file());
    assertEquals(before.origin().location(), after.origin().location());
    assertTrue(before.origin().node("hostname").isPresent());
    assertTrue(after.origin().node("hostname").isEmpty(), "the tree is gone");
    assertEquals(
        after.origin().location(),
        after.origin().locate("hostname"),
        "locations fall back to the document");
    assertEquals(full.groups(), lean.groups());
    assertEquals(full.target("web-01").map(Target::id), lean.target("web-01").map(Target::id));
  }
}
