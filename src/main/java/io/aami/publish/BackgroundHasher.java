package io.aami.publish;

import io.aami.concurrent.Background;
import io.aami.digest.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * SHA-256 of the files a render writes, computed on a thread of its own while the render goes on
 * producing and writing the next ones. The launcher runs aami with the C1 JIT only (it halves a
 * render's CPU), which cannot use the CPU's SHA instructions: hashing a 10,000-node site then takes
 * seconds of one core, which a second core can take over.
 *
 * <p>Memory stays bounded: the bytes waiting to be hashed are capped, and a file that would pass
 * the cap is hashed on the caller's thread instead.
 */
final class BackgroundHasher implements AutoCloseable {
  /** Bytes queued for the hashing thread at most (a heavy inline document is ~100 KB). */
  static final int QUEUED_BYTES = 16 * 1024 * 1024;

  private final Semaphore queuedBytes = new Semaphore(QUEUED_BYTES);
  private ExecutorService executor;

  /** The hash of {@code data}, now or later; {@code data} must not change afterwards. */
  Future<String> hash(byte[] data) {
    int permits = Math.max(1, Math.min(data.length, QUEUED_BYTES));
    if (!queuedBytes.tryAcquire(permits)) {
      return CompletableFuture.completedFuture(Sha256.hex(data));
    }
    try {
      return executor()
          .submit(
              () -> {
                try {
                  return Sha256.hex(data);
                } finally {
                  queuedBytes.release(permits);
                }
              });
    } catch (RuntimeException notQueued) {
      queuedBytes.release(permits);
      throw notQueued;
    }
  }

  /** The value of a hash from {@link #hash}; what the hashing threw is thrown here. */
  static String valueOf(Future<String> hash) {
    try {
      return Background.resultOf(hash);
    } catch (IOException cannotHappen) { // hashing bytes in memory does no I/O
      throw new UncheckedIOException(cannotHappen);
    }
  }

  private ExecutorService executor() {
    if (executor == null) {
      executor = Background.threads("aami-hash", 1);
    }
    return executor;
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
