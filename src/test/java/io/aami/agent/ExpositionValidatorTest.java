package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent's Prometheus text validator, through {@code dynamic-check.sh --check-output}. It may be
 * stricter than Prometheus, never laxer: whatever it accepts must also parse with promtool.
 */
class ExpositionValidatorTest {
  @TempDir Path dir;

  @BeforeEach
  void tools() {
    AgentHarness.assumeAgentTools();
  }

  private ProcessResult validate(String output) throws Exception {
    Path file = dir.resolve("output.prom");
    Files.writeString(file, output);
    return Processes.run(
        List.of("bash", AgentHarness.SCRIPT.toString(), "--check-output", file.toString()),
        Map.of("PATH", System.getenv("PATH")),
        dir);
  }

  /** promtool's exit code 1 means a parse error; 3 means lint findings only (e.g. missing HELP). */
  private Optional<ProcessResult> promtool(String output) throws Exception {
    if (Tools.onPath("promtool").isEmpty()) {
      return Optional.empty();
    }
    Path file = dir.resolve("promtool.prom");
    Files.writeString(file, output);
    return Optional.of(
        Processes.run(
            List.of("sh", "-c", "promtool check metrics < \"$1\"", "sh", file.toString()),
            Map.of("PATH", System.getenv("PATH")),
            dir));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "up 1\n",
        """
    # HELP mount_check Mount point accessibility (1=ok, 0=fail)
    # TYPE mount_check gauge
    mount_check{path="/mnt/models"} 1
    mount_check{path="/mnt/scratch"} 0
    """,
        "# a free comment\n\nup 1\n\n",
        "temp_celsius{sensor=\"a\",} -3.5e2\n",
        "x{ a = \"1\" , b=\"2\"} 0\n",
        "x\t1\n",
        "x{path=\"with \\\"quotes\\\" and \\\\ and \\n\"} 1\n",
        "x{path=\"caf\u00e9 \u65e5\u672c\"} 1\n",
        "x{a=\"}\"} 1\n",
        "x +Inf\ny -Inf\nz NaN\nw .5\nv 1.\nu 6.02E23\n",
        "a INF\nb -infinity\nc nan\nd 1e-999\ne 1.7976931348623157e308\nf 00012\n",
        "# HELP x escaped \\\\ and \\n in help\nx 1\n",
        "# TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n",
        "# TYPE s summary\ns{quantile=\"0.99\"} 1\ns_sum 4\ns_count 2\n",
        "ns:metric_name 1\n",
        "x{a=\"1\"} 1\nx{a=\"2\"} 1\n"
      })
  void validOutputIsAcceptedAndPromtoolAgrees(String output) throws Exception {
    ProcessResult result = validate(output);

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(dir.resolve("output.prom") + ": ok\n", result.stdout());
    Optional<ProcessResult> promtool = promtool(output);
    promtool.ifPresent(
        lint ->
            assertFalse(
                lint.exitCode() == 1, () -> "accepted, but promtool cannot parse it: " + lint));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`up 1` | output does not end with a newline",
        "`up 1 1700000000~` | line 1: timestamps are not allowed in check output",
        "`up 1 ~` | line 1: expected one value after the metric name and labels",
        "`up~` | line 1: expected one value after the metric name and labels",
        "`up one~` | line 1: value 'one' is not a number",
        "`up 1e~` | line 1: value '1e' is not a number",
        "`up 0x10~` | line 1: value '0x10' is not a number",
        "`up 1e999~` | line 1: value '1e999' is not a number a float64 can hold",
        "`up -1.7976931348623159e308~` | line 1: value '-1.7976931348623159e308' is not a number",
        "`up 1_000~` | line 1: value '1_000' is not a number",
        "`up +NaN~` | line 1: value '+NaN' is not a number",
        "`up 0x1p3~` | line 1: value '0x1p3' is not a number",
        "`# TYPE h histogram~h_bucket{le=\"1e999\"} 1~` | line 2: histogram bucket needs an 'le' label with a number",
        "`1up 1~` | line 1: expected a comment or '<metric_name>{<labels>} <value>'",
        "`  up 1~` | line 1: expected a comment or '<metric_name>{<labels>} <value>'",
        "`up{a=\"b} 1~` | line 1: malformed label set",
        "`up{a=\"x\\q\"} 1~` | line 1: malformed label set",
        "`up{a=b} 1~` | line 1: malformed label set",
        "`up{a=\"b\" c=\"d\"} 1~` | line 1: expected ',' or '}' after label a",
        "`up{a=\"1\",a=\"2\"} 1~` | line 1: duplicate label a",
        "`up{__name__=\"x\"} 1~` | line 1: label name __name__ is reserved",
        "`up 1~up 2~` | line 2: duplicate series up{}",
        "`# HELP up a~# HELP up b~up 1~` | line 2: second HELP line for up",
        "`# HELP up bad \\q escape~up 1~` | line 1: HELP text may only use the escapes",
        "`up 1~# TYPE up gauge~` | line 2: TYPE line for up after its samples",
        "`# TYPE up gauge~# TYPE up gauge~` | line 2: second TYPE line for up",
        "`# TYPE up thermometer~up 1~` | line 1: malformed HELP/TYPE line",
        "`# HELP~` | line 1: malformed HELP/TYPE line",
        "`# TYPE h histogram~h_bucket 1~` | line 2: histogram bucket needs an 'le' label with a number",
        "`# TYPE h histogram~h_bucket{le=\"x\"} 1~` | line 2: histogram bucket needs an 'le' label",
        "`# TYPE s summary~s 1~` | line 2: summary sample needs a 'quantile' label",
        "`aami_agent_fetch_success 1~` | line 1: metric name aami_agent_fetch_success is reserved",
        "`# HELP aami_check_success x~` | line 1: metric name aami_check_success is reserved"
      })
  void invalidOutputIsRejectedWithTheLine(String output, String message) throws Exception {
    ProcessResult result = validate(output.replace('~', '\n'));

    assertEquals(1, result.exitCode(), result::toString);
    String expectedPrefix = dir.resolve("output.prom") + ": " + message;
    assertTrue(
        result.stdout().startsWith(expectedPrefix),
        () -> "expected '" + expectedPrefix + "...' but got " + result.stdout());
  }

  @Test
  void windowsLineEndingsAreRejected() throws Exception {
    ProcessResult result = validate("up 1\r\n");

    assertEquals(1, result.exitCode(), result::toString);
    assertEquals(
        dir.resolve("output.prom")
            + ": line 1: value '1\r' is not a number a float64 can hold"
            + " (Prometheus text format)\n",
        result.stdout());
  }

  @Test
  void nulBytesAreRejected() throws Exception {
    Path file = dir.resolve("nul.prom");
    Files.write(file, new byte[] {'u', 'p', ' ', '1', 0, '\n'});

    ProcessResult result =
        Processes.run(
            List.of("bash", AgentHarness.SCRIPT.toString(), "--check-output", file.toString()),
            Map.of("PATH", System.getenv("PATH")),
            dir);

    assertEquals(1, result.exitCode(), result::toString);
    assertEquals(file + ": output contains NUL bytes\n", result.stdout());
  }

  @Test
  void invalidUtf8IsRejected() throws Exception {
    Path file = dir.resolve("latin1.prom");
    Files.write(
        file, new byte[] {'u', 'p', '{', 'a', '=', '"', (byte) 0xE9, '"', '}', ' ', '1', '\n'});

    ProcessResult result =
        Processes.run(
            List.of("bash", AgentHarness.SCRIPT.toString(), "--check-output", file.toString()),
            Map.of("PATH", System.getenv("PATH")),
            dir);

    assertEquals(1, result.exitCode(), result::toString);
    assertEquals(file + ": output is not valid UTF-8\n", result.stdout());
  }

  @Test
  void standardInputCanBeChecked() throws Exception {
    ProcessResult result =
        Processes.run(
            List.of(
                "bash",
                "-c",
                "printf 'up 1\\n' | bash \"$1\" --check-output -",
                "bash",
                AgentHarness.SCRIPT.toString()),
            Map.of("PATH", System.getenv("PATH")),
            dir);

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("-: ok\n", result.stdout());
  }
}
