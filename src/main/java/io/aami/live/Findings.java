package io.aami.live;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The live checks' findings, collected from many threads. One finding at one place (a shared
 * template) for many rules is reported once, naming the first rules and how many more.
 */
final class Findings {
  static final int SUBJECTS_SHOWN = 3;

  /** One warning or info line before the rules it concerns are named. */
  record Finding(SourceLocation at, Code code, boolean info, String message) {}

  private final Map<Finding, Set<String>> subjects = new ConcurrentHashMap<>();

  void warn(QuerySite site, SourceLocation at, Code code, String message) {
    add(site, new Finding(at, code, false, message));
  }

  void inform(QuerySite site, SourceLocation at, Code code, String message) {
    add(site, new Finding(at, code, true, message));
  }

  private void add(QuerySite site, Finding finding) {
    subjects.computeIfAbsent(finding, f -> new ConcurrentSkipListSet<>()).add(site.subject());
  }

  List<Diagnostic> warnings() {
    List<Diagnostic> out = new ArrayList<>();
    subjects.forEach(
        (f, who) -> {
          if (!f.info()) {
            out.add(Diagnostic.warning(f.at(), f.code(), subject(who) + ": " + f.message()));
          }
        });
    out.sort(Diagnostic.ORDER);
    return out;
  }

  /** The info lines ("not deployed yet"), as info diagnostics. */
  List<Diagnostic> notes() {
    List<Diagnostic> out = new ArrayList<>();
    subjects.forEach(
        (f, who) -> {
          if (f.info()) {
            out.add(Diagnostic.info(f.at(), f.code(), subject(who) + ": " + f.message()));
          }
        });
    out.sort(Diagnostic.ORDER);
    return out;
  }

  private static String subject(Set<String> who) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(who));
    if (sorted.size() == 1) {
      return sorted.get(0);
    }
    String shown = String.join(", ", sorted.subList(0, Math.min(SUBJECTS_SHOWN, sorted.size())));
    return sorted.size() > SUBJECTS_SHOWN
        ? shown + " and " + (sorted.size() - SUBJECTS_SHOWN) + " more"
        : shown;
  }
}
