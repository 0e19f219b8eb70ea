package io.aami.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.diag.Diagnostic;
import io.aami.diag.Severity;
import io.aami.load.SourceTexts;
import io.aami.validate.ValidationReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The four report formats on hand-made reports with awkward content: wide and astral characters
 * before the column, tabs, control characters, and the separators each format has to escape.
 */
class ReportFormatsTest {
  private static final String ONE_ERROR = "aami: 1 file checked, 1 error, 0 warnings\n";

  private static Diagnostic error(String file, int line, int column, String code, String message) {
    return new Diagnostic(file, line, column, Severity.ERROR, code, message);
  }

  /** {@code format}'s report of one diagnostic in a file whose text is {@code text}. */
  private static String formatted(ReportFormat format, String text, Diagnostic diagnostic) {
    SourceTexts sources = new SourceTexts();
    sources.put(diagnostic.file(), text);
    return format.formatter().format(new ValidationReport(List.of(diagnostic), sources));
  }

  @Test
  void textCaretSitsUnderTheColumnAfterKoreanText() {
    // Column 18 is the x after 디스크 (three code points of two terminal cells each).
    String line = "description: 디스크 x";
    String text =
        formatted(
            ReportFormat.TEXT, "id: a\n" + line + "\n", error("a.yaml", 2, 18, "schema", "bad"));
    assertEquals(
        "a.yaml:2:18: error[schema]: bad\n"
            + "    "
            + line
            + "\n"
            + "    "
            + " ".repeat(13 + 6 + 1)
            + "^\n"
            + ONE_ERROR,
        text);
  }

  @Test
  void textCaretCountsAstralCharactersAsOneColumnOfTwoCells() {
    String line = "{id: \"\uD83D\uDE80\uD83D\uDE80\", priority: x}";
    // {-i-d-:-space-quote = 6 columns, two rockets, quote-comma-space = 3, "priority: " = 10.
    int column = 6 + 2 + 3 + 10 + 1;
    String text =
        formatted(
            ReportFormat.TEXT, line + "\n", error("a.yaml", 1, column, "format/priority", "bad"));
    assertTrue(text.contains("    " + line + "\n    " + " ".repeat(6 + 4 + 3 + 10) + "^\n"), text);
  }

  @Test
  void textCaretKeepsTabsSoTheyExpandLikeTheQuotedLine() {
    String line = "\tid:\tx";
    String text =
        formatted(ReportFormat.TEXT, line + "\n", error("a.yaml", 1, 6, "yaml/syntax", "tab"));
    assertTrue(text.contains("    \tid:\tx\n    \t   \t^\n"), text);
  }

  @Test
  void textNeverPassesControlCharactersToTheTerminal() {
    String text =
        formatted(
            ReportFormat.TEXT,
            "kind: \u001B[2Jx\n",
            error("a.yaml", 1, 7, "schema/kind", "unknown kind '\u001B[2J'\nsecond line"));
    assertEquals(
        "a.yaml:1:7: error[schema/kind]: unknown kind '\\u001B[2J'\\nsecond line\n"
            + "    kind: \uFFFD[2Jx\n"
            + "          ^\n"
            + ONE_ERROR,
        text);
  }

  @Test
  void textQuotesOnlyTheNeighbourhoodOfTheColumnOfAVeryLongLine() {
    String line = "{" + "\"k\": 1, ".repeat(10_000) + "\"bad\": [}";
    int column = line.indexOf("[}") + 2;
    String text =
        formatted(
            ReportFormat.TEXT,
            line + "\n",
            error("one-line.yaml", 1, column, "yaml/syntax", "bad"));
    String[] lines = text.split("\n", -1);
    String quoted = lines[1].substring(4);
    assertEquals("...", quoted.substring(0, 3));
    assertTrue(quoted.endsWith("\"bad\": [}"), quoted);
    assertEquals(
        3 + TerminalText.CONTEXT + 1, quoted.length(), "context, then the column, then the rest");
    assertEquals(
        quoted.length() - 1, lines[2].substring(4).indexOf('^'), "the caret sits under '}'");
    assertTrue(text.length() < 400, "not the whole 70 kB line: " + text.length());
  }

  @Test
  void textShowsWholeFileProblemsWithoutPositionOrCaret() {
    String text =
        formatted(
            ReportFormat.TEXT,
            "id: a\n",
            error("a.yaml", 0, 0, "io/read", "cannot read the file: permission denied"));
    assertEquals(
        "a.yaml: error[io/read]: cannot read the file: permission denied\n" + ONE_ERROR, text);
  }

  @Test
  void githubEscapesDataAndPropertiesAsTheRunnerUnescapesThem() {
    String text =
        formatted(
            ReportFormat.GITHUB,
            "x\n",
            error("dir,with:odd%name.yaml", 1, 1, "schema", "100% wrong: a, b\r\nnext"));
    assertEquals(
        "::error file=dir%2Cwith%3Aodd%25name.yaml,line=1,col=1,title=aami schema::"
            + "100%25 wrong: a, b%0D%0Anext\n"
            + ONE_ERROR,
        text);
  }

  @Test
  void jsonIsByteStableAndParsesBackToTheDiagnostics() throws Exception {
    List<Diagnostic> diagnostics =
        new ArrayList<>(
            List.of(
                error("b.yaml", 2, 1, "schema", "quote \" and \\ and \u001B and 디스크"),
                new Diagnostic("a.yaml", 1, 3, Severity.WARNING, "policy/config-key", "typo"),
                error("a.yaml", 0, 0, "io/read", "unreadable")));
    SourceTexts sources = new SourceTexts();
    sources.put("a.yaml", "x\n");
    sources.put("b.yaml", "y\n");
    String first = ReportFormat.JSON.formatter().format(new ValidationReport(diagnostics, sources));
    java.util.Collections.reverse(diagnostics);
    String second =
        ReportFormat.JSON.formatter().format(new ValidationReport(diagnostics, sources));
    assertEquals(first, second, "input order must not matter");

    JsonNode root = new ObjectMapper().readTree(first);
    assertEquals(1, root.get("format_version").asInt());
    assertEquals(false, root.get("ok").asBoolean());
    assertEquals(2, root.get("summary").get("errors").asInt());
    assertEquals(1, root.get("summary").get("warnings").asInt());
    JsonNode items = root.get("diagnostics");
    assertEquals(
        List.of("a.yaml", "a.yaml", "b.yaml"),
        List.of(
            items.get(0).get("file").asText(),
            items.get(1).get("file").asText(),
            items.get(2).get("file").asText()));
    assertEquals(0, items.get(0).get("line").asInt(), "whole-file problems sort first");
    assertEquals("quote \" and \\ and \u001B and 디스크", items.get(2).get("message").asText());
    List<String> fields = new ArrayList<>();
    items.get(2).fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("file", "line", "column", "severity", "code", "message"), fields);
  }

  @Test
  void junitIsWellFormedXmlWithOneCasePerFileAndOneFailurePerError() throws Exception {
    List<Diagnostic> diagnostics =
        List.of(
            error("a.yaml", 1, 1, "schema", "<bad> & \"quoted\" 'x'\nline two \u0001"),
            error("a.yaml", 2, 1, "yaml/type-trap", "second"),
            new Diagnostic("b.yaml", 3, 1, Severity.WARNING, "script/shebang", "only a warning"));
    SourceTexts sources = new SourceTexts();
    sources.put("a.yaml", "x\n");
    sources.put("b.yaml", "y\n");
    sources.put("c.yaml", "z\n");
    String xml = ReportFormat.JUNIT.formatter().format(new ValidationReport(diagnostics, sources));

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertEquals("3", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(3, cases.getLength());
    Element a = (Element) cases.item(0);
    assertEquals("a.yaml", a.getAttribute("name"));
    NodeList failures = a.getElementsByTagName("failure");
    assertEquals(2, failures.getLength());
    Element failure = (Element) failures.item(0);
    assertEquals("schema", failure.getAttribute("type"));
    assertEquals(
        "<bad> & \"quoted\" 'x'\nline two ",
        failure.getAttribute("message"),
        "attribute newlines survive parsing; characters XML cannot carry are dropped");
    Element b = (Element) cases.item(1);
    assertEquals(0, b.getElementsByTagName("failure").getLength(), "warnings do not fail a case");
    assertTrue(
        b.getElementsByTagName("system-out").item(0).getTextContent().contains("only a warning"));
    assertEquals(
        0, ((Element) cases.item(2)).getChildNodes().getLength(), "a clean file is a passing case");
  }
}
