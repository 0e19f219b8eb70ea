package io.aami.serve;

import io.aami.testsupport.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;

/**
 * Sends a request line exactly as written: HTTP clients normalise "..", "%2e" and the like away,
 * which would hide precisely the traversal attempts the server must refuse.
 */
final class RawHttp {
  record Reply(int status, String head, String body) {}

  private RawHttp() {}

  static Reply send(SSLContext context, int port, String method, String rawTarget)
      throws Exception {
    try (Socket socket = TestCertificates.connect(context, port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method + " " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      String reply = buffer.toString(StandardCharsets.UTF_8);
      int split = reply.indexOf("\r\n\r\n");
      String head = split < 0 ? reply : reply.substring(0, split);
      String body = split < 0 ? "" : reply.substring(split + 4);
      String statusLine = head.lines().findFirst().orElseThrow();
      return new Reply(Integer.parseInt(statusLine.split(" ", -1)[1]), head, body);
    }
  }
}
