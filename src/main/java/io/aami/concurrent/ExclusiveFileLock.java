package io.aami.concurrent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * An exclusive lock between processes (render's output directory, authoring edits of a repository),
 * held on a file that exists only while someone holds it: the holder deletes it before releasing. A
 * waiter that was blocked on the deleted file then holds a lock nobody else can see, so after
 * locking it writes a random token into its file and reads the path back: only if the path shows
 * its token does it hold the live lock; otherwise it starts over. A process killed while holding
 * the lock leaves the file, which only costs the next run one extra delete. File locks belong to
 * the process, so threads of one process (tests, a future server) first queue on an in-process lock
 * of the same path.
 */
public final class ExclusiveFileLock implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final Semaphore inProcess;
  private final FileChannel channel;
  private final FileLock lock;

  private ExclusiveFileLock(Path file, Semaphore inProcess, FileChannel channel, FileLock lock) {
    this.file = file;
    this.inProcess = inProcess;
    this.channel = channel;
    this.lock = lock;
  }

  public static ExclusiveFileLock acquire(Path file) throws IOException {
    Semaphore inProcess =
        IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Semaphore(1));
    inProcess.acquireUninterruptibly();
    try {
      return acquireFile(file, inProcess);
    } catch (IOException | RuntimeException | Error e) {
      inProcess.release();
      throw e;
    }
  }

  private static ExclusiveFileLock acquireFile(Path file, Semaphore inProcess) throws IOException {
    byte[] token = new byte[16];
    RANDOM.nextBytes(token);
    byte[] text = HexFormat.of().formatHex(token).getBytes(StandardCharsets.US_ASCII);
    while (true) {
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = null;
      try {
        lock = channel.lock();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text), 0);
        channel.force(false);
        if (Arrays.equals(contentOrEmpty(file), text)) {
          return new ExclusiveFileLock(file, inProcess, channel, lock);
        }
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      // The holder before us deleted the file we waited on; try again on the current one.
      channel.close();
    }
  }

  private static byte[] contentOrEmpty(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new byte[0];
    }
  }

  /** Deletes the file while still holding the lock, then releases it. */
  @Override
  public void close() throws IOException {
    try {
      Files.deleteIfExists(file);
    } finally {
      try {
        lock.release();
      } finally {
        try {
          channel.close();
        } finally {
          inProcess.release();
        }
      }
    }
  }
}
