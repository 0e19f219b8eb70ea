package io.aami.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One response: status, header fields in sending order, and the body. {@code announcedLength} is
 * the Content-Length to send, which differs from the body's length only for HEAD (the length a GET
 * would have, with no body) and is negative when no Content-Length applies (304).
 */
// Bytes are carried, never compared: no caller uses this record's equals or hashCode.
@SuppressWarnings("ArrayRecordComponent")
record Reply(int status, Map<String, String> headers, byte[] body, long announcedLength) {

  static Reply of(int status, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    return new Reply(status, headers, body, body.length);
  }

  Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, copy, body, announcedLength);
  }

  /** The same headers and length without the body, as HEAD requires. */
  Reply withoutBody() {
    return new Reply(status, headers, new byte[0], announcedLength);
  }
}
