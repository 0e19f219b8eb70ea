package io.aami.cli;

import io.aami.schema.SchemaValidator;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point. {@link #run} is what tests call; {@link #main} only maps its result to the process.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = utf8Writer(FileDescriptor.out);
    PrintWriter err = utf8Writer(FileDescriptor.err);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** UTF-8 whatever the platform charset: repository files (and their messages) are UTF-8. */
  private static PrintWriter utf8Writer(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
  }

  /** Runs one aami command line and returns its exit code (see {@link ExitCode}). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    if (CommandCatalog.loadsRepository(args)) {
      SchemaValidator.compileAhead();
    }
    return execute(newCommandLine(out, err, CommandCatalog.neededFor(args)), args);
  }

  static int execute(CommandLine cli, String... args) {
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError e) {
      // The heap the command held is unreachable now, so there is room to say so.
      code = OutOfMemory.report(cli.getErr());
    } catch (Throwable failure) { // picocli lets Errors through; they are failures of aami, exit 3
      cli.getOut().flush();
      cli.getErr().println(InternalFailure.describe(failure));
      code = ExitCode.ERROR;
    }
    cli.getOut().flush();
    cli.getErr().flush();
    return code;
  }

  /** The command line with every command registered. */
  static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    return newCommandLine(out, err, CommandCatalog.all());
  }

  private static CommandLine newCommandLine(
      PrintWriter out, PrintWriter err, List<Class<?>> commands) {
    CommandLine cli = new CommandLine(new AamiCommand());
    // Before the settings below: picocli hands them only to the subcommands already registered.
    commands.forEach(cli::addSubcommand);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(new ExitCodeMapper());
    cli.setExecutionExceptionHandler(new ExecutionErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandSummaries());
    return cli;
  }
}
