package io.aami.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs real processes with a bounded wait, capturing stdout and stderr completely. */
public final class Processes {
  /** Far above anything a passing test needs; only stops a broken test from hanging the build. */
  public static final long SAFETY_TIMEOUT_SECONDS = 120;

  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "process-output-reader");
            thread.setDaemon(true);
            return thread;
          });

  private Processes() {}

  public static ProcessResult run(
      List<String> command, Map<String, String> environment, Path workDir)
      throws IOException, InterruptedException {
    return finish(start(command, environment, workDir));
  }

  public static Process start(List<String> command, Map<String, String> environment, Path workDir)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    if (environment != null) {
      builder.environment().clear();
      builder.environment().putAll(environment);
    }
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  public static ProcessResult finish(Process process) throws InterruptedException {
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    if (!process.waitFor(SAFETY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "process did not finish within "
              + SAFETY_TIMEOUT_SECONDS
              + "s: "
              + process.info().commandLine().orElse("?"));
    }
    try {
      return new ProcessResult(process.exitValue(), out.get(), err.get());
    } catch (ExecutionException e) {
      throw new AssertionError("cannot read process output", e.getCause());
    }
  }

  /** The next line from a process's output, waiting at most the safety timeout; null at its end. */
  public static String readLine(BufferedReader reader) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return reader.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            READERS)
        .get(SAFETY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Alive and not a zombie waiting for a parent that a container's init may never be. */
  public static boolean isRunning(long pid) throws IOException {
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    String stat;
    try {
      stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    } catch (NoSuchFileException e) {
      return false;
    }
    char state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  /** Something a test waits for, polled. */
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Polls until the condition holds; fails the test after a minute. */
  public static void waitUntil(Condition condition) throws Exception {
    for (int i = 0; i < 1200; i++) {
      if (condition.holds()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("condition not reached within 60s");
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    // Own threads: blocking reads in the common pool could starve each other on a small CI machine.
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        READERS);
  }
}
