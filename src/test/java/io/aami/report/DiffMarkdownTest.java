package io.aami.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diff.CheckChange;
import io.aami.diff.FieldChange;
import io.aami.diff.FleetDiff;
import io.aami.diff.InventoryChanges;
import io.aami.diff.TargetChanges;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffMarkdownTest {
  private static final InventoryChanges NO_INVENTORY =
      new InventoryChanges(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  /** 2,000 distinct changes, each to its own target: far more than a comment can hold. */
  private static FleetDiff manyDistinctChanges() {
    List<TargetChanges> entries = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      String id = "node-%05d".formatted(i);
      entries.add(
          new TargetChanges(
              List.of(id),
              List.of("group-" + (i % 7)),
              List.of(
                  new CheckChange(
                      "check-" + i,
                      CheckChange.Kind.CHANGED,
                      List.of(new FieldChange("config.threshold", (long) i, (long) i + 1))))));
    }
    return new FleetDiff(entries, List.of(), NO_INVENTORY, 2000);
  }

  @Test
  void isCappedOnWholeSectionsAndSaysWhatItCut() {
    String md =
        DiffMarkdown.format(manyDistinctChanges(), "base main", "head work tree", DiffMarkdown.CAP);
    assertTrue(md.length() <= DiffMarkdown.CAP, "length " + md.length());
    assertTrue(md.length() > DiffMarkdown.CAP - 2000, "uses the room it has: " + md.length());
    assertEquals(
        md.split("<details>", -1).length,
        md.split("</details>", -1).length,
        "every section is closed");
    String last = md.lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(
        last.matches(
            "\\*\\*Cut to stay under 60,000 characters:\\*\\* \\d+ of 2001 summary lines and"
                + " 2000 of 2000 sections are not shown; run `aami diff --format json` for everything\\."),
        last);
  }

  @Test
  void oneChangeToThousandsOfTargetsIsOneShortSection() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      ids.add("gpu-node-%04d".formatted(i));
    }
    FleetDiff diff =
        new FleetDiff(
            List.of(
                new TargetChanges(
                    ids,
                    List.of("gpu-cluster"),
                    List.of(
                        new CheckChange(
                            "mount_points",
                            CheckChange.Kind.CHANGED,
                            List.of(
                                new FieldChange(
                                    "config.paths",
                                    List.of("/data"),
                                    List.of("/data", "/scratch"))))))),
            List.of(),
            NO_INVENTORY,
            5000);
    String md = DiffMarkdown.format(diff, "base main", "head work tree", DiffMarkdown.CAP);
    assertTrue(md.length() < 6000, "length " + md.length());
    assertTrue(
        md.contains("- 5000 targets in gpu-cluster: mount\\_points config changes (paths)\n"), md);
    assertTrue(md.contains("`gpu-node-0099` and 4,900 more"), md);
    assertTrue(md.contains("  - `config.paths`: `[\"/data\"]` → `[\"/data\",\"/scratch\"]`"), md);
    assertTrue(!md.contains("Cut to stay under"), md);
  }

  @Test
  void codeSpansSurviveBackticksAndLineBreaks() {
    assertEquals("`plain`", DiffMarkdown.code("plain"));
    assertEquals("``a ` b``", DiffMarkdown.code("a ` b"));
    assertEquals("`` `x` ``", DiffMarkdown.code("`x`"));
    assertEquals("`up == 0 and on() x`", DiffMarkdown.code("up == 0\nand on() x"));
    assertEquals("&lt;script&gt; &amp;", DiffMarkdown.html("<script> &"));
  }
}
