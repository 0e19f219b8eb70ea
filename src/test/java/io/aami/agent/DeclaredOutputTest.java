package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.testsupport.ProcessResult;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A check whose list entry carries its {@code metrics} declaration: output beyond it is published
 * anyway and reported (log warnings and {@code aami_check_undeclared_output}), never refused.
 */
@Timeout(300)
class DeclaredOutputTest extends AgentTestBase {
  private static final String OUTPUT =
      """
                                       # TYPE mount_check gauge
                                       mount_check{path="/data",device="sda"} 1
                                       mount_check{path="/x"} 0
                                       extra_metric 1
                                       # TYPE lat histogram
                                       lat_bucket{le="1"} 1
                                       lat_bucket{le="+Inf"} 1
                                       lat_sum 1
                                       lat_count 1
                                       """;

  private static ObjectNode declared(String name, String output, ArrayNode metrics) {
    ObjectNode check = Checks.printing(name, output);
    check.set("metrics", metrics);
    return check;
  }

  private static ArrayNode mountDeclaration() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ArrayNode metrics = f.arrayNode();
    metrics
        .addObject()
        .put("name", "mount_check")
        .put("type", "gauge")
        .put("help", "")
        .set("labels", f.arrayNode().add("path"));
    metrics
        .addObject()
        .put("name", "lat")
        .put("type", "histogram")
        .put("help", "")
        .set("labels", f.arrayNode());
    return metrics;
  }

  @Test
  void undeclaredMetricsAndLabelsAreReportedButPublished() throws Exception {
    publish(
        declared("declared", OUTPUT, mountDeclaration()),
        Checks.printing("undeclared", "other 1\n"));

    ProcessResult result = node.runOnce();

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(OUTPUT, Files.readString(node.published("declared")));
    assertTrue(
        result
            .stderr()
            .contains(
                "check declared: output has label device of metric mount_check,"
                    + " which its metrics declaration does not list"),
        result.stderr());
    assertTrue(
        result.stderr().contains("check declared: output has metric extra_metric,"),
        result.stderr());
    assertFalse(result.stderr().contains("lat_bucket"), result.stderr());
    assertFalse(result.stderr().contains("check undeclared: output has"), result.stderr());
    Map<String, String> metrics = node.agentMetrics();
    assertEquals("2", metrics.get("aami_check_undeclared_output{check=\"declared\"}"));
    assertFalse(
        metrics.containsKey("aami_check_undeclared_output{check=\"undeclared\"}"),
        metrics::toString);
    assertEquals("0", metrics.get("aami_agent_checks_failed"));
  }

  @Test
  void outputWithinItsDeclarationCountsZero() throws Exception {
    publish(declared("declared", "mount_check{path=\"/data\"} 1\n", mountDeclaration()));

    ProcessResult result = node.runOnce();

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("0", node.agentMetrics().get("aami_check_undeclared_output{check=\"declared\"}"));
  }

  @Test
  void aDeclarationThatIsNotAListIsReportedAndTheCheckStillRuns() throws Exception {
    ObjectNode check = Checks.printing("odd", "x 1\n");
    check.put("metrics", "everything");
    publish(check);

    ProcessResult result = node.runOnce();

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("x 1\n", Files.readString(node.published("odd")));
    assertTrue(
        result.stderr().contains("check odd: its metrics declaration is not a list"),
        result.stderr());
  }

  @Test
  void checkOutputModeWarnsAboutUndeclaredOutputWithoutFailing() throws Exception {
    java.nio.file.Path file = dir.resolve("out.prom");
    Files.writeString(file, OUTPUT);

    ProcessResult result =
        node.run(
            node.environment(),
            "--check-output",
            file.toString(),
            "--declared",
            mountDeclaration().toString());

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(
        List.of(
            file + ": warning: label device of metric mount_check is not declared",
            file + ": warning: metric extra_metric is not declared",
            file + ": ok"),
        result.stdout().lines().toList());
  }

  @Test
  void checkOutputModeRefusesADeclarationThatIsNotJson() throws Exception {
    java.nio.file.Path file = dir.resolve("out.prom");
    Files.writeString(file, "x 1\n");

    ProcessResult result =
        node.run(node.environment(), "--check-output", file.toString(), "--declared", "{not json");

    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("--declared must be a JSON array"), result.stderr());
  }

  @Test
  void manyUndeclaredMetricsAreCountedButTheLogIsBounded() throws Exception {
    StringBuilder output = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      output.append("m").append(i).append(" 1\n");
    }
    publish(declared("many", output.toString(), mountDeclaration()));

    ProcessResult result = node.runOnce();

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(
        11,
        result.stderr().lines().filter(l -> l.contains("check many: output has")).count(),
        result.stderr());
    assertEquals("25", node.agentMetrics().get("aami_check_undeclared_output{check=\"many\"}"));
  }
}
