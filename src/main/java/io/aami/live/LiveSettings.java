package io.aami.live;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Settings;
import io.aami.model.SettingsSection;
import io.aami.yaml.YMap;
import io.aami.yaml.YScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code prometheus:} section of {@code aami.yaml}: where the live checks read from and how.
 * Credentials are never values in the repository: only the names of files or environment variables
 * that hold them ({@link Credentials}); a secret written inline is an error.
 *
 * @param url empty when only the command line will name the server
 * @param timeout per request
 * @param budget for the whole run's requests
 * @param lookback how far back a selector's series count as existing
 */
public record LiveSettings(
    Optional<String> url,
    Duration timeout,
    Duration budget,
    int concurrency,
    Duration lookback,
    Optional<String> caFile,
    Credentials credentials,
    Map<String, String> headers) {

  public static final String SECTION = "prometheus";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(7);
  public static final LiveSettings DEFAULT =
      new LiveSettings(
          Optional.empty(),
          DEFAULT_TIMEOUT,
          DEFAULT_BUDGET,
          DEFAULT_CONCURRENCY,
          DEFAULT_LOOKBACK,
          Optional.empty(),
          Credentials.NONE,
          Map.of());

  /** Where the secrets come from: file paths and environment variable names, never the secrets. */
  public record Credentials(
      Optional<String> bearerTokenFile,
      Optional<String> bearerTokenEnv,
      Optional<String> username,
      Optional<String> passwordFile,
      Optional<String> passwordEnv) {
    public static final Credentials NONE =
        new Credentials(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
  }

  public LiveSettings {
    headers = new TreeMap<>(headers);
  }

  public LiveSettings withUrl(String newUrl) {
    return new LiveSettings(
        Optional.of(newUrl), timeout, budget, concurrency, lookback, caFile, credentials, headers);
  }

  public record Parsed(LiveSettings settings, List<Diagnostic> diagnostics) {
    public Parsed {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * The settings as the schema let them through; what it cannot check is a diagnostic: a zero
   * duration, and a header that would carry a secret.
   */
  public static Parsed parse(Settings settings) {
    Optional<SettingsSection> found = settings.section(SECTION);
    if (found.isEmpty()) {
      return new Parsed(DEFAULT, List.of());
    }
    SettingsSection section = found.get();
    List<Diagnostic> problems = new ArrayList<>();
    Optional<SettingsSection> basicAuth = section.section("basic_auth");
    return new Parsed(
        new LiveSettings(
            section.string("url"),
            section.duration("timeout", true, problems).orElse(DEFAULT_TIMEOUT),
            section.duration("budget", true, problems).orElse(DEFAULT_BUDGET),
            section.integer("concurrency").map(Long::intValue).orElse(DEFAULT_CONCURRENCY),
            section.duration("lookback", true, problems).orElse(DEFAULT_LOOKBACK),
            section.string("ca_file"),
            new Credentials(
                section.string("bearer_token_file"),
                section.string("bearer_token_env"),
                basicAuth.flatMap(auth -> auth.string("username")),
                basicAuth.flatMap(auth -> auth.string("password_file")),
                basicAuth.flatMap(auth -> auth.string("password_env"))),
            headers(section, problems)),
        problems);
  }

  private static Map<String, String> headers(SettingsSection section, List<Diagnostic> problems) {
    Map<String, String> headers = new TreeMap<>();
    for (YMap.Entry e : section.section("headers").map(h -> h.map().entries()).orElse(List.of())) {
      String name = e.name();
      if (name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("cookie")) {
        problems.add(
            Diagnostic.error(
                e.key().location(),
                Code.SETTINGS,
                "header '"
                    + name
                    + "' would put a secret in the repository; use bearer_token_file,"
                    + " bearer_token_env or basic_auth with password_file or password_env"));
      } else {
        headers.put(name, ((YScalar) e.value()).text());
      }
    }
    return headers;
  }
}
