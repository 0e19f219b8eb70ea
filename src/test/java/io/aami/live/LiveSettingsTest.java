package io.aami.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Diagnostic;
import io.aami.load.LoadResult;
import io.aami.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code prometheus:} section of aami.yaml: values, located errors, and secrets kept out of the
 * repository.
 */
class LiveSettingsTest {
  @TempDir Path dir;

  /** The loader's problems with aami.yaml (its schema), then those of the section's binding. */
  private final List<Diagnostic> problems = new ArrayList<>();

  private LiveSettings.Parsed parse(String yaml) {
    LoadResult loaded =
        new TestRepo(dir)
            .file("aami.yaml", yaml)
            .file("inventory/g.yaml", TestRepo.group("web", 0))
            .loadResult();
    LiveSettings.Parsed parsed = LiveSettings.parse(loaded.repository().settings());
    problems.addAll(loaded.diagnostics());
    problems.addAll(parsed.diagnostics());
    return parsed;
  }

  private String errors() {
    return String.join(
        "\n",
        problems.stream()
            .map(d -> d.line() + ":" + d.column() + " " + d.code() + " " + d.message())
            .toList());
  }

  @Test
  void readsEverySetting() {
    LiveSettings.Parsed parsed =
        parse(
            """
        prometheus:
          url: https://prometheus.example.internal:9090
          timeout: 5s
          budget: 2m
          concurrency: 8
          lookback: 3d
          ca_file: /etc/ssl/ca.pem
          basic_auth: {username: ci, password_file: /run/secrets/prometheus}
          headers: {X-Scope-OrgID: fleet}
        """);
    assertEquals(List.of(), problems);
    LiveSettings s = parsed.settings();
    assertEquals(Optional.of("https://prometheus.example.internal:9090"), s.url());
    assertEquals(Duration.ofSeconds(5), s.timeout());
    assertEquals(Duration.ofMinutes(2), s.budget());
    assertEquals(8, s.concurrency());
    assertEquals(Duration.ofDays(3), s.lookback());
    assertEquals(Optional.of("ci"), s.credentials().username());
    assertEquals(Map.of("X-Scope-OrgID", "fleet"), s.headers());
  }

  @Test
  void defaultsWithoutTheSection() {
    assertEquals(
        LiveSettings.DEFAULT, parse("prometheus_rule: {namespace: monitoring}\n").settings());
    assertEquals(4, LiveSettings.DEFAULT.concurrency());
    assertEquals(Duration.ofDays(7), LiveSettings.DEFAULT.lookback());
  }

  @Test
  void aSecretWrittenInTheRepositoryIsAnErrorAtItsKey() {
    LiveSettings.Parsed parsed =
        parse(
            """
        prometheus:
          url: http://prometheus:9090
          bearer_token: abc
          basic_auth: {username: ci, password: hunter2}
          headers: {Authorization: Bearer abc}
        """);
    String errors = errors();
    assertTrue(
        errors.contains(
            "3:3 settings 'bearer_token' would put a secret in the repository; name a file"
                + " or an environment variable instead (bearer_token_file or bearer_token_env)"),
        errors);
    assertTrue(
        errors.contains("4:30 settings 'password' would put a secret in the repository"), errors);
    assertTrue(
        errors.contains(
            "4:15 settings basic_auth needs exactly one of password_file and password_env"),
        errors);
    assertTrue(
        errors.contains(
            "5:13 settings header 'Authorization' would put a secret in the repository"),
        errors);
    assertTrue(problems.stream().allMatch(Diagnostic::isError));
    assertEquals(Optional.of("http://prometheus:9090"), parsed.settings().url());
    assertEquals(LiveSettings.Credentials.NONE, parsed.settings().credentials());
    assertEquals(Map.of(), parsed.settings().headers());
  }

  @Test
  void badValuesAreLocatedErrors() {
    parse(
        """
        prometheus:
          url: prometheus:9090
          timeout: soon
          concurrency: 0
          lookbak: 7d
          budget: 0s
        """);
    String errors = errors();
    assertEquals(
        List.of(
            "2:8 settings invalid value 'prometheus:9090': must start with http:// or https://",
            "3:12 settings invalid value 'soon': must be a Prometheus duration such as 30s, 5m or"
                + " 1h30m (units y, w, d, h, m, s, ms, largest first)",
            "4:16 settings 'prometheus.concurrency' must be at least 1",
            "5:3 settings unknown field 'lookbak'; did you mean 'lookback'?",
            "6:11 settings 'prometheus.budget' must be a positive duration of at most 292 years,"
                + " such as 60s or 5m"),
        errors.lines().toList());
  }

  @Test
  void credentialsThatExcludeEachOtherAreErrorsAtTheirKeys() {
    LiveSettings.Parsed parsed =
        parse(
            """
        prometheus:
          bearer_token_file: /run/secrets/token
          bearer_token_env: TOKEN
          basic_auth: {username: ci, password_env: PASSWORD}
        """);
    String errors = errors();
    assertTrue(
        errors.contains(
            "3:3 settings 'bearer_token_env' cannot be combined with 'bearer_token_file'; choose"
                + " one"),
        errors);
    assertTrue(
        errors.contains(
            "2:3 settings 'bearer_token_file' cannot be combined with 'basic_auth'; choose one"),
        errors);
    assertEquals(Optional.empty(), parsed.settings().credentials().bearerTokenFile());
    assertEquals(Optional.empty(), parsed.settings().credentials().bearerTokenEnv());
    assertEquals(Optional.of("ci"), parsed.settings().credentials().username());
  }

  @Test
  void secretsAreReadFromFilesOutsideTheRepositoryOrTheEnvironment() throws Exception {
    Path outside = Files.createTempFile("aami-token", ".txt");
    try {
      Files.writeString(outside, "s3cret\n");
      LiveSettings withFile =
          parse("prometheus:\n  url: http://127.0.0.1:9\n  bearer_token_file: " + outside + "\n")
              .settings();
      Connections.open(
          withFile, name -> null, Optional.of(dir), new RequestGate(1, Duration.ofSeconds(1)));

      Path inside = Files.writeString(dir.resolve("token.txt"), "s3cret");
      LiveSettings withInside =
          parse("prometheus:\n  url: http://127.0.0.1:9\n  bearer_token_file: " + inside + "\n")
              .settings();
      PrometheusException e =
          assertThrows(
              PrometheusException.class,
              () ->
                  Connections.open(
                      withInside,
                      name -> null,
                      Optional.of(dir),
                      new RequestGate(1, Duration.ofSeconds(1))));
      assertTrue(e.getMessage().contains("is inside the repository"), e.getMessage());

      LiveSettings withEnv =
          parse("prometheus:\n  url: http://127.0.0.1:9\n  bearer_token_env: PROM_TOKEN\n")
              .settings();
      PrometheusException unset =
          assertThrows(
              PrometheusException.class,
              () ->
                  Connections.open(
                      withEnv,
                      name -> null,
                      Optional.of(dir),
                      new RequestGate(1, Duration.ofSeconds(1))));
      assertTrue(
          unset.getMessage().contains("environment variable PROM_TOKEN, which is not set"),
          unset.getMessage());
      Connections.open(
          withEnv,
          Map.of("PROM_TOKEN", "t")::get,
          Optional.of(dir),
          new RequestGate(1, Duration.ofSeconds(1)));
    } finally {
      Files.deleteIfExists(outside);
    }
  }
}
