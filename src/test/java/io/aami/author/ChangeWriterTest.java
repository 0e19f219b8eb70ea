package io.aami.author;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeWriterTest {
  @TempDir Path root;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void createsModifiesAndDeletesLeavingNoTemporaryFiles() throws Exception {
    Files.writeString(root.resolve("a.yaml"), "a: 1\n");
    Files.writeString(root.resolve("b.yaml"), "b: 1\n");
    Files.setPosixFilePermissions(
        root.resolve("a.yaml"), PosixFilePermissions.fromString("rw-rw-r--"));
    ChangeWriter.write(
        root,
        List.of(
            new FileChange("a.yaml", bytes("a: 1\n"), bytes("a: 2\n")),
            new FileChange("b.yaml", bytes("b: 1\n"), null),
            new FileChange("dir/c.yaml", null, bytes("c: 1\n"))));
    assertEquals("a: 2\n", Files.readString(root.resolve("a.yaml")));
    assertEquals(
        "rw-rw-r--",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a.yaml"))));
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("dir/c.yaml"))));
    assertFalse(Files.exists(root.resolve("b.yaml")));
    try (Stream<Path> all = Files.walk(root)) {
      assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".aami-tmp")));
    }
  }

  @Test
  void aFileChangedSinceItWasReadIsNotOverwrittenAndNothingIsWritten() throws Exception {
    Files.writeString(root.resolve("a.yaml"), "a: edited by someone else\n");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                ChangeWriter.write(
                    root,
                    List.of(
                        new FileChange("new.yaml", null, bytes("n: 1\n")),
                        new FileChange("a.yaml", bytes("a: 1\n"), bytes("a: 2\n")))));
    assertTrue(e.getMessage().contains("a.yaml changed on disk"), e.getMessage());
    assertFalse(Files.exists(root.resolve("new.yaml")));
    assertArrayEquals(
        bytes("a: edited by someone else\n"), Files.readAllBytes(root.resolve("a.yaml")));
  }

  @Test
  void ofConcurrentEditsOfOneFileOneIsWrittenAndTheOthersReportedNeverLost() throws Exception {
    Path file = root.resolve("a.yaml");
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 200; round++) {
        Files.writeString(file, "v: 0\n");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          byte[] mine = bytes("v: " + round + "-" + w + "\n");
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      ChangeWriter.write(
                          root, List.of(new FileChange("a.yaml", bytes("v: 0\n"), mine)));
                      return true;
                    } catch (ConcurrentChangeException refused) {
                      return false;
                    }
                  }));
        }
        start.countDown();
        List<Integer> written = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          if (results.get(w).get()) {
            written.add(w);
          }
        }
        assertEquals(
            1,
            written.size(),
            "round " + round + ": exactly one edit is written, the others are refused");
        assertEquals("v: " + round + "-" + written.get(0) + "\n", Files.readString(file));
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> all = Files.list(root)) {
      assertEquals(List.of(file), all.toList(), "no temporary file and no lock file is left");
    }
  }
}
