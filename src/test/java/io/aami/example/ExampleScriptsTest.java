package io.aami.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The check scripts of the example repository run for real (bash, jq, mountpoint, df) and print
 * valid Prometheus text; shellcheck and promtool judge them when installed.
 */
class ExampleScriptsTest {
  private static final Path ROOT =
      Path.of(System.getProperty("aami.projectDir", ".")).toAbsolutePath().normalize();
  private static final Path MOUNT_SCRIPT = ROOT.resolve("templates/scripts/check-mount-points.sh");

  @TempDir Path temp;

  @Test
  void mountScriptIsExecutable() {
    assertTrue(Files.isExecutable(MOUNT_SCRIPT), MOUNT_SCRIPT + " must be executable");
  }

  @Test
  void mountScriptReportsEachPathWithEscapedLabelValues() throws Exception {
    requireTool("jq");
    requireTool("mountpoint");
    Path plainDirectory = Files.createDirectory(temp.resolve("not a mount"));
    String missing = "/nonexistent/with \"quote\" and \\backslash";
    String config =
        "{\"mount_points\": [\"/\", "
            + jsonString(plainDirectory.toString())
            + ", "
            + jsonString(missing)
            + "]}";

    Run run = run(Map.of("CONFIG", config), "bash", MOUNT_SCRIPT.toString());

    int rootStatus =
        run(Map.of(), "mountpoint", "-q", "/").exitCode() == 0 && Files.isWritable(Path.of("/"))
            ? 1
            : 0;
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(
        List.of(
            "# HELP mount_check Mount point accessibility (1=ok, 0=fail)",
            "# TYPE mount_check gauge",
            "mount_check{path=\"/\"} " + rootStatus,
            "mount_check{path=\"" + plainDirectory + "\"} 0",
            "mount_check{path=\"/nonexistent/with \\\"quote\\\" and \\\\backslash\"} 0"),
        run.stdoutLines());
    assertValidMetrics(run.stdout());
  }

  @Test
  void mountScriptRefusesAConfigWithoutAListOfPaths() throws Exception {
    requireTool("jq");

    Run run =
        run(Map.of("CONFIG", "{\"mount_points\": \"/data\"}"), "bash", MOUNT_SCRIPT.toString());

    assertEquals(1, run.exitCode());
    assertEquals("", run.stdout());
    assertTrue(run.stderr().contains("mount_points is a list of strings"), run.stderr());
  }

  @Test
  void diskScriptMeasuresConfiguredMountpointsAndPublishesMergedThresholds() throws Exception {
    requireTool("jq");
    Path script = writeScript("disk.sh", inlineScript("templates/check-disk-usage.yaml"));
    String config =
        "{\"mountpoints\": [\"/\", \"/no such dir\"], \"thresholds\": {\"warning\": 60, \"critical\": 90}}";

    Run run = run(Map.of("CONFIG", config), "bash", script.toString());

    Run df = run(Map.of(), "df", "--output=pcent", "/");
    String rootUsage = df.stdoutLines().get(df.stdoutLines().size() - 1).replaceAll("[^0-9]", "");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(
        List.of(
            "# HELP disk_usage_percent Used space of the filesystem holding the mountpoint, in percent",
            "# TYPE disk_usage_percent gauge",
            "disk_usage_percent{mountpoint=\"/\"} " + rootUsage,
            "# HELP disk_usage_up Whether the mountpoint could be measured (1=yes, 0=no)",
            "# TYPE disk_usage_up gauge",
            "disk_usage_up{mountpoint=\"/\"} 1",
            "disk_usage_up{mountpoint=\"/no such dir\"} 0",
            "# HELP disk_usage_threshold_percent Disk usage alert thresholds configured for this node",
            "# TYPE disk_usage_threshold_percent gauge",
            "disk_usage_threshold_percent{level=\"critical\"} 90",
            "disk_usage_threshold_percent{level=\"warning\"} 60"),
        run.stdoutLines());
    assertValidMetrics(run.stdout());
  }

  @Test
  void ntpDirectPolicyScriptPrintsOneGauge() throws Exception {
    Path script = writeScript("ntp.sh", inlineScript("policies/scripts/ntp-sync-development.yaml"));

    Run run = run(Map.of(), "sh", script.toString());

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(3, run.stdoutLines().size(), run.stdout());
    assertTrue(run.stdoutLines().get(2).matches("ntp_synchronized [01]"), run.stdout());
    assertValidMetrics(run.stdout());
  }

  @Test
  void everyExampleScriptIsShellcheckClean() throws Exception {
    assumeTrue(
        onPath("shellcheck"),
        "shellcheck is not installed; skipping the lint of the example scripts");
    List<Path> scripts = new ArrayList<>();
    scripts.add(MOUNT_SCRIPT);
    scripts.add(
        writeScript("check-disk-usage.sh", inlineScript("templates/check-disk-usage.yaml")));
    scripts.add(
        writeScript(
            "check-ntp-sync.sh", inlineScript("policies/scripts/ntp-sync-development.yaml")));
    for (Path script : scripts) {
      Run lint = run(Map.of(), "shellcheck", script.toString());
      assertEquals(0, lint.exitCode(), script.getFileName() + ":\n" + lint.stdout());
    }
  }

  private void assertValidMetrics(String text) throws Exception {
    if (!onPath("promtool")) {
      return; // the exact-output assertions still ran; promtool adds the format lint when present
    }
    Path metrics = Files.writeString(temp.resolve("metrics.prom"), text);
    Run check =
        run(Map.of(), "sh", "-c", "promtool check metrics < \"$1\"", "sh", metrics.toString());
    assertEquals(
        0, check.exitCode(), "promtool check metrics:\n" + check.stdout() + check.stderr());
  }

  private static String inlineScript(String yamlFile) throws IOException {
    String text = Files.readString(ROOT.resolve(yamlFile), StandardCharsets.UTF_8);
    List<Object> documents = new ArrayList<>();
    new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text).forEach(documents::add);
    Object content = ((Map<?, ?>) documents.get(0)).get("script_content");
    return (String) content;
  }

  private Path writeScript(String name, String content) throws IOException {
    return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static String jsonString(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void requireTool(String tool) {
    assumeTrue(onPath(tool), tool + " is not installed; the example scripts need it");
  }

  private static boolean onPath(String tool) {
    for (String dir :
        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator, -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private Run run(Map<String, String> environment, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Run(int exitCode, String stdout, String stderr) {
    List<String> stdoutLines() {
      return stdout.lines().toList();
    }
  }
}
