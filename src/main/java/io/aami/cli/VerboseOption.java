package io.aami.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: stack traces for internal errors (read by {@link ExecutionErrorHandler}). */
public final class VerboseOption {
  @Option(names = "--verbose", description = "Show stack traces of internal errors.")
  boolean verbose;
}
