package io.aami.testsupport;

/** What a finished external process left behind. */
public record ProcessResult(int exitCode, String stdout, String stderr) {
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
  }
}
