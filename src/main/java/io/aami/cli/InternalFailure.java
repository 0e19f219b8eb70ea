package io.aami.cli;

/**
 * The one line for a failure of aami itself (out of memory, stack exhausted, a bug): exit code 3,
 * never a JVM stack trace and never the exit code 1 that means "the repository has errors".
 */
final class InternalFailure {
  private InternalFailure() {}

  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return "aami: error: out of memory ("
            + message(t)
            + "); give Java a larger heap, e.g."
            + " AAMI_JAVA_OPTS='-Xmx2g -XX:+UseSerialGC' (it replaces the JVM flags of ./aami;"
            + " with java -jar pass -Xmx2g)";
      }
      if (t instanceof StackOverflowError) {
        return "aami: error: out of stack (nesting too deep); give Java a larger stack, e.g."
            + " AAMI_JAVA_OPTS='-Xss16m -XX:+UseSerialGC'";
      }
    }
    return "aami: internal error: "
        + failure.getClass().getName()
        + ": "
        + message(failure)
        + " (a bug in aami; please report it with the output of --verbose)";
  }

  static boolean isJvmLimit(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof VirtualMachineError) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
