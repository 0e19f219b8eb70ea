package io.aami.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.diag.Diagnostic;
import io.aami.diag.Severity;
import io.aami.load.SourceTexts;
import io.aami.validate.ValidationReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Notes (info diagnostics) in every format: listed after the problems, in each format's shape for
 * an informational item, capped per file like problems, and never counted as problems.
 */
class NoteFormatsTest {
  private static final String FILE = "policies/alerts.yaml";

  private static Diagnostic note(int line, String message) {
    return new Diagnostic(FILE, line, 18, Severity.INFO, "live/series", message);
  }

  private static ValidationReport report() {
    SourceTexts sources = new SourceTexts();
    sources.put(FILE, "a: 1\nquery_template: 'fresh_a > 1'\nquery_template: 'fresh_b > 1'\n");
    return new ValidationReport(
        List.of(
            note(3, "b not deployed yet"),
            note(2, "a not deployed yet"),
            new Diagnostic(FILE, 1, 1, Severity.WARNING, "live/counter", "a gauge")),
        sources);
  }

  @Test
  void textListsNotesAfterTheProblemsWithTheirSourceLineAndCountsThemApart() {
    String text = ReportFormat.TEXT.formatter().format(report());
    assertEquals(
        """
        policies/alerts.yaml:1:1: warning[live/counter]: a gauge
            a: 1
            ^
        policies/alerts.yaml:2:18: info[live/series]: a not deployed yet
            query_template: 'fresh_a > 1'
                             ^
        policies/alerts.yaml:3:18: info[live/series]: b not deployed yet
            query_template: 'fresh_b > 1'
                             ^
        aami: 1 file checked, 0 errors, 1 warning, 2 notes
        """,
        text);
  }

  @Test
  void everyFormatCapsNotesPerFileAndSaysHowManyItLeftOut() throws Exception {
    ValidationReport report = report();
    String text = ReportFormat.TEXT.formatter().format(report, 1);
    assertTrue(text.contains("a not deployed yet"), text);
    assertTrue(!text.contains("b not deployed yet"), text);
    assertTrue(
        text.endsWith(
            "aami: left out 1 note past the first 1 of a file; --max-problems 0 lists them all\n"),
        text);
    JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.formatter().format(report, 1));
    assertEquals(2, json.path("summary").path("notes").asInt());
    assertEquals(1, json.path("summary").path("notes_left_out").asInt());
    assertEquals(1, json.path("notes").size());
    assertEquals("info", json.path("notes").path(0).path("severity").asText());
    assertEquals(1, json.path("diagnostics").size());
    assertTrue(json.path("ok").asBoolean(), "notes never make a report fail");
    String github = ReportFormat.GITHUB.formatter().format(report, 1);
    assertTrue(
        github.contains(
            "::notice file=policies/alerts.yaml,line=2,col=18,title=aami live/series::a not"
                + " deployed yet\n"),
        github);
    assertTrue(!github.contains("b not deployed yet"), github);
    String junit = ReportFormat.JUNIT.formatter().format(report, 1);
    assertTrue(junit.contains("<property name=\"aami.left_out.notes\" value=\"1\"/>"), junit);
    assertTrue(junit.contains("failures=\"0\""), "a note fails no test case: " + junit);
  }

  @Test
  void junitPutsNotesAfterTheWarningsInTheFilesSystemOut() {
    String junit = ReportFormat.JUNIT.formatter().format(report());
    assertTrue(
        junit.contains(
            """
            <system-out>policies/alerts.yaml:1:1: warning[live/counter]: a gauge
            policies/alerts.yaml:2:18: info[live/series]: a not deployed yet
            policies/alerts.yaml:3:18: info[live/series]: b not deployed yet
            </system-out>"""),
        junit);
    assertTrue(junit.contains("<property name=\"aami.notes\" value=\"2\"/>"), junit);
  }
}
