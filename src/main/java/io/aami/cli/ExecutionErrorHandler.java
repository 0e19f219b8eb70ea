package io.aami.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one handler for exceptions that escape a command: a one-line message on stderr and exit code
 * 3; the stack trace only with {@code --verbose}.
 */
final class ExecutionErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (OutOfMemory.causedBy(ex)) {
      return OutOfMemory.report(err);
    }
    if (InternalFailure.isJvmLimit(ex)) {
      err.println(InternalFailure.describe(ex));
      if (isVerbose(parsed)) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ExitCode.ERROR;
    }
    err.println("aami: error: " + describe(ex));
    if (isVerbose(parsed)) {
      ex.printStackTrace(err);
    } else {
      err.println("(run with --verbose for details)");
    }
    err.flush();
    return ExitCode.ERROR;
  }

  /**
   * The JDK's file system exceptions often carry only the path ("/srv/.public.aami.lock"): the
   * exception type is the reason, so it is spelled out.
   */
  static String describe(Exception ex) {
    if (ex instanceof FileSystemException fs && fs.getReason() == null) {
      String reason;
      if (ex instanceof AccessDeniedException) {
        reason = "permission denied";
      } else if (ex instanceof NoSuchFileException) {
        reason = "no such file or directory";
      } else if (ex instanceof NotDirectoryException) {
        reason = "not a directory";
      } else if (ex instanceof FileAlreadyExistsException) {
        reason = "already exists";
      } else if (ex instanceof DirectoryNotEmptyException) {
        reason = "directory not empty";
      } else {
        reason = ex.getClass().getSimpleName();
      }
      String other = fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile();
      return fs.getFile() + other + ": " + reason;
    }
    return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
