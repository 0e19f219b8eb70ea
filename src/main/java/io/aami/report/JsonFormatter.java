package io.aami.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.diag.Diagnostic;
import io.aami.diag.ProblemCap;
import io.aami.json.CanonicalJson;
import io.aami.validate.ValidationReport;

/**
 * A stable machine format. Field names and order are a contract: {@code format_version} changes if
 * they ever do (fields may be added). Whole-file diagnostics have line and column 0. {@code
 * summary.errors} and {@code summary.warnings} count every problem; {@code diagnostics} holds the
 * capped listing (errors first within a file) and {@code summary.left_out} what the cap left out,
 * per file. {@code notes} lists the info diagnostics (severity {@code info}, e.g. the live checks'
 * "not deployed yet") in the same shape, capped alike; {@code summary.notes} counts them all and
 * {@code summary.notes_left_out} those the cap left out. Notes never make {@code ok} false.
 */
final class JsonFormatter implements DiagnosticFormatter {
  static final int FORMAT_VERSION = 1;

  @Override
  public String format(ValidationReport report, ProblemCap.Listing listing) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("ok", report.errorCount() == 0);
    ObjectNode summary = root.putObject("summary");
    summary.put("files", report.sources().files().size());
    summary.put("errors", report.errorCount());
    summary.put("warnings", report.warningCount());
    summary.put("notes", report.notes().size());
    summary.put("suppressed", report.suppressed());
    summary.put("shown", listing.shown().size());
    summary.put("max_problems_per_file", listing.perFile());
    ArrayNode leftOut = summary.putArray("left_out");
    listing
        .leftOut()
        .values()
        .forEach(
            l -> {
              ObjectNode file = leftOut.addObject();
              file.put("file", l.file());
              file.put("errors", l.errors());
              file.put("warnings", l.warnings());
            });
    NoteListing notes = NoteListing.of(report, listing.perFile());
    summary.put("notes_left_out", notes.leftOut());
    items(root.putArray("diagnostics"), listing.shown());
    items(root.putArray("notes"), notes.shown());
    return CanonicalJson.write(root);
  }

  private static void items(ArrayNode list, java.util.List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      ObjectNode item = list.addObject();
      item.put("file", d.file());
      item.put("line", d.line());
      item.put("column", d.column());
      item.put("severity", d.severity().label());
      item.put("code", d.code());
      item.put("message", d.message());
    }
  }
}
