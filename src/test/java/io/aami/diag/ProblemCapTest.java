package io.aami.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemCapTest {
  private static Diagnostic warning(String file, int line) {
    return new Diagnostic(file, line, 1, Severity.WARNING, "alert/no-condition", "w" + line);
  }

  private static Diagnostic error(String file, int line) {
    return new Diagnostic(file, line, 1, Severity.ERROR, "alert/promql", "e" + line);
  }

  @Test
  void errorsComeFirstInEachFileAndTheCapNeverHidesThemWhileThereIsRoom() {
    List<Diagnostic> all = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      all.add(warning("a.yaml", i));
    }
    all.add(error("a.yaml", 999));
    all.add(warning("b.yaml", 1));
    ProblemCap.Listing listing = ProblemCap.of(all, 100);

    assertEquals(101, listing.shown().size());
    assertEquals(error("a.yaml", 999), listing.shown().get(0), "the error leads its file");
    assertEquals(warning("b.yaml", 1), listing.shown().get(100));
    assertEquals(1, listing.leftOut().size());
    ProblemCap.LeftOut leftOut = listing.leftOut().get("a.yaml");
    assertEquals(0, leftOut.errors());
    assertEquals(51, leftOut.warnings());
    assertTrue(listing.lastShownOfFile(99));
    assertTrue(
        listing.summary().contains("left out 51 problems (0 errors, 51 warnings)"),
        listing.summary());
    assertTrue(listing.summary().contains("--max-problems 0"), listing.summary());
  }

  @Test
  void errorsPastTheCapAreCountedAsLeftOutErrors() {
    List<Diagnostic> all = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      all.add(error("a.yaml", i));
    }
    ProblemCap.Listing listing = ProblemCap.of(all, 2);
    assertEquals(2, listing.shown().size());
    assertEquals(3, listing.leftOutErrors());
    assertEquals(0, listing.leftOutWarnings());
    assertTrue(
        ProblemCap.Listing.fileNote(listing.leftOut().get("a.yaml"))
            .startsWith("3 more problems in this file left out (3 errors, 0 warnings)"));
  }

  @Test
  void zeroListsEverything() {
    List<Diagnostic> all = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      all.add(i % 7 == 0 ? error("a.yaml", i) : warning("a.yaml", i));
    }
    ProblemCap.Listing listing = ProblemCap.of(all, ProblemCap.NO_CAP);
    assertEquals(500, listing.shown().size());
    assertTrue(listing.complete());
    assertEquals("", listing.summary());
    assertTrue(listing.shown().subList(0, 71).stream().allMatch(Diagnostic::isError));
  }
}
