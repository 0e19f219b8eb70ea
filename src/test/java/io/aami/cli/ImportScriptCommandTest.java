package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.importer.ExpositionDeclarations;
import io.aami.model.MetricDeclaration;
import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aami import script} end to end: a directory of textfile-collector-style scripts (bash, sh
 * and python, some reading JSON config on stdin, one needing a tool this machine lacks, some
 * writing their own .prom file) imported into a repository made by {@code aami init}, probed
 * through the real packaged agent, then run with {@code aami check run}, whose output must match
 * the declarations the probe wrote.
 */
@Timeout(300)
class ImportScriptCommandTest {
  static final Path CORPUS = Golden.projectDir().resolve("src/test/resources/import/scripts");

  @TempDir Path dir;
  Path repo;

  @BeforeEach
  void init() {
    Tools.assumeOnPath("bash", "jq", "flock", "sha256sum", "timeout", "python3");
    repo = dir.resolve("repo");
    assertEquals(0, Cli.run("init", repo.toString()).exitCode());
  }

  private Cli importScripts(String... args) {
    List<String> line = new ArrayList<>(List.of("import", "script", "--repo", repo.toString()));
    line.addAll(List.of(args));
    return Cli.run(line.toArray(String[]::new));
  }

  @Test
  void aDirectoryOfScriptsIsProbedDeclaredAndRunsWithCheckRun() throws IOException {
    Cli cli =
        importScripts(
            "--global",
            "--probe",
            "--config",
            "{\"devices\": [\"sda\", \"sdb\"], \"degraded_limit\": 1, \"buckets\": [0.25, 2]}",
            CORPUS.toString());
    assertEquals(0, cli.exitCode(), cli.err());
    assertTrue(
        cli.err()
            .contains(
                "imported apt_pending, ntp_offset, nvme_wear, raid_status,"
                    + " request_latency, smart_temperature"),
        cli.err());

    // The script that needs a missing tool is imported without a declaration, with the agent's
    // words.
    assertTrue(
        cli.err()
            .contains(
                "nvme_wear.sh:1:1: warning[import/script]: probe: the node agent"
                    + " did not accept the run"),
        cli.err());
    assertTrue(
        cli.err().contains("aami-test-nvme-tool-that-is-not-installed"),
        "the agent's words: " + cli.err());
    assertFalse(Files.readString(repo.resolve("templates/nvme_wear.yaml")).contains("metrics:"));
    // Textfile writers get the located warning with the fix.
    assertTrue(
        cli.err()
            .contains(
                "apt_pending.sh:7:1: warning[import/textfile-output]: the script"
                    + " writes its metrics to $TEXTFILE_COLLECTOR_DIR/apt.prom"),
        cli.err());
    assertTrue(
        cli.err()
            .contains(
                "ntp_offset.sh:3:33: warning[import/textfile-output]: the script"
                    + " writes its metrics to /var/lib/node_exporter/ntp.prom"),
        cli.err());

    String smart = Files.readString(repo.resolve("templates/smart_temperature.yaml"));
    assertTrue(smart.contains("language: bash\nversion: 1.0.0\n"), smart);
    assertTrue(smart.contains("script_file: scripts/smart_temperature.sh\n"), smart);
    assertTrue(
        smart.contains(
            """
        metrics:
          - name: disk_temperature_celsius
            type: gauge
            help: Drive temperature reported by SMART.
            labels:
              - device
              - source
          - name: disk_smart_checks_total
            type: counter
            help: SMART polls since boot.
        """),
        smart);
    String latency = Files.readString(repo.resolve("templates/request_latency.yaml"));
    assertTrue(latency.contains("language: python\n"), latency);
    assertTrue(latency.contains("type: histogram"), latency);
    assertTrue(Files.exists(repo.resolve("policies/scripts/raid_status-global.yaml")));

    assertEquals(0, Cli.run("validate", "--repo", repo.toString()).exitCode());
    for (String check : List.of("smart_temperature", "raid_status", "request_latency")) {
      Cli run = Cli.run("check", "run", check, "--target", "node-01", "--repo", repo.toString());
      assertEquals(0, run.exitCode(), check + ": " + run.out() + run.err());
      List<MetricDeclaration> printed = ExpositionDeclarations.of(published(run.out()));
      String template = Files.readString(repo.resolve("templates/" + check + ".yaml"));
      for (MetricDeclaration m : printed) {
        assertTrue(
            template.contains("- name: " + m.name() + "\n    type: " + m.type() + "\n"),
            check + " declares " + m + ": " + template);
      }
    }
  }

  /** The check's own lines of {@code aami check run}'s listing (" N | line"). */
  private static String published(String out) {
    StringBuilder sb = new StringBuilder();
    Matcher m = Pattern.compile("(?m)^\\s*\\d+ \\| (.*)$").matcher(out);
    while (m.find()) {
      sb.append(m.group(1)).append('\n');
    }
    return sb.toString();
  }

  @Test
  void withoutProbeOrScopeOnlyTemplatesAreWrittenWithTheirHash() throws IOException {
    Cli cli = importScripts(CORPUS.resolve("raid_status.sh").toString());
    assertEquals(0, cli.exitCode(), cli.err());
    String template = Files.readString(repo.resolve("templates/raid_status.yaml"));
    String script = Files.readString(CORPUS.resolve("raid_status.sh"));
    assertTrue(template.contains("hash: " + io.aami.digest.Sha256.hex(script) + "\n"), template);
    assertEquals(script, Files.readString(repo.resolve("templates/scripts/raid_status.sh")));
    assertFalse(Files.exists(repo.resolve("policies/scripts/raid_status-global.yaml")));
  }

  @Test
  void aScriptWithoutAShebangOrWithAnotherInterpreterIsRefused() throws IOException {
    Path perl = Files.writeString(dir.resolve("check.pl"), "#!/usr/bin/perl\nprint \"x 1\\n\";\n");
    Path bare = Files.writeString(dir.resolve("bare.sh"), "echo x 1\n");
    Cli cli = importScripts("--group", "all-nodes", perl.toString(), bare.toString());
    assertEquals(1, cli.exitCode());
    assertTrue(
        cli.err()
            .contains(perl + ":1:1: error[import/script]: cannot tell the script's" + " language"),
        cli.err());
    assertTrue(cli.err().contains("not '#!/usr/bin/perl'"), cli.err());
    assertTrue(cli.err().contains(bare + ":1:1: error[import/script]"), cli.err());
    assertTrue(cli.err().contains("nothing was written"), cli.err());
  }

  @Test
  void aBadConfigIsAUsageError() {
    Cli cli = importScripts("--config", "[1, 2]", CORPUS.resolve("raid_status.sh").toString());
    assertEquals(2, cli.exitCode(), cli.err());
    assertTrue(cli.err().contains("--config: not a JSON object"), cli.err());
  }
}
