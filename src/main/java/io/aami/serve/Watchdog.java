package io.aami.serve;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a socket when a phase of its connection overruns its deadline. Closing is the one way to
 * interrupt a blocking read or write in Java, and it bounds the whole phase, where a socket read
 * timeout would restart with every byte a trickling client sends. One thread serves all
 * connections; a cancelled alarm is removed at once, so memory stays proportional to open sockets.
 */
final class Watchdog implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timer;

  Watchdog() {
    timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "aami-serve-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Closes {@code socket} after {@code timeout} unless the returned alarm is cancelled first. */
  Alarm arm(Closeable socket, Duration timeout) {
    ScheduledFuture<?> future =
        timer.schedule(() -> closeQuietly(socket), timeout.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  static void closeQuietly(Closeable socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed or reset: either way the connection is gone, which is the goal.
    }
  }

  /** A pending deadline. */
  interface Alarm extends AutoCloseable {
    @Override
    void close();
  }
}
