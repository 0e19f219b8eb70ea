package io.aami.live;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns {@link LiveSettings} into an {@link HttpPrometheus}: reads the secrets from their files or
 * environment variables at run time, and refuses a secret file inside the repository (it would be
 * committed). A file path is relative to the working directory.
 */
public final class Connections {
  private Connections() {}

  /**
   * Opens the client for the Prometheus the settings name, with its credentials and TLS trust.
   *
   * @param environment the process environment (a function so tests can give their own)
   * @param repositoryRoot the work tree, when the repository is one, for the inside-the-repository
   *     check
   */
  public static HttpPrometheus open(
      LiveSettings settings,
      Function<String, String> environment,
      Optional<Path> repositoryRoot,
      RequestGate gate)
      throws PrometheusException {
    String url =
        settings
            .url()
            .orElseThrow(
                () ->
                    new PrometheusException(
                        "no Prometheus URL: pass --prometheus URL or set prometheus.url in aami.yaml",
                        true));
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new PrometheusException(
          "invalid Prometheus URL '" + url + "': " + e.getMessage(), true);
    }
    if (uri.getHost() == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new PrometheusException(
          "invalid Prometheus URL '" + url + "': use http://host:port or https://host:port", true);
    }
    Map<String, String> headers = new TreeMap<>(settings.headers());
    LiveSettings.Credentials c = settings.credentials();
    Optional<String> token =
        secret(
            "bearer token", c.bearerTokenFile(), c.bearerTokenEnv(), environment, repositoryRoot);
    token.ifPresent(t -> headers.put("Authorization", "Bearer " + t));
    if (c.username().isPresent()) {
      String password =
          secret(
                  "basic_auth password",
                  c.passwordFile(),
                  c.passwordEnv(),
                  environment,
                  repositoryRoot)
              .orElse("");
      headers.put(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (c.username().get() + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    Path caFile = settings.caFile().map(Path::of).orElse(null);
    return new HttpPrometheus(
        new HttpPrometheus.Connection(uri, settings.timeout(), caFile, headers), gate);
  }

  private static Optional<String> secret(
      String what,
      Optional<String> file,
      Optional<String> variable,
      Function<String, String> environment,
      Optional<Path> repositoryRoot)
      throws PrometheusException {
    if (variable.isPresent()) {
      String value = environment.apply(variable.get());
      if (value == null || value.isBlank()) {
        throw new PrometheusException(
            "the "
                + what
                + " comes from environment variable "
                + variable.get()
                + ", which is not set",
            true);
      }
      return Optional.of(value.strip());
    }
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Path path = Path.of(file.get()).toAbsolutePath().normalize();
    if (repositoryRoot.isPresent()
        && path.startsWith(repositoryRoot.get().toAbsolutePath().normalize())) {
      throw new PrometheusException(
          "the "
              + what
              + " file "
              + file.get()
              + " is inside the repository;"
              + " secrets must never be committed: keep it outside (e.g. a CI secret written to a temporary file)",
          true);
    }
    try {
      return Optional.of(Files.readString(path, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new PrometheusException(
          "the "
              + what
              + " file "
              + file.get()
              + " cannot be read: "
              + e.getClass().getSimpleName(),
          true);
    }
  }
}
