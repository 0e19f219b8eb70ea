package io.aami.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Severity;
import io.aami.load.SourceTexts;
import io.aami.source.WorkTreeSource;
import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.validate.ValidationReport;
import io.aami.validate.ValidationService;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code validate --format sarif} is valid SARIF 2.1.0: checked against the standard's JSON Schema
 * (src/test/resources/sarif/, see its README for the source), with format assertions on.
 */
class SarifFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Schema sarifSchema() throws Exception {
    String text =
        Files.readString(
            Golden.projectDir().resolve("src/test/resources/sarif/sarif-schema-2.1.0.json"));
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7, builder -> builder.schemaRegistryConfig(config));
    return registry.getSchema(text, InputFormat.JSON);
  }

  private static void assertValidSarif(String sarif) throws Exception {
    List<String> errors =
        sarifSchema().validate(sarif, InputFormat.JSON).stream()
            .map(e -> e.getInstanceLocation() + " " + e.getMessage())
            .toList();
    assertEquals(List.of(), errors, sarif);
  }

  @Test
  @SuppressWarnings(
      "EnumOrdinal") // SARIF lists one rule per code in the codes' order: the index is the contract
  void problemsOfTheGoldenCaseAreValidSarifWithOneRunAndARulePerCode() throws Exception {
    Cli run =
        Cli.run(
            "validate",
            "--repo",
            Golden.projectDir()
                .resolve("src/test/resources/golden/report/problems/input")
                .toString(),
            "--format",
            "sarif");
    assertEquals(1, run.exitCode(), run.err());
    assertValidSarif(run.out());
    JsonNode root = JSON.readTree(run.out());
    assertEquals("2.1.0", root.get("version").asText());
    assertEquals(1, root.get("runs").size());
    JsonNode run0 = root.get("runs").get(0);
    JsonNode rules = run0.get("tool").get("driver").get("rules");
    assertEquals(Code.values().length, rules.size());
    for (JsonNode rule : rules) {
      assertTrue(
          rule.has("fullDescription") && rule.has("help"),
          "documented from docs/VALIDATE.md: " + rule);
    }
    assertEquals(
        "template_id names no ScriptTemplate (policies) or AlertTemplate (alert rules)",
        rules.get(Code.UNKNOWN_TEMPLATE.ordinal()).get("fullDescription").get("text").asText());
    JsonNode results = run0.get("results");
    assertTrue(results.size() > 0);
    for (JsonNode result : results) {
      JsonNode rule = rules.get(result.get("ruleIndex").asInt());
      assertEquals(result.get("ruleId").asText(), rule.get("id").asText());
      assertTrue(rule.get("helpUri").asText().endsWith("docs/VALIDATE.md#codes"), rule.toString());
      assertTrue(
          rule.get("help").get("markdown").asText().contains("Example fix: "), rule.toString());
      JsonNode region = result.get("locations").get(0).get("physicalLocation").get("region");
      assertTrue(region.get("startLine").asInt() >= 1, result.toString());
    }
  }

  @Test
  void notesAreResultsOfLevelNoteAfterTheProblemsAndStayValid() throws Exception {
    ValidationReport report =
        new ValidationReport(
            List.of(
                new Diagnostic(
                    "policies/a.yaml",
                    2,
                    5,
                    Severity.INFO,
                    Code.LIVE_SERIES.id(),
                    "metric 'x' has no series yet: not deployed yet"),
                new Diagnostic(
                    "policies/a.yaml", 9, 1, Severity.WARNING, Code.LIVE_COUNTER.id(), "a gauge")),
            new SourceTexts());
    assertEquals(1, report.notes().size());
    assertEquals(1, report.warningCount(), "a note is no warning");
    String sarif = ReportFormat.SARIF.formatter().format(report);
    assertValidSarif(sarif);
    JsonNode run0 = JSON.readTree(sarif).get("runs").get(0);
    JsonNode results = run0.get("results");
    assertEquals(2, results.size());
    assertEquals("warning", results.get(0).get("level").asText());
    assertEquals("note", results.get(1).get("level").asText());
    assertEquals("live/series", results.get(1).get("ruleId").asText());
    assertEquals(1, run0.get("properties").get("notes").asInt());
    assertEquals(1, run0.get("properties").get("warnings").asInt());
  }

  @Test
  void theGoldenLiveReportIsValidSarif() throws Exception {
    assertValidSarif(
        Files.readString(
            Golden.projectDir()
                .resolve(
                    "src/test/resources/golden/live-report/not-deployed/expected/sarif.json")));
  }

  @Test
  void wholeFileProblemsAndOddPathsStayValid() throws Exception {
    ValidationReport report =
        new ValidationReport(
            List.of(
                new Diagnostic(
                    "inventory/huge file ä.yaml",
                    0,
                    0,
                    Severity.ERROR,
                    Code.YAML_TOO_LARGE.id(),
                    "too large"),
                new Diagnostic(
                    "policies/a.yaml",
                    3,
                    7,
                    Severity.WARNING,
                    Code.CONFIG_UNKNOWN_KEY.id(),
                    "unknown key")),
            new SourceTexts());
    String sarif = ReportFormat.SARIF.formatter().format(report);
    assertValidSarif(sarif);
    JsonNode results = JSON.readTree(sarif).get("runs").get(0).get("results");
    assertEquals(
        "inventory/huge%20file%20%C3%A4.yaml",
        results
            .get(0)
            .get("locations")
            .get(0)
            .get("physicalLocation")
            .get("artifactLocation")
            .get("uri")
            .asText());
    assertEquals(
        1,
        results
            .get(0)
            .get("locations")
            .get(0)
            .get("physicalLocation")
            .get("region")
            .get("startLine")
            .asInt());
    assertEquals("warning", results.get(1).get("level").asText());
    assertEquals(
        7,
        results
            .get(1)
            .get("locations")
            .get(0)
            .get("physicalLocation")
            .get("region")
            .get("startColumn")
            .asInt());
  }

  /** The schema check can fail: a region at line 0 and an unknown level are refused. */
  @Test
  void theSchemaRefusesWhatSarifForbids() throws Exception {
    String valid =
        ReportFormat.SARIF
            .formatter()
            .format(
                new ValidationReport(
                    List.of(
                        new Diagnostic("a.yaml", 2, 1, Severity.ERROR, Code.SCHEMA.id(), "bad")),
                    new SourceTexts()));
    String broken =
        valid
            .replace("\"startLine\": 2", "\"startLine\": 0")
            .replace("\"level\": \"error\"", "\"level\": \"fatal\"");
    assertTrue(!broken.equals(valid));
    assertEquals(2, sarifSchema().validate(broken, InputFormat.JSON).size());
  }

  @Test
  void aCleanRepositoryIsAValidRunWithoutResults() throws Exception {
    ValidationReport report =
        ValidationService.standard()
            .validate(
                new WorkTreeSource(
                    Golden.projectDir().resolve("src/test/resources/golden/report/clean/input")));
    String sarif = ReportFormat.SARIF.formatter().format(report);
    assertValidSarif(sarif);
    assertEquals(0, JSON.readTree(sarif).get("runs").get(0).get("results").size());
  }
}
