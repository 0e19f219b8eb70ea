package io.aami.cli;

import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/** The one place that turns an escaped exception into an exit code. */
final class ExitCodeMapper implements IExitCodeExceptionMapper {
  @Override
  public int getExitCode(Throwable exception) {
    return exception instanceof ParameterException ? ExitCode.USAGE : ExitCode.ERROR;
  }
}
