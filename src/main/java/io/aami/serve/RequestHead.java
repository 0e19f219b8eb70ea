package io.aami.serve;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request line and header fields of one HTTP/1.x request, as sent. Header names are
 * lower-cased; values keep their order.
 */
record RequestHead(
    String method, String target, String protocol, Map<String, List<String>> headers) {

  /** The target without its query, still percent-encoded. */
  String rawPath() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  List<String> header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** HTTP/1.1 keeps the connection open unless the client asks otherwise; HTTP/1.0 does not. */
  boolean wantsKeepAlive() {
    if (!"HTTP/1.1".equals(protocol)) {
      return false;
    }
    for (String value : header("Connection")) {
      for (String token : value.split(",", -1)) {
        if (token.trim().equalsIgnoreCase("close")) {
          return false;
        }
      }
    }
    return true;
  }
}
