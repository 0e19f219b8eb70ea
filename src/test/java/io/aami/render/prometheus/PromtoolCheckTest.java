package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.alert.AlertChecks;
import io.aami.alert.AlertTestRepos;
import io.aami.model.Repository;
import io.aami.testsupport.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every rendered rule file, and the groups of every rendered PrometheusRule, pass the real {@code
 * promtool check rules --lint-fatal}. Skipped where promtool is not installed.
 */
class PromtoolCheckTest {
  @TempDir Path out;

  static Stream<Path> cases() throws IOException {
    return AlertRepos.goldenCases().stream();
  }

  static Path requirePromtool() {
    Optional<Path> promtool = Tools.onPath("promtool");
    Assumptions.assumeTrue(
        promtool.isPresent(),
        "promtool is not on the PATH; install it (Debian: apt-get install prometheus) to check rendered rules");
    return promtool.get();
  }

  /** Exit code and combined output of promtool check rules. */
  record Check(int exitCode, String output) {}

  static Check checkRules(Path promtool, List<Path> files)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(promtool.toString(), "check", "rules", "--lint-fatal"));
    files.forEach(f -> command.add(f.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
    return new Check(process.exitValue(), output);
  }

  private List<Path> write(Map<String, String> files, String prefix) throws IOException {
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      if (f.getKey().startsWith(prefix)) {
        Path path = out.resolve(f.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, f.getValue(), StandardCharsets.UTF_8);
        written.add(path);
      }
    }
    return written;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void renderedRuleFilesPassPromtool(Path dir) throws Exception {
    Path promtool = requirePromtool();
    Map<String, String> rendered = AlertRepos.renderAll(AlertRepos.load(dir.resolve("input")));
    List<Path> ruleFiles = write(rendered, PrometheusRuleFileRenderer.DIRECTORY);
    assertTrue(!ruleFiles.isEmpty(), "the case renders rule files");
    Check check = checkRules(promtool, ruleFiles);
    assertEquals(0, check.exitCode(), check.output());
    assertEquals(ruleFiles.size(), check.output().split("SUCCESS", -1).length - 1, check.output());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void prometheusRuleSpecGroupsPassPromtool(Path dir) throws Exception {
    Path promtool = requirePromtool();
    Map<String, String> rendered = AlertRepos.renderAll(AlertRepos.load(dir.resolve("input")));
    Map<String, String> specs = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : rendered.entrySet()) {
      if (f.getKey().startsWith(PrometheusRuleCrdRenderer.DIRECTORY)) {
        Map<String, Object> crd = new Yaml().load(f.getValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
        specs.put("spec/" + f.getKey(), new Yaml().dump(Map.of("groups", spec.get("groups"))));
      }
    }
    List<Path> files = write(specs, "spec/");
    assertTrue(!files.isEmpty());
    Check check = checkRules(promtool, files);
    assertEquals(0, check.exitCode(), check.output());
  }

  @Test
  void promtoolFailsWhereAamiWarnsOfDuplicateAlerts(@TempDir Path repoDir) throws Exception {
    Path promtool = requirePromtool();
    Repository repo =
        AlertTestRepos.withAlerts(
            repoDir,
            AlertTestRepos.directRule("a", "db", "X", "critical", "up == 0", null)
                + "---\n"
                + AlertTestRepos.directRule("b", "db", "X", "critical", "up == 1", null));
    assertEquals(
        List.of("alert/duplicate"), AlertChecks.check(repo).stream().map(d -> d.code()).toList());
    Check check =
        checkRules(
            promtool, write(AlertRepos.renderAll(repo), PrometheusRuleFileRenderer.DIRECTORY));
    assertNotEquals(0, check.exitCode(), "this test can fail: promtool rejects duplicates");
    assertTrue(check.output().contains("duplicate rule"), check.output());
  }
}
