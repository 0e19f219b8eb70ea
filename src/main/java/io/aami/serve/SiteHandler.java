package io.aami.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Serves the files of one site directory: GET and HEAD, ETag revalidation, JSON errors. */
final class SiteHandler implements HttpHandler {
  /** Files are read whole (one read gives body and ETag consistently); a rendered site's are small. */
  static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private static final byte[] NOT_FOUND = json("{\"status\":404,\"error\":\"not found\"}");
  private static final byte[] NOT_ALLOWED =
      json("{\"status\":405,\"error\":\"method not allowed\",\"allow\":[\"GET\",\"HEAD\"]}");
  private static final byte[] TOO_LARGE = json(
      "{\"status\":500,\"error\":\"file too large for aami serve; publish with nginx or object storage\"}");
  private static final byte[] INTERNAL = json("{\"status\":500,\"error\":\"internal error\"}");

  private final SitePaths paths;
  private final AccessLog accessLog;

  SiteHandler(SitePaths paths, AccessLog accessLog) {
    this.paths = paths;
    this.accessLog = accessLog;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Instant start = Instant.now();
    long startNanos = System.nanoTime();
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    int status = 500;
    long bytes = 0;
    try {
      Response response;
      try {
        response = respond(exchange, method, rawPath);
      } catch (IOException | RuntimeException e) {
        response = new Response(500, ContentTypes.JSON, null, INTERNAL);
      }
      status = response.status();
      bytes = send(exchange, response, "HEAD".equals(method));
    } catch (IOException e) {
      // The client went away mid-response; nothing more can be sent.
    } finally {
      // Logged before the close that completes the response, so a client that has its answer can
      // already find the line.
      accessLog.record(remoteAddress(exchange), start, method, exchange.getRequestURI().getRawPath(),
          exchange.getProtocol(), status, bytes, (System.nanoTime() - startNanos) / 1_000_000);
      exchange.close();
    }
  }

  private record Response(int status, String contentType, String etag, byte[] body) {}

  private Response respond(HttpExchange exchange, String method, String rawPath) throws IOException {
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      return new Response(405, ContentTypes.JSON, null, NOT_ALLOWED);
    }
    Optional<Path> file = paths.resolve(rawPath);
    if (file.isEmpty()) {
      return new Response(404, ContentTypes.JSON, null, NOT_FOUND);
    }
    byte[] content;
    try {
      if (Files.size(file.get()) > MAX_FILE_BYTES) {
        return new Response(500, ContentTypes.JSON, null, TOO_LARGE);
      }
      content = Files.readAllBytes(file.get());
    } catch (FileSystemException e) {
      return new Response(404, ContentTypes.JSON, null, NOT_FOUND);
    }
    if (SitePaths.percentDecode(rawPath).orElse(rawPath).startsWith(ContentTypes.IMMUTABLE_PREFIX)) {
      exchange.getResponseHeaders().set("Cache-Control", "public, max-age=31536000, immutable");
    }
    String etag = EntityTags.strongTag(content);
    if (EntityTags.anyMatches(exchange.getRequestHeaders().get("If-None-Match"), etag)) {
      return new Response(304, null, etag, new byte[0]);
    }
    return new Response(200, contentType(rawPath, file.get()), etag, content);
  }

  /**
   * By the request path, so that the extensionless API files are JSON even where a hostname has an
   * "extension"; by the file served when a directory path was answered with its index.
   */
  private static String contentType(String rawPath, Path served) {
    String requestPath = SitePaths.percentDecode(rawPath).orElse(rawPath);
    boolean directoryIndex = served.getFileName().toString().equals(SitePaths.INDEX_FILE)
        && !requestPath.endsWith("/" + SitePaths.INDEX_FILE);
    return ContentTypes.forPath(directoryIndex ? "/" + SitePaths.INDEX_FILE : requestPath);
  }

  /** Sends the response and returns the number of body bytes written. */
  private static long send(HttpExchange exchange, Response response, boolean head) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    if (!headers.containsKey("Cache-Control")) {
      headers.set("Cache-Control", "no-cache");
    }
    headers.set("X-Content-Type-Options", "nosniff");
    if (response.etag() != null) {
      headers.set("ETag", response.etag());
    }
    if (response.status() == 304) {
      exchange.sendResponseHeaders(304, -1);
      return 0;
    }
    headers.set("Content-Type", response.contentType());
    byte[] body = response.body();
    if (head || body.length == 0) {
      // The JDK sends no body for -1; HEAD still announces the length a GET would have.
      headers.set("Content-Length", Long.toString(body.length));
      exchange.sendResponseHeaders(response.status(), -1);
      return 0;
    }
    exchange.sendResponseHeaders(response.status(), body.length);
    exchange.getResponseBody().write(body);
    return body.length;
  }

  private static String remoteAddress(HttpExchange exchange) {
    return exchange.getRemoteAddress() == null || exchange.getRemoteAddress().getAddress() == null
        ? "-"
        : exchange.getRemoteAddress().getAddress().getHostAddress();
  }

  private static byte[] json(String text) {
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
