package io.aami.report;

import io.aami.diag.Diagnostic;
import io.aami.diag.ProblemCap;
import io.aami.validate.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML: one test case per file read, failing with one {@code <failure>} per error. Warnings do
 * not fail a case; they are listed in its {@code system-out}, and after them its notes (info
 * diagnostics, {@code file:line:col: info[code]: message}). No timestamps, so the report is
 * reproducible. The suite's properties carry the full counts; a file cut short by the cap says in
 * its {@code system-out} how many problems were left out, and fails when errors were.
 */
final class JunitFormatter implements DiagnosticFormatter {
  @Override
  public String format(ValidationReport report, ProblemCap.Listing listing) {
    Map<String, List<Diagnostic>> byFile = new TreeMap<>();
    report.sources().files().forEach(f -> byFile.put(f, new ArrayList<>()));
    listing.shown().forEach(d -> byFile.computeIfAbsent(d.file(), f -> new ArrayList<>()).add(d));
    NoteListing notes = NoteListing.of(report, listing.perFile());
    notes.shown().forEach(d -> byFile.computeIfAbsent(d.file(), f -> new ArrayList<>()).add(d));
    listing.leftOut().keySet().forEach(f -> byFile.computeIfAbsent(f, x -> new ArrayList<>()));
    long failedCases =
        byFile.entrySet().stream()
            .filter(
                e ->
                    e.getValue().stream().anyMatch(Diagnostic::isError)
                        || leftOutErrors(listing, e.getKey()) > 0)
            .count();

    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites name=\"aami validate\" tests=\"")
        .append(byFile.size())
        .append("\" failures=\"")
        .append(failedCases)
        .append("\" errors=\"0\">\n");
    out.append("  <testsuite name=\"aami validate\" tests=\"")
        .append(byFile.size())
        .append("\" failures=\"")
        .append(failedCases)
        .append("\" errors=\"0\" skipped=\"0\">\n");
    out.append("    <properties>\n");
    property(out, "aami.errors", report.errorCount());
    property(out, "aami.warnings", report.warningCount());
    property(out, "aami.left_out.errors", listing.leftOutErrors());
    property(out, "aami.left_out.warnings", listing.leftOutWarnings());
    property(out, "aami.notes", report.notes().size());
    property(out, "aami.left_out.notes", notes.leftOut());
    out.append("    </properties>\n");
    for (Map.Entry<String, List<Diagnostic>> e : byFile.entrySet()) {
      out.append("    <testcase classname=\"aami.validate\" name=\"")
          .append(xml(e.getKey()))
          .append('"');
      ProblemCap.LeftOut leftOut = listing.leftOut().get(e.getKey());
      if (e.getValue().isEmpty() && leftOut == null) {
        out.append("/>\n");
        continue;
      }
      out.append(">\n");
      List<Diagnostic> warnings = new ArrayList<>(); // and notes, after them
      for (Diagnostic d : e.getValue()) {
        if (!d.isError()) {
          warnings.add(d);
          continue;
        }
        out.append("      <failure type=\"")
            .append(xml(d.code()))
            .append("\" message=\"")
            .append(xml(d.message()))
            .append("\">")
            .append(xml(line(d)))
            .append("</failure>\n");
      }
      if (leftOut != null && leftOut.errors() > 0) {
        out.append("      <failure type=\"aami/left-out\" message=\"")
            .append(xml(ProblemCap.Listing.fileNote(leftOut)))
            .append("\">")
            .append(xml(e.getKey() + ": " + ProblemCap.Listing.fileNote(leftOut)))
            .append("</failure>\n");
      }
      if (!warnings.isEmpty() || leftOut != null) {
        out.append("      <system-out>");
        warnings.stream()
            .filter(w -> !w.isInfo())
            .forEach(w -> out.append(xml(line(w))).append('\n'));
        warnings.stream()
            .filter(Diagnostic::isInfo)
            .forEach(w -> out.append(xml(line(w))).append('\n'));
        if (leftOut != null) {
          out.append(xml(e.getKey() + ": note: " + ProblemCap.Listing.fileNote(leftOut)))
              .append('\n');
        }
        out.append("</system-out>\n");
      }
      out.append("    </testcase>\n");
    }
    out.append("  </testsuite>\n</testsuites>\n");
    return out.toString();
  }

  private static long leftOutErrors(ProblemCap.Listing listing, String file) {
    ProblemCap.LeftOut leftOut = listing.leftOut().get(file);
    return leftOut == null ? 0 : leftOut.errors();
  }

  private static void property(StringBuilder out, String name, long value) {
    out.append("      <property name=\"")
        .append(name)
        .append("\" value=\"")
        .append(value)
        .append("\"/>\n");
  }

  private static String line(Diagnostic d) {
    String where = d.line() > 0 ? d.file() + ":" + d.line() + ":" + d.column() : d.file();
    return where + ": " + d.severity().label() + "[" + d.code() + "]: " + d.message();
  }

  private static String xml(String s) {
    return Markup.xml(s);
  }
}
