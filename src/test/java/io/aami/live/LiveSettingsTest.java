package io.aami.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Diagnostic;
import io.aami.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  private LiveSettings.Parsed parse(String yaml) {
    return LiveSettings.parse(
        new TestRepo(dir)
            .file("aami.yaml", yaml)
            .file("inventory/g.yaml", TestRepo.group("web", 0))
            .load()
            .settings());
  }

  private static String errors(LiveSettings.Parsed parsed) {
    return String.join(
        "\n",
        parsed.diagnostics().stream()
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
    assertEquals(List.of(), parsed.diagnostics());
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
    String errors = errors(parsed);
    assertTrue(
        errors.contains(
            "3:3 settings 'bearer_token' would put a secret in the repository; name a file"
                + " or an environment variable instead (bearer_token_file or bearer_token_env)"),
        errors);
    assertTrue(
        errors.contains("4:30 settings 'password' would put a secret in the repository"), errors);
    assertTrue(
        errors.contains(
            "5:13 settings header 'Authorization' would put a secret in the repository"),
        errors);
    assertTrue(parsed.diagnostics().stream().allMatch(Diagnostic::isError));
  }

  @Test
  void badValuesAreLocatedErrors() {
    String errors =
        errors(
            parse(
                """
        prometheus:
          url: prometheus:9090
          timeout: soon
          concurrency: 0
          lookbak: 7d
        """));
    assertTrue(
        errors.contains("2:8 settings prometheus.url must start with http:// or https://"), errors);
    assertTrue(
        errors.contains("3:12 settings prometheus.timeout must be a positive duration"), errors);
    assertTrue(
        errors.contains("4:16 settings prometheus.concurrency must be an integer from 1 to 64"),
        errors);
    assertTrue(errors.contains("5:3 settings unknown field 'lookbak' in prometheus"), errors);
    assertTrue(errors.contains("did you mean 'lookback'?"), errors);
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
