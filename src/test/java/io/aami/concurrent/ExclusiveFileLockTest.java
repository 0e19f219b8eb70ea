package io.aami.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock as another process sees it: a child JVM tries to take it while this one holds it. */
class ExclusiveFileLockTest {
  @TempDir Path tmp;

  private static String probe(Path lockFile) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LockProbe.class.getName(),
                lockFile.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the probe finished");
    return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  @Test
  void anotherProcessCannotTakeTheLockWhileItIsHeld() throws Exception {
    Path lockFile = tmp.resolve("edit.lock");
    try (ExclusiveFileLock lock = ExclusiveFileLock.acquire(lockFile)) {
      // Reading the token back once released the lock the moment its descriptor was closed.
      assertEquals("busy", probe(lockFile));
      assertEquals("busy", probe(lockFile), "still held after another process looked");
    }
    assertFalse(Files.exists(lockFile), "the lock file exists only while the lock is held");
  }

  @Test
  void aLockFileLeftByAKilledHolderDoesNotBlockTheNextOne() throws Exception {
    Path lockFile = tmp.resolve("render.lock");
    Files.writeString(lockFile, "left behind by a process that was killed");
    try (ExclusiveFileLock lock = ExclusiveFileLock.acquire(lockFile)) {
      assertEquals("busy", probe(lockFile));
    }
    assertFalse(Files.exists(lockFile));
  }

  @Test
  void theSameLockCanBeTakenAgainAfterRelease() throws Exception {
    Path lockFile = tmp.resolve("again.lock");
    for (int round = 0; round < 3; round++) {
      try (ExclusiveFileLock lock = ExclusiveFileLock.acquire(lockFile)) {
        assertTrue(Files.exists(lockFile), "round " + round);
      }
    }
    assertFalse(Files.exists(lockFile));
  }
}
