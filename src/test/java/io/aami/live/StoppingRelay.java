package io.aami.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of a real Prometheus that runs an action (stopping that Prometheus)
 * just before it forwards the n-th HTTP request, so a test can stop the server in the middle of a
 * run as an observable event instead of after a sleep that a loaded machine may outrun.
 *
 * <p>Requests are counted by their request lines ({@code " HTTP/1.1\r\n"}) in the client's bytes,
 * which also counts requests sent on a kept-alive connection.
 */
final class StoppingRelay implements AutoCloseable {
  private static final byte[] REQUEST_LINE_END =
      " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;
  private final int backendPort;
  private final int stopBeforeRequest;
  private final Runnable stop;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean stopped;

  private StoppingRelay(int backendPort, int stopBeforeRequest, Runnable stop) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.backendPort = backendPort;
    this.stopBeforeRequest = stopBeforeRequest;
    this.stop = stop;
    Thread acceptor = new Thread(this::acceptAll, "relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static StoppingRelay before(int request, int backendPort, Runnable stop) throws IOException {
    return new StoppingRelay(backendPort, request, stop);
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /**
   * How many requests reached the relay: a test shows with it that the stop fell inside the run.
   */
  int requests() {
    return requests.get();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        daemon(() -> relay(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void relay(Socket client) {
    try (client;
        Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
      Thread back = daemon(() -> pump(backend, client, false));
      pump(client, backend, true);
      back.join();
    } catch (IOException | InterruptedException refused) {
      // The backend is stopped: closing the client's connection is what a stopped server looks
      // like.
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (fromClient) {
          countRequests(buffer, n);
        }
        if (stopped) {
          break;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException gone) {
      // One side closed; the finally below ends the other direction.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private synchronized void countRequests(byte[] buffer, int length) {
    for (int i = 0; i + REQUEST_LINE_END.length <= length; i++) {
      if (startsAt(buffer, i) && requests.incrementAndGet() == stopBeforeRequest) {
        stop.run();
        stopped = true;
      }
    }
  }

  private static boolean startsAt(byte[] buffer, int offset) {
    for (int j = 0; j < REQUEST_LINE_END.length; j++) {
      if (buffer[offset + j] != REQUEST_LINE_END[j]) {
        return false;
      }
    }
    return true;
  }

  private static Thread daemon(Runnable body) {
    Thread thread = new Thread(body, "relay");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed by the other direction.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
