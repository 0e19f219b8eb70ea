package io.aami.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Optional;

/** Serves the files of one site directory: GET and HEAD, ETag revalidation, JSON errors. */
final class SiteHandler {
  /**
   * Files are read whole (one read gives body and ETag consistently); a rendered site's are small.
   */
  static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private static final byte[] NOT_FOUND = json("{\"status\":404,\"error\":\"not found\"}");
  private static final byte[] NOT_ALLOWED =
      json("{\"status\":405,\"error\":\"method not allowed\",\"allow\":[\"GET\",\"HEAD\"]}");
  private static final byte[] TOO_LARGE =
      json(
          "{\"status\":500,\"error\":\"file too large for aami serve; publish with nginx or object storage\"}");
  private static final byte[] INTERNAL = json("{\"status\":500,\"error\":\"internal error\"}");

  private final SitePaths paths;

  SiteHandler(SitePaths paths) {
    this.paths = paths;
  }

  /** The reply to {@code head}, never an exception: a failure inside is a JSON 500. */
  Reply handle(RequestHead head) {
    Reply reply;
    try {
      reply = respond(head);
    } catch (IOException | RuntimeException e) {
      reply = Reply.of(500, ContentTypes.JSON, INTERNAL);
    }
    reply =
        reply
            .withHeader("Cache-Control", cacheControl(head.rawPath(), reply.status()))
            .withHeader("X-Content-Type-Options", "nosniff");
    return "HEAD".equals(head.method()) ? reply.withoutBody() : reply;
  }

  /**
   * Content-addressed scripts never change at their path (docs/PUBLISHING.md); the rest is
   * revalidated.
   */
  private static String cacheControl(String rawPath, int status) {
    boolean found = status == 200 || status == 304;
    return found
            && SitePaths.percentDecode(rawPath)
                .orElse(rawPath)
                .startsWith(ContentTypes.IMMUTABLE_PREFIX)
        ? "public, max-age=31536000, immutable"
        : "no-cache";
  }

  /** The JSON reply for a request refused before it reached a file. */
  static Reply error(int status, String reason) {
    String text = "{\"status\":" + status + ",\"error\":\"" + reason.replace("\"", "'") + "\"}";
    return Reply.of(status, ContentTypes.JSON, json(text))
        .withHeader("X-Content-Type-Options", "nosniff");
  }

  private Reply respond(RequestHead head) throws IOException {
    String method = head.method();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return Reply.of(405, ContentTypes.JSON, NOT_ALLOWED).withHeader("Allow", "GET, HEAD");
    }
    String rawPath = head.rawPath();
    if (hasMalformedEscape(rawPath)) {
      return error(400, "malformed percent-encoding");
    }
    Optional<Path> file = paths.resolve(rawPath);
    if (file.isEmpty()) {
      return Reply.of(404, ContentTypes.JSON, NOT_FOUND);
    }
    byte[] content;
    try {
      if (Files.size(file.get()) > MAX_FILE_BYTES) {
        return Reply.of(500, ContentTypes.JSON, TOO_LARGE);
      }
      content = Files.readAllBytes(file.get());
    } catch (FileSystemException e) {
      return Reply.of(404, ContentTypes.JSON, NOT_FOUND);
    }
    String etag = EntityTags.strongTag(content);
    if (EntityTags.anyMatches(head.header("If-None-Match"), etag)) {
      return new Reply(304, new LinkedHashMap<>(), new byte[0], -1).withHeader("ETag", etag);
    }
    return Reply.of(200, contentType(rawPath, file.get()), content).withHeader("ETag", etag);
  }

  /** A "%" not followed by two hex digits; invalid UTF-8 in valid escapes is merely not found. */
  private static boolean hasMalformedEscape(String rawPath) {
    for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
      if (i + 2 >= rawPath.length()
          || Character.digit(rawPath.charAt(i + 1), 16) < 0
          || Character.digit(rawPath.charAt(i + 2), 16) < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * By the request path, so that the extensionless API files are JSON even where a hostname has an
   * "extension"; by the file served when a directory path was answered with its index.
   */
  private static String contentType(String rawPath, Path served) {
    String requestPath = SitePaths.percentDecode(rawPath).orElse(rawPath);
    boolean directoryIndex =
        served.getFileName().toString().equals(SitePaths.INDEX_FILE)
            && !requestPath.endsWith("/" + SitePaths.INDEX_FILE);
    return ContentTypes.forPath(directoryIndex ? "/" + SitePaths.INDEX_FILE : requestPath);
  }

  private static byte[] json(String text) {
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
