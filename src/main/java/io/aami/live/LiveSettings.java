package io.aami.live;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Suggestions;
import io.aami.model.PromDuration;
import io.aami.model.Settings;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  static final int MAX_CONCURRENCY = 64;

  private static final Set<String> FIELDS =
      Set.of(
          "url",
          "timeout",
          "budget",
          "concurrency",
          "lookback",
          "ca_file",
          "bearer_token_file",
          "bearer_token_env",
          "basic_auth",
          "headers");
  private static final Set<String> BASIC_AUTH_FIELDS =
      Set.of("username", "password_file", "password_env");

  /** Keys people write when they mean to paste a secret. */
  private static final Set<String> INLINE_SECRETS =
      Set.of("bearer_token", "token", "password", "authorization");

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

  public static Parsed parse(Settings settings) {
    Optional<YNode> section =
        settings
            .document()
            .flatMap(d -> d.get(SECTION))
            .filter(node -> !(node instanceof YScalar s && s.type() == YScalar.ScalarType.NULL));
    if (section.isEmpty()) {
      return new Parsed(DEFAULT, List.of());
    }
    List<Diagnostic> problems = new ArrayList<>();
    if (!(section.get() instanceof YMap map)) {
      problems.add(
          error(section.get(), SECTION + " must be a mapping, not " + section.get().typeName()));
      return new Parsed(DEFAULT, problems);
    }
    Fields fields = new Fields(map, SECTION, problems);
    fields.refuseUnknown(FIELDS);
    Optional<String> url =
        fields
            .string("url")
            .filter(
                u -> {
                  if (u.startsWith("http://") || u.startsWith("https://")) {
                    return true;
                  }
                  problems.add(
                      error(
                          map.get("url").orElseThrow(),
                          SECTION + ".url must start with http:// or https://"));
                  return false;
                });
    Duration timeout = fields.duration("timeout").orElse(DEFAULT_TIMEOUT);
    Duration budget = fields.duration("budget").orElse(DEFAULT_BUDGET);
    Duration lookback = fields.duration("lookback").orElse(DEFAULT_LOOKBACK);
    int concurrency = fields.integer("concurrency", 1, MAX_CONCURRENCY).orElse(DEFAULT_CONCURRENCY);
    Optional<String> caFile = fields.string("ca_file");
    Optional<String> tokenFile = fields.string("bearer_token_file");
    Optional<String> tokenEnv = fields.string("bearer_token_env");
    Optional<String> username = Optional.empty();
    Optional<String> passwordFile = Optional.empty();
    Optional<String> passwordEnv = Optional.empty();
    Optional<YNode> basic = map.get("basic_auth");
    if (basic.isPresent()) {
      if (basic.get() instanceof YMap auth) {
        Fields authFields = new Fields(auth, SECTION + ".basic_auth", problems);
        authFields.refuseUnknown(BASIC_AUTH_FIELDS);
        username = authFields.string("username");
        passwordFile = authFields.string("password_file");
        passwordEnv = authFields.string("password_env");
        if (username.isEmpty()) {
          problems.add(error(auth, SECTION + ".basic_auth needs a username"));
        }
        if (passwordFile.isPresent() == passwordEnv.isPresent()) {
          problems.add(
              error(
                  auth,
                  SECTION + ".basic_auth needs exactly one of password_file and password_env"));
        }
      } else {
        problems.add(
            error(
                basic.get(),
                SECTION + ".basic_auth must be a mapping, not " + basic.get().typeName()));
      }
    }
    if ((tokenFile.isPresent() || tokenEnv.isPresent()) && username.isPresent()) {
      problems.add(error(map, SECTION + " has both a bearer token and basic_auth; choose one"));
    }
    if (tokenFile.isPresent() && tokenEnv.isPresent()) {
      problems.add(
          error(map, SECTION + " has both bearer_token_file and bearer_token_env; choose one"));
    }
    Map<String, String> headers = headers(map, problems);
    return new Parsed(
        new LiveSettings(
            url,
            timeout,
            budget,
            concurrency,
            lookback,
            caFile,
            new Credentials(tokenFile, tokenEnv, username, passwordFile, passwordEnv),
            headers),
        problems);
  }

  private static Map<String, String> headers(YMap map, List<Diagnostic> problems) {
    Map<String, String> headers = new TreeMap<>();
    Optional<YNode> node = map.get("headers");
    if (node.isEmpty()) {
      return headers;
    }
    if (!(node.get() instanceof YMap entries)) {
      problems.add(
          error(node.get(), SECTION + ".headers must be a mapping, not " + node.get().typeName()));
      return headers;
    }
    for (YMap.Entry e : entries.entries()) {
      String name = e.name();
      if (name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("cookie")) {
        problems.add(
            error(
                e.key(),
                "header '"
                    + name
                    + "' would put a secret in the repository; use"
                    + " bearer_token_file, bearer_token_env or basic_auth with password_file or password_env"));
      } else if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        problems.add(error(e.key(), "'" + name + "' is not an HTTP header name"));
      } else if (e.value() instanceof YScalar s && s.isString()) {
        headers.put(name, s.text());
      } else {
        problems.add(
            error(
                e.value(),
                SECTION + ".headers." + name + " must be a string, not " + e.value().typeName()));
      }
    }
    return headers;
  }

  /** Reads the typed fields of one mapping, reporting each bad one at its value. */
  private record Fields(YMap map, String where, List<Diagnostic> problems) {
    void refuseUnknown(Set<String> known) {
      for (YMap.Entry e : map.entries()) {
        if (INLINE_SECRETS.contains(e.name().toLowerCase(Locale.ROOT))) {
          problems.add(
              error(
                  e.key(),
                  "'"
                      + e.name()
                      + "' would put a secret in the repository;"
                      + " name a file or an environment variable instead ("
                      + (where.endsWith("basic_auth")
                          ? "password_file or password_env"
                          : "bearer_token_file or bearer_token_env")
                      + ")"));
        } else if (!known.contains(e.name())) {
          problems.add(
              error(
                  e.key(),
                  "unknown field '"
                      + e.name()
                      + "' in "
                      + where
                      + "; known: "
                      + String.join(", ", new java.util.TreeSet<>(known))
                      + Suggestions.didYouMean(e.name(), known)));
        }
      }
    }

    Optional<String> string(String key) {
      Optional<YNode> node = map.get(key);
      if (node.isEmpty()) {
        return Optional.empty();
      }
      if (node.get() instanceof YScalar s && s.isString() && !s.text().isBlank()) {
        return Optional.of(s.text());
      }
      problems.add(
          error(
              node.get(),
              where + "." + key + " must be a non-empty string, not " + node.get().typeName()));
      return Optional.empty();
    }

    Optional<Duration> duration(String key) {
      Optional<YNode> node = map.get(key);
      if (node.isEmpty()) {
        return Optional.empty();
      }
      Optional<Duration> value =
          node.get() instanceof YScalar s && s.isString()
              ? PromDuration.parse(s.text())
                  .map(PromDuration::value)
                  .filter(d -> !d.isZero() && !d.isNegative())
              : Optional.empty();
      if (value.isEmpty()) {
        problems.add(
            error(
                node.get(), where + "." + key + " must be a positive duration such as 10s or 7d"));
      }
      return value;
    }

    Optional<Integer> integer(String key, int min, int max) {
      Optional<YNode> node = map.get(key);
      if (node.isEmpty()) {
        return Optional.empty();
      }
      if (node.get() instanceof YScalar s
          && s.type() == YScalar.ScalarType.INTEGER
          && s.value() instanceof Long n
          && n >= min
          && n <= max) {
        return Optional.of(n.intValue());
      }
      problems.add(
          error(node.get(), where + "." + key + " must be an integer from " + min + " to " + max));
      return Optional.empty();
    }
  }

  private static Diagnostic error(YNode at, String message) {
    return Diagnostic.error(at.location(), Code.SETTINGS, message);
  }
}
