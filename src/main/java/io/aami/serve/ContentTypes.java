package io.aami.serve;

import java.util.Locale;
import java.util.Map;

/**
 * The Content-Type for a request path: JSON for the API and extensionless files, else by extension.
 */
final class ContentTypes {
  static final String JSON = "application/json";

  /** Content-addressed scripts: their bytes never change at a path (docs/PUBLISHING.md). */
  static final String IMMUTABLE_PREFIX = "/api/v1/scripts/sha256/";

  static final String SIGNATURE = "text/plain; charset=utf-8";
  private static final String SIGNATURE_SUFFIX = ".sig";

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("json", JSON),
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("htm", "text/html; charset=utf-8"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("md", "text/markdown; charset=utf-8"),
          Map.entry("yaml", "application/yaml"),
          Map.entry("yml", "application/yaml"),
          Map.entry("prom", "text/plain; version=0.0.4; charset=utf-8"),
          Map.entry("sh", "text/plain; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("pem", "application/x-pem-file"),
          Map.entry("crt", "application/x-pem-file"));

  private ContentTypes() {}

  /**
   * {@code requestPath} is the decoded path of the request, e.g. {@code /api/v1/checks/target/a}.
   */
  static String forPath(String requestPath) {
    if (requestPath.startsWith(IMMUTABLE_PREFIX)) {
      return "text/plain; charset=utf-8";
    }
    if (requestPath.endsWith(SIGNATURE_SUFFIX)) {
      return SIGNATURE; // the signature files beside the API documents and the manifest
    }
    if (requestPath.startsWith("/api/")) {
      return JSON;
    }
    String name = requestPath.substring(requestPath.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return JSON; // the published API is extensionless
    }
    return BY_EXTENSION.getOrDefault(
        name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
  }
}
