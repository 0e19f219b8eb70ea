package io.aami.report;

import io.aami.diag.Diagnostic;
import io.aami.diag.ProblemCap;
import io.aami.validate.ValidationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The notes (info diagnostics) a report prints, capped like the problems: at most {@code perFile}
 * per file, in location order, and how many were left out. Notes are listed after the problems and
 * counted apart: they never fail a run.
 */
record NoteListing(List<Diagnostic> shown, long leftOut, int perFile) {
  NoteListing {
    shown = List.copyOf(shown);
  }

  static NoteListing of(ValidationReport report, int perFile) {
    List<Diagnostic> shown = new ArrayList<>();
    Map<String, Integer> perFileShown = new HashMap<>();
    long leftOut = 0;
    for (Diagnostic note : report.notes()) {
      int n = perFileShown.merge(note.file(), 1, Integer::sum);
      if (perFile == ProblemCap.NO_CAP || n <= perFile) {
        shown.add(note);
      } else {
        leftOut++;
      }
    }
    return new NoteListing(shown, leftOut, perFile);
  }

  /** One sentence for the end of a listing, or empty when nothing was left out. */
  String summary() {
    if (leftOut == 0) {
      return "";
    }
    return "left out "
        + TextFormatter.plural(leftOut, "note")
        + " past the first "
        + perFile
        + " of a file; --max-problems 0 lists them all";
  }
}
