package io.aami.concurrent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The second thread of the commands that use two cores (see docs/DEVELOPMENT.md, "Threads"): daemon
 * threads, so a failing command never waits for one, and results that rethrow what the work threw
 * as it was thrown (an OutOfMemoryError stays one, which Main turns into exit 3).
 */
public final class Background {
  private Background() {}

  /** An executor of {@code threads} daemon threads named {@code name}. */
  public static ExecutorService threads(String name, int threads) {
    return Executors.newFixedThreadPool(
        threads,
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /** The value of {@code work}, waiting for it; what it threw is thrown here, unwrapped. */
  public static <T> T resultOf(Future<T> work) throws IOException {
    try {
      return work.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException failure) {
        throw failure;
      }
      if (cause instanceof RuntimeException failure) {
        throw failure;
      }
      if (cause instanceof Error failure) {
        throw failure;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a background task");
    }
  }
}
