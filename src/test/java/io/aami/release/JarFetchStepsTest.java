package io.aami.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.digest.Sha256;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import io.aami.yaml.YValues;
import io.aami.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download-and-verify steps fleet repositories' CI runs: the action's script
 * (ci/aami-action.sh) and the GitLab template's before_script, both against a jar served from a
 * file:// URL. Running the real jar through the action is .ci/run's part (it needs the packaged
 * jar).
 */
class JarFetchStepsTest {
  static final Path PROJECT = Tools.projectDir();
  static final String VERSION = "9.8.7";

  @TempDir Path tmp;
  Path release;
  String sha;

  @BeforeEach
  void publishARelease() throws Exception {
    Tools.assumeOnPath("bash", "curl", "sha256sum", "awk");
    release = Files.createDirectories(tmp.resolve("release"));
    byte[] jar =
        "PK\u0003\u0004 not a real jar, the steps never run it"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(release.resolve("aami-" + VERSION + ".jar"), jar);
    sha = Sha256.hex(jar);
    Files.writeString(
        release.resolve("SHA256SUMS"),
        "0".repeat(64) + "  aami_" + VERSION + "_all.deb\n" + sha + "  aami-" + VERSION + ".jar\n");
  }

  private Map<String, String> environment(String pinned) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", tmp.resolve("home").toString());
    env.put("AAMI_VERSION", VERSION);
    env.put("AAMI_SHA256", pinned);
    env.put("AAMI_JAR_URL", release.resolve("aami-" + VERSION + ".jar").toUri().toString());
    env.put("AAMI_CACHE_DIR", tmp.resolve("cache").toString());
    env.put("CI_PROJECT_DIR", tmp.toString());
    return env;
  }

  private ProcessResult action(String pinned) throws Exception {
    return Processes.run(
        List.of("bash", PROJECT.resolve("ci/aami-action.sh").toString()), environment(pinned), tmp);
  }

  /** The GitLab template's before_script, then a line that prints where it left the jar. */
  private ProcessResult gitlab(String pinned) throws Exception {
    Tools.assumeOnPath("git"); // else its first line would apt-get install git
    Map<?, ?> template =
        (Map<?, ?>)
            YValues.toPlain(
                YamlReader.read("t", Files.readAllBytes(PROJECT.resolve("ci/aami.gitlab-ci.yml")))
                    .documents()
                    .get(0));
    List<?> beforeScript = (List<?>) ((Map<?, ?>) template.get(".aami")).get("before_script");
    Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) template.get(".aami")).get("variables");
    assertEquals("$CI_PROJECT_DIR/.aami-cache", variables.get("AAMI_CACHE_DIR"));
    String script =
        String.join("\n", beforeScript.stream().map(String::valueOf).toList())
            + "\necho \"jar=$AAMI_JAR\"\n";
    return Processes.run(List.of("bash", "-c", script), environment(pinned), tmp);
  }

  private Path cachedJar() {
    return tmp.resolve("cache/aami-" + VERSION + ".jar");
  }

  @Test
  void theActionVerifiesCachesAndReusesThePinnedJar() throws Exception {
    ProcessResult first = action(sha);
    assertEquals(0, first.exitCode(), first::toString);
    assertTrue(
        first
            .stderr()
            .contains("downloaded aami-" + VERSION + ".jar (sha256 " + sha + " verified)"),
        first.stderr());
    assertEquals(sha, Sha256.hex(Files.readAllBytes(cachedJar())));

    Files.delete(release.resolve("aami-" + VERSION + ".jar"));
    ProcessResult second = action(sha);
    assertEquals(0, second.exitCode(), second::toString);
    assertTrue(
        second.stderr().contains("using the cached aami-" + VERSION + ".jar"), second.stderr());
  }

  @Test
  void theActionRefusesAJarWithOneChangedByteAndKeepsNothingOfIt() throws Exception {
    Path jar = release.resolve("aami-" + VERSION + ".jar");
    byte[] bytes = Files.readAllBytes(jar);
    bytes[bytes.length - 1] ^= 1;
    Files.write(jar, bytes);

    ProcessResult refused = action(sha);

    assertEquals(3, refused.exitCode(), refused::toString);
    assertTrue(
        refused.stderr().contains("not the pinned " + sha + "; refusing to run it"),
        refused.stderr());
    assertFalse(Files.exists(cachedJar()));
    try (var left = Files.list(tmp.resolve("cache"))) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void theActionReplacesACorruptedCachedJar() throws Exception {
    Files.createDirectories(cachedJar().getParent());
    Files.writeString(cachedJar(), "truncated");
    ProcessResult run = action(sha);
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(sha, Sha256.hex(Files.readAllBytes(cachedJar())));
  }

  @Test
  void withoutAPinTheActionTakesTheReleaseChecksumAndWarns() throws Exception {
    ProcessResult run = action("");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.stderr().contains("warning: no sha256 pinned; trusting"), run.stderr());
    Files.writeString(
        release.resolve("SHA256SUMS"), "1".repeat(64) + "  aami-" + VERSION + ".jar\n");
    Files.delete(cachedJar());
    assertEquals(3, action("").exitCode());
  }

  @Test
  void theActionRejectsBadSettingsBeforeDownloading() throws Exception {
    ProcessResult badSha = action("ABC");
    assertEquals(2, badSha.exitCode(), badSha::toString);
    assertTrue(badSha.stderr().contains("is not 64 lowercase hex digits"), badSha.stderr());
    Map<String, String> env = environment(sha);
    env.put("AAMI_VERSION", "latest");
    ProcessResult badVersion =
        Processes.run(List.of("bash", PROJECT.resolve("ci/aami-action.sh").toString()), env, tmp);
    assertEquals(2, badVersion.exitCode(), badVersion::toString);
    assertTrue(
        badVersion.stderr().contains("version 'latest' is not a release version"),
        badVersion.stderr());
  }

  @Test
  void theGitlabTemplateVerifiesTheJarAndLeavesItsPath() throws Exception {
    ProcessResult run = gitlab(sha);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.stdout().contains("jar=" + cachedJar() + "\n"), run.stdout());
    assertEquals(sha, Sha256.hex(Files.readAllBytes(cachedJar())));
    // A second job finds it in the cache even when the server is gone.
    Files.delete(release.resolve("aami-" + VERSION + ".jar"));
    assertEquals(0, gitlab(sha).exitCode());
  }

  @Test
  void theGitlabTemplateRefusesAJarWithOneChangedByte() throws Exception {
    Path jar = release.resolve("aami-" + VERSION + ".jar");
    byte[] bytes = Files.readAllBytes(jar);
    bytes[0] ^= 1;
    Files.write(jar, bytes);

    ProcessResult refused = gitlab(sha);

    assertEquals(3, refused.exitCode(), refused::toString);
    assertTrue(
        refused.stderr().contains("not the pinned '" + sha + "'; refusing to run it"),
        refused.stderr());
    assertFalse(Files.exists(cachedJar()));
  }

  @Test
  void theActionPassesEveryInputToTheScriptThroughTheEnvironment() throws Exception {
    Map<?, ?> action =
        (Map<?, ?>)
            YValues.toPlain(
                YamlReader.read("action.yml", Files.readAllBytes(PROJECT.resolve("action.yml")))
                    .documents()
                    .get(0));
    Map<?, ?> runs = (Map<?, ?>) action.get("runs");
    assertEquals("composite", runs.get("using"));
    Map<?, ?> step = (Map<?, ?>) ((List<?>) runs.get("steps")).get(2);
    assertEquals("\"$GITHUB_ACTION_PATH/ci/aami-action.sh\"", step.get("run"));
    Map<?, ?> env = (Map<?, ?>) step.get("env");
    String script = Files.readString(PROJECT.resolve("ci/aami-action.sh"));
    for (Object input : ((Map<?, ?>) action.get("inputs")).keySet()) {
      if (input.equals("setup-java")) {
        continue;
      }
      String variable =
          "AAMI_" + input.toString().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
      assertEquals("${{ inputs." + input + " }}", env.get(variable), variable);
      assertTrue(script.contains("${" + variable), variable + " is not read by the script");
    }
  }
}
