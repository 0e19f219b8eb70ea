package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure of aami itself is exit code 3 and one line, never exit code 1 (which means "the
 * repository has errors") and never a JVM stack trace. Run in a child JVM with a tiny heap, the
 * only honest way to run out of memory.
 */
class InternalFailureTest {
  @TempDir Path repo;

  @Test
  void outOfMemoryIsExitCode3WithOneLineNamingAamiJavaOpts() throws Exception {
    StringBuilder big = new StringBuilder("apiVersion: aami/v1\nkind: Group\nid: big\nlabels:\n");
    for (int i = 0; big.length() < 7_000_000; i++) {
      big.append("  k").append(i).append(": value-").append(i).append('\n');
    }
    Files.createDirectories(repo.resolve("inventory"));
    Files.writeString(repo.resolve("inventory/big.yaml"), big);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    ProcessResult result =
        Processes.run(
            List.of(
                java,
                "-Xmx24m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "validate",
                "--repo",
                repo.toString()),
            Map.of("PATH", System.getenv("PATH")),
            repo);

    assertEquals(ExitCode.ERROR, result.exitCode(), result::toString);
    List<String> lines = result.stderr().lines().toList();
    assertEquals(1, lines.size(), result::toString);
    assertTrue(lines.get(0).startsWith("aami: error: out of memory"), lines.get(0));
    assertTrue(lines.get(0).contains("AAMI_JAVA_OPTS='-Xmx"), lines.get(0));
    assertFalse(result.stderr().contains("\tat "), result.stderr());
  }

  @Test
  void describesOtherJvmLimitsAndBugsInOneLine() {
    assertTrue(
        InternalFailure.describe(new StackOverflowError()).startsWith("aami: error: out of stack"));
    String bug = InternalFailure.describe(new IllegalStateException("boom"));
    assertEquals(
        "aami: internal error: java.lang.IllegalStateException: boom (a bug in aami; please"
            + " report it with the output of --verbose)",
        bug);
  }
}
