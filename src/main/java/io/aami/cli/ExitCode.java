package io.aami.cli;

/**
 * Process exit codes of every aami command. Never negative, so shells and CI see them unchanged.
 */
public final class ExitCode {
  public static final int OK = 0;

  /**
   * Validation found problems, a check failed, or an output differs from what render would write.
   */
  public static final int FAILED = 1;

  public static final int USAGE = 2;

  /** I/O, git or internal error. */
  public static final int ERROR = 3;

  private ExitCode() {}
}
