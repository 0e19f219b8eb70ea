package io.aami.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one request head (RFC 9112 section 2 and 3) with a hard bound on its bytes and fields, so a
 * client cannot make the server buffer more than {@code maxBytes} whatever it sends. Strict where
 * leniency has caused request smuggling elsewhere: no obsolete line folding, no whitespace before
 * the colon, one consistent Content-Length, control characters refused.
 */
final class RequestHeadReader {
  private static final int MAX_FIELDS = 100;

  /**
   * uri-host [":" port]: an IP literal in brackets or a name (RFC 3986 reg-name, without commas).
   */
  private static final Pattern HOST =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~!$&'()*+;=%-]*)(:[0-9]{0,5})?");

  private final InputStream in;
  private final int maxBytes;
  private int consumed;

  RequestHeadReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /**
   * The next request head; empty when the client closed the connection before sending a byte. The
   * byte bound applies to each head: a keep-alive connection may carry any number of them.
   */
  Optional<RequestHead> read() throws IOException, BadRequest {
    consumed = 0;
    String requestLine;
    do {
      Optional<String> line = line(414);
      if (line.isEmpty()) {
        if (consumed == 0) {
          return Optional.empty();
        }
        throw new BadRequest(400, "connection closed inside the request line");
      }
      requestLine = line.get();
    } while (requestLine
        .isEmpty()); // RFC 9112 2.2: ignore at least one empty line before a request
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || !isToken(parts[0]) || !isTarget(parts[1])) {
      throw new BadRequest(400, "malformed request line");
    }
    if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
      throw new BadRequest(parts[2].matches("HTTP/\\d\\.\\d") ? 505 : 400, "unsupported protocol");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int fields = 0;
    while (true) {
      String line =
          line(431).orElseThrow(() -> new BadRequest(400, "connection closed in the head"));
      if (line.isEmpty()) {
        break;
      }
      if (++fields > MAX_FIELDS) {
        throw new BadRequest(431, "too many header fields");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        throw new BadRequest(400, "malformed header field");
      }
      String value = line.substring(colon + 1).strip();
      headers
          .computeIfAbsent(
              line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(value);
    }
    requireOneHost(parts[2], headers.getOrDefault("host", List.of()));
    return Optional.of(new RequestHead(parts[0], parts[1], parts[2], headers));
  }

  /** One line without its CRLF (a bare LF is accepted); empty at end of stream. */
  private Optional<String> line(int statusWhenTooLong) throws IOException, BadRequest {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return Optional.empty();
      }
      if (++consumed > maxBytes) {
        throw new BadRequest(statusWhenTooLong, "request head too large");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return Optional.of(line.toString());
      }
      if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7f) {
        throw new BadRequest(400, "control character in the request head");
      }
      if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
        throw new BadRequest(400, "bare carriage return in the request head");
      }
      line.append((char) b);
    }
  }

  /** The origin form only (a path starting with "/"): this server has one site and no proxying. */
  private static boolean isTarget(String target) {
    if (!target.startsWith("/")) {
      return false;
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 9112 3.2: an HTTP/1.1 request has exactly one Host field, and its value is a host with an
   * optional port; anything else is 400 (two hosts are how requests get routed past a proxy's
   * view).
   */
  private static void requireOneHost(String protocol, List<String> hosts) throws BadRequest {
    if (hosts.size() > 1) {
      throw new BadRequest(400, "more than one Host header field");
    }
    if (hosts.isEmpty() && protocol.equals("HTTP/1.1")) {
      throw new BadRequest(400, "no Host header field");
    }
    if (!hosts.isEmpty() && !HOST.matcher(hosts.get(0)).matches()) {
      throw new BadRequest(400, "malformed Host header field");
    }
  }

  private static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
