package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pull request against the example repository gets from {@code aami validate}: a wrong-typed
 * override and an alert on a metric no check declares are both caught, located in the files the
 * pull request changed.
 */
class MetricContractPullRequestTest {
  @TempDir Path dir;

  private Path example() throws IOException {
    Path root = Fixtures.projectDir();
    for (String input : List.of("templates", "policies", "inventory")) {
      Trees.copy(root.resolve(input), dir.resolve(input));
    }
    Files.copy(root.resolve("aami.yaml"), dir.resolve("aami.yaml"));
    return dir;
  }

  private static void replace(Path file, String old, String replacement) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.contains(old), () -> file + " no longer contains " + old);
    Files.writeString(file, text.replace(old, replacement), StandardCharsets.UTF_8);
  }

  @Test
  void theExampleIsCleanUnderStrict() throws IOException {
    Cli result = Cli.run("validate", "--repo", example().toString(), "--strict");

    assertEquals(0, result.exitCode(), result::toString);
  }

  @Test
  void aWrongTypedOverrideIsCaughtAtTheOverride() throws IOException {
    Path repo = example();
    replace(
        repo.resolve("policies/scripts/check-disk-usage.yaml"),
        "    warning: 60",
        "    warning: \"sixty\"");

    Cli result = Cli.run("validate", "--repo", repo.toString());

    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(
        result
            .err()
            .contains(
                "policies/scripts/check-disk-usage.yaml:20:14: error[config/schema]:"
                    + " config 'thresholds.warning': expected number, found string (config_schema of ScriptTemplate"
                    + " 'check-disk-usage')"),
        result.err());
  }

  @Test
  void withoutASchemaTheWrongTypeIsStillAWarning() throws IOException {
    Path repo = example();
    Path template = repo.resolve("templates/check-disk-usage.yaml");
    String text = Files.readString(template, StandardCharsets.UTF_8);
    int start = text.indexOf("config_schema:");
    int end = text.indexOf("\n# What the script prints");
    Files.writeString(
        template, text.substring(0, start) + text.substring(end + 1), StandardCharsets.UTF_8);
    replace(
        repo.resolve("policies/scripts/check-disk-usage.yaml"),
        "    warning: 60",
        "    warning: \"sixty\"");

    Cli result = Cli.run("validate", "--repo", repo.toString(), "--strict");

    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(
        result
            .err()
            .contains(
                "policies/scripts/check-disk-usage.yaml:20:14: warning[config/type-mismatch]:"
                    + " config 'thresholds.warning' is a string, but the default it replaces is an integer"
                    + " (default_config of ScriptTemplate 'check-disk-usage' at templates/check-disk-usage.yaml:16:14)"),
        result.err());
  }

  @Test
  void anAlertOnAnUndeclaredMetricIsCaught() throws IOException {
    Path repo = example();
    replace(
        repo.resolve("templates/alerts/mount-point-unavailable.yaml"),
        "query_template: 'mount_check{",
        "query_template: 'mount_chek{");

    Cli result = Cli.run("validate", "--repo", repo.toString(), "--strict", "--format", "github");

    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(
        result
            .out()
            .contains("::warning file=templates/alerts/mount-point-unavailable.yaml,line=12,"),
        result.out());
    assertTrue(
        result
            .out()
            .contains(
                "selects metric 'mount_chek', which no check declares; did you mean"
                    + " mount_check?"),
        result.out());
  }

  @Test
  void aRepositoryThatDeclaresNoMetricsIsNotCheckedAgainstThem() throws IOException {
    Path repo = example();
    for (String file :
        List.of(
            "templates/check-disk-usage.yaml",
            "templates/check-mount-points.yaml",
            "policies/scripts/ntp-sync-development.yaml")) {
      dropTopLevelBlock(repo.resolve(file), "metrics:");
    }
    replace(
        repo.resolve("templates/alerts/mount-point-unavailable.yaml"),
        "query_template: 'mount_check{",
        "query_template: 'mount_chek{");

    Cli result = Cli.run("validate", "--repo", repo.toString(), "--strict");

    assertEquals(0, result.exitCode(), result::toString);
  }

  /** Removes the line {@code key} and the indented lines under it. */
  private static void dropTopLevelBlock(Path file, String key) throws IOException {
    StringBuilder kept = new StringBuilder();
    boolean inBlock = false;
    int dropped = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.equals(key)) {
        inBlock = true;
      } else if (inBlock && !line.startsWith(" ")) {
        inBlock = false;
      }
      if (inBlock) {
        dropped++;
      } else {
        kept.append(line).append('\n');
      }
    }
    assertTrue(dropped > 1, () -> file + " declares no " + key);
    Files.writeString(file, kept.toString(), StandardCharsets.UTF_8);
  }
}
