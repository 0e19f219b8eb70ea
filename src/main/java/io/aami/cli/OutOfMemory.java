package io.aami.cli;

import java.io.PrintWriter;

/**
 * A JVM out of heap is not a problem of the repository: one line that says so and how to give it
 * more, and exit code 3 (never 1, which would blame the repository).
 */
final class OutOfMemory {
  static final String MESSAGE =
      "aami: error: out of memory: the Java heap is too small for this"
          + " repository; raise it with AAMI_JAVA_OPTS, e.g. AAMI_JAVA_OPTS='-Xmx2g'";

  private OutOfMemory() {}

  static boolean causedBy(Throwable t) {
    for (Throwable cause = t; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  static int report(PrintWriter err) {
    err.println(MESSAGE);
    err.flush();
    return ExitCode.ERROR;
  }
}
