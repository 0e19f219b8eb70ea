package io.aami.serve;

import io.aami.digest.Sha256;
import java.util.List;

/** Strong ETags from the SHA-256 of the content, and If-None-Match evaluation (RFC 9110 13.1.2). */
final class EntityTags {
  private EntityTags() {}

  static String strongTag(byte[] content) {
    return '"' + Sha256.hex(content) + '"';
  }

  /**
   * True when any If-None-Match header value matches {@code currentTag}, i.e. the client's copy is
   * current and a 304 is due. Uses the weak comparison the RFC prescribes for If-None-Match.
   */
  static boolean anyMatches(List<String> ifNoneMatchHeaders, String currentTag) {
    if (ifNoneMatchHeaders == null) {
      return false;
    }
    String current = opaque(currentTag);
    for (String header : ifNoneMatchHeaders) {
      for (String candidate : header.split(",", -1)) {
        String tag = candidate.trim();
        if (tag.equals("*") || opaque(tag).equals(current)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
