package io.aami.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.digest.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BackgroundHasherTest {
  @Test
  void everyHashIsThatOfItsOwnBytesWhetherQueuedOrHashedByTheCaller() {
    Random random = new Random(7);
    List<byte[]> contents = new ArrayList<>();
    // 40 MB in all: more than the queue takes, so some are hashed on the caller's thread.
    for (int i = 0; i < 400; i++) {
      byte[] bytes = new byte[i % 10 == 0 ? 1 : 100_000 + random.nextInt(100_000)];
      random.nextBytes(bytes);
      contents.add(bytes);
    }
    contents.add(new byte[0]);
    contents.add(new byte[BackgroundHasher.QUEUED_BYTES + 1]);
    List<Future<String>> hashes = new ArrayList<>();
    try (BackgroundHasher hasher = new BackgroundHasher()) {
      for (byte[] bytes : contents) {
        hashes.add(hasher.hash(bytes));
      }
      for (int i = 0; i < contents.size(); i++) {
        assertEquals(
            Sha256.hex(contents.get(i)), BackgroundHasher.valueOf(hashes.get(i)), "content " + i);
      }
    }
  }
}
