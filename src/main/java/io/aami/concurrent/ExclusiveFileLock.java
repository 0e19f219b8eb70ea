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
 * the lock leaves the file, which only costs the next run one extra delete.
 *
 * <p>The lock is a POSIX record lock, and closing any descriptor of the file releases every such
 * lock the process holds on it. So the descriptor that reads the path back stays open until the
 * lock is released: closing it right after the read let a second process lock the same file while
 * the first still believed it held it, and two edits ran at once. File locks belong to the process,
 * so threads of one process (tests, a future server) first queue on an in-process lock of the same
 * path.
 */
public final class ExclusiveFileLock implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final Semaphore inProcess;
  private final FileChannel channel;
  private final FileLock lock;
  private final FileChannel readBack;

  private ExclusiveFileLock(
      Path file, Semaphore inProcess, FileChannel channel, FileLock lock, FileChannel readBack) {
    this.file = file;
    this.inProcess = inProcess;
    this.channel = channel;
    this.lock = lock;
    this.readBack = readBack;
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
      FileChannel readBack = null;
      try {
        FileLock lock = channel.lock();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text), 0);
        channel.force(false);
        readBack = openIfPresent(file);
        if (readBack != null && Arrays.equals(content(readBack, text.length + 1), text)) {
          return new ExclusiveFileLock(file, inProcess, channel, lock, readBack);
        }
      } catch (IOException | RuntimeException e) {
        closeBoth(readBack, channel);
        throw e;
      }
      // The holder before us deleted the file we waited on; try again on the current one.
      closeBoth(readBack, channel);
    }
  }

  private static FileChannel openIfPresent(Path file) throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** At most {@code limit} bytes: a token is short, and a stranger's file may be anything. */
  private static byte[] content(FileChannel channel, int limit) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(limit);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // keep reading until the limit or the end of the file
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private static void closeBoth(FileChannel first, FileChannel second) throws IOException {
    try {
      if (first != null) {
        first.close();
      }
    } finally {
      second.close();
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
          closeBoth(readBack, channel);
        } finally {
          inProcess.release();
        }
      }
    }
  }
}
