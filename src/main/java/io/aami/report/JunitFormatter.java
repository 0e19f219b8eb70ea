package io.aami.report;

import io.aami.diag.Diagnostic;
import io.aami.validate.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML: one test case per file read, failing with one {@code <failure>} per error. Warnings
 * do not fail a case; they are listed in its {@code system-out}. No timestamps, so the report is
 * reproducible.
 */
final class JunitFormatter implements DiagnosticFormatter {
  @Override
  public String format(ValidationReport report) {
    Map<String, List<Diagnostic>> byFile = new TreeMap<>();
    report.sources().files().forEach(f -> byFile.put(f, new ArrayList<>()));
    report.diagnostics().forEach(d -> byFile.computeIfAbsent(d.file(), f -> new ArrayList<>()).add(d));
    long failedCases = byFile.values().stream().filter(l -> l.stream().anyMatch(Diagnostic::isError)).count();

    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites name=\"aami validate\" tests=\"").append(byFile.size())
        .append("\" failures=\"").append(failedCases).append("\" errors=\"0\">\n");
    out.append("  <testsuite name=\"aami validate\" tests=\"").append(byFile.size())
        .append("\" failures=\"").append(failedCases).append("\" errors=\"0\" skipped=\"0\">\n");
    for (Map.Entry<String, List<Diagnostic>> e : byFile.entrySet()) {
      out.append("    <testcase classname=\"aami.validate\" name=\"").append(xml(e.getKey())).append('"');
      if (e.getValue().isEmpty()) {
        out.append("/>\n");
        continue;
      }
      out.append(">\n");
      List<Diagnostic> warnings = new ArrayList<>();
      for (Diagnostic d : e.getValue()) {
        if (!d.isError()) {
          warnings.add(d);
          continue;
        }
        out.append("      <failure type=\"").append(xml(d.code())).append("\" message=\"")
            .append(xml(d.message())).append("\">").append(xml(line(d))).append("</failure>\n");
      }
      if (!warnings.isEmpty()) {
        out.append("      <system-out>");
        warnings.forEach(w -> out.append(xml(line(w))).append('\n'));
        out.append("</system-out>\n");
      }
      out.append("    </testcase>\n");
    }
    out.append("  </testsuite>\n</testsuites>\n");
    return out.toString();
  }

  private static String line(Diagnostic d) {
    String where = d.line() > 0 ? d.file() + ":" + d.line() + ":" + d.column() : d.file();
    return where + ": " + d.severity().label() + "[" + d.code() + "]: " + d.message();
  }

  private static String xml(String s) {
    return Markup.xml(s);
  }
}
