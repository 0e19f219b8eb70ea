package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.ExampleRepository;
import io.aami.testing.Trees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authoring values are held to what validate accepts in files: a number beyond the double range
 * ({@code 1e400}, which Jackson reads as infinity) in {@code --set} or a JSON config option is a
 * usage error that writes nothing, wherever it sits in the value; big integers and text stay fine.
 */
class AuthoringNonFiniteTest {
  private static final List<String> OUT_OF_RANGE =
      List.of(
          "1e400", "-1e400", "1.7976931348623159e308", "[1, 2e999]", "{\"a\": {\"b\": -9e9999}}");

  @TempDir Path tmp;
  private Path repo;
  private Map<String, String> original;

  @BeforeEach
  void copyExample() throws Exception {
    repo = ExampleRepository.copyTo(tmp.resolve("repo"));
    original = Trees.readTextTree(repo);
  }

  private Cli aami(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--repo");
    all.add(repo.toString());
    return Cli.run(all.toArray(String[]::new));
  }

  private void refused(String... args) throws Exception {
    Cli run = aami(args);
    assertEquals(ExitCode.USAGE, run.exitCode(), String.join(" ", args) + "\n" + run.err());
    assertTrue(run.err().contains("beyond the range of a double"), run.err());
    assertEquals(original, Trees.readTextTree(repo), "nothing is written");
  }

  @Test
  void setRefusesNumbersBeyondTheDoubleRangeAnywhereInTheValue() throws Exception {
    for (String value : OUT_OF_RANGE) {
      refused("policy", "update", "disk-global", "--set", "thresholds.warning=" + value);
      refused("alert-rule", "update", "disk-development", "--set", "threshold=" + value);
    }
  }

  @Test
  void jsonConfigOptionsRefuseThemToo() throws Exception {
    for (String value : OUT_OF_RANGE) {
      refused(
          "policy",
          "update",
          "disk-global",
          "--config",
          "{\"thresholds\": {\"warning\": " + value + "}}");
      refused(
          "policy",
          "create",
          "disk-extra",
          "--template",
          "check-disk-usage",
          "--group",
          "gpu-cluster",
          "--config",
          "{\"x\": " + value + "}");
      refused(
          "template", "update", "check-disk-usage", "--default-config", "{\"x\": " + value + "}");
    }
  }

  @Test
  void bigIntegersTextAndTheLargestDoubleAreStillAccepted() throws Exception {
    Cli quoted = aami("policy", "update", "disk-global", "--set", "label=\"1e400\"");
    assertTrue(quoted.exitCode() != ExitCode.USAGE, quoted.err());
    Cli largest = aami("policy", "update", "disk-global", "--set", "other=1.7976931348623157e308");
    assertTrue(largest.exitCode() != ExitCode.USAGE, largest.err());
    Cli huge = aami("policy", "update", "disk-global", "--set", "count=1" + "0".repeat(400));
    assertTrue(huge.exitCode() != ExitCode.USAGE, huge.err());
  }
}
