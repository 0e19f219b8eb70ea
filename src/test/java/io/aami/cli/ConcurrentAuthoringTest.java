package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.ExampleRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two aami processes editing one file at once (different fields of one policy): each edit is either
 * in the file afterwards or its process exited 3 saying so; an edit is never lost with exit code 0.
 */
class ConcurrentAuthoringTest {
  private static final String POLICY = "policies/scripts/check-disk-usage.yaml";

  @TempDir Path tmp;

  private Process aami(Path repo, Path log, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    command.addAll(List.of("--repo", repo.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  @Test
  void concurrentEditsAreKeptOrReportedNeverLost() throws Exception {
    Path repo = ExampleRepository.copyTo(tmp.resolve("repo"));
    String original = Files.readString(repo.resolve(POLICY));
    for (int round = 0; round < 10; round++) {
      Files.writeString(repo.resolve(POLICY), original);
      Path logA = tmp.resolve("a" + round + ".log");
      Path logB = tmp.resolve("b" + round + ".log");
      Process a =
          aami(repo, logA, "policy", "update", "disk-global", "--priority", "4" + round + "1");
      Process b =
          aami(
              repo,
              logB,
              "policy",
              "update",
              "disk-global",
              "--set",
              "thresholds.warning=4" + round + ".5");
      assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS));
      String text = Files.readString(repo.resolve(POLICY));
      String outA = Files.readString(logA, StandardCharsets.UTF_8);
      String outB = Files.readString(logB, StandardCharsets.UTF_8);
      String context = "round " + round + "\nA: " + outA + "\nB: " + outB + "\n" + text;
      assertTrue(a.exitValue() == 0 || a.exitValue() == 3, context);
      assertTrue(b.exitValue() == 0 || b.exitValue() == 3, context);
      assertEquals(a.exitValue() == 0, text.contains("priority: 4" + round + "1"), context);
      assertEquals(b.exitValue() == 0, text.contains("warning: 4" + round + ".5"), context);
      for (String out : List.of(outA, outB)) {
        assertTrue(!out.contains("Exception"), context);
      }
      if (a.exitValue() == 3 || b.exitValue() == 3) {
        assertTrue((outA + outB).contains("changed on disk while aami was editing it"), context);
      }
    }
    assertEquals(
        0, repo.toFile().list((d, n) -> n.startsWith(".aami")).length, "no lock file is left");
  }
}
