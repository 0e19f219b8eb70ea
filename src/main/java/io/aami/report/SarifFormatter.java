package io.aami.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.ProblemCap;
import io.aami.json.CanonicalJson;
import io.aami.validate.ValidationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, one rule per diagnostic
 * code (every code aami has, in {@link Code} order, so rule indexes are stable), and one result per
 * diagnostic with its file and region. Columns are Unicode code points, as in every aami format. A
 * problem of a whole file (line 0) points at line 1, because viewers need a line to show. Results
 * are the capped listing; the run's {@code properties} carry the full counts and its invocation one
 * notification per file cut short. Notes (info diagnostics, e.g. the live checks' "not deployed
 * yet") are results of level {@code note} after the problems, counted apart.
 */
final class SarifFormatter implements DiagnosticFormatter {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /** Where docs/VALIDATE.md is published; rules link to its codes table. */
  static final String CODES_DOC = DocsLocation.VALIDATE + "#codes";

  @Override
  public String format(ValidationReport report, ProblemCap.Listing listing) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "aami");
    driver.put("informationUri", DocsLocation.VALIDATE);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> indexById = new HashMap<>();
    for (Code code : Code.values()) {
      indexById.put(code.id(), rules.size());
      ObjectNode rule = rules.addObject();
      rule.put("id", code.id());
      rule.put("name", ruleName(code));
      rule.putObject("shortDescription").put("text", code.summary());
      rule.put("helpUri", CODES_DOC);
      CodeDocs.of(code.id())
          .ifPresent(
              doc -> {
                rule.putObject("fullDescription").put("text", plain(doc.meaning()));
                ObjectNode help = rule.putObject("help");
                help.put(
                    "text",
                    plain(doc.meaning()) + ". Example fix: " + plain(doc.exampleFix()) + ".");
                help.put("markdown", doc.meaning() + ".\n\nExample fix: " + doc.exampleFix() + ".");
              });
    }
    run.put("columnKind", "unicodeCodePoints");
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    ArrayNode notes = invocation.putArray("toolExecutionNotifications");
    listing
        .leftOut()
        .values()
        .forEach(
            l -> {
              ObjectNode note = notes.addObject();
              note.put("level", l.errors() > 0 ? "error" : "warning");
              note.putObject("message")
                  .put("text", l.file() + ": " + ProblemCap.Listing.fileNote(l));
              note.putArray("locations")
                  .addObject()
                  .putObject("physicalLocation")
                  .putObject("artifactLocation")
                  .put("uri", uri(l.file()));
            });
    ObjectNode counts = run.putObject("properties");
    counts.put("errors", report.errorCount());
    counts.put("warnings", report.warningCount());
    counts.put("leftOutErrors", listing.leftOutErrors());
    counts.put("leftOutWarnings", listing.leftOutWarnings());
    counts.put("maxProblemsPerFile", listing.perFile());
    NoteListing notesShown = NoteListing.of(report, listing.perFile());
    counts.put("notes", report.notes().size());
    counts.put("leftOutNotes", notesShown.leftOut());
    ArrayNode results = run.putArray("results");
    List<Diagnostic> all = new ArrayList<>(listing.shown());
    all.addAll(notesShown.shown());
    for (Diagnostic d : all) {
      ObjectNode result = results.addObject();
      result.put("ruleId", d.code());
      Integer index = indexById.get(d.code());
      if (index != null) {
        result.put("ruleIndex", index);
      }
      result.put("level", level(d));
      result.putObject("message").put("text", d.message());
      ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
      location.putObject("artifactLocation").put("uri", uri(d.file()));
      ObjectNode region = location.putObject("region");
      region.put("startLine", Math.max(1, d.line()));
      if (d.column() > 0) {
        region.put("startColumn", d.column());
      }
    }
    return CanonicalJson.write(root);
  }

  /** SARIF's levels; a note (info diagnostic) is SARIF's {@code note}. */
  private static String level(Diagnostic d) {
    return switch (d.severity()) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /** Markdown of a table cell as plain text: code spans lose their backticks. */
  static String plain(String markdown) {
    return markdown.replace("`", "");
  }

  /**
   * "ref/duplicate-id" → "RefDuplicateId": SARIF rule names are identifiers, ids may have slashes.
   */
  static String ruleName(Code code) {
    StringBuilder name = new StringBuilder();
    boolean upper = true;
    for (char c : code.id().toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return name.toString();
  }

  /** A relative URI reference: the repository path, with characters outside RFC 3986 escaped. */
  static String uri(String path) {
    StringBuilder uri = new StringBuilder();
    for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~/".indexOf(c) >= 0) {
        uri.append(c);
      } else {
        uri.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return uri.toString();
  }
}
