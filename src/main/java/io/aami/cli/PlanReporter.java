package io.aami.cli;

import io.aami.author.ChangeWriter;
import io.aami.author.DocumentKind;
import io.aami.author.FileChange;
import io.aami.author.Plan;
import io.aami.diag.Diagnostic;
import io.aami.report.ReportFormat;
import io.aami.validate.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Prints a plan's outcome, and writes its files unless it is a dry run or a refusal. */
final class PlanReporter {
  private PlanReporter() {}

  static int report(PrintWriter out, PrintWriter err, Plan plan, Path root, boolean dryRun)
      throws IOException {
    if (plan instanceof Plan.Changes changes) {
      return apply(out, err, changes, root, dryRun);
    }
    if (plan instanceof Plan.NotFound missing) {
      return notFound(err, missing);
    }
    if (plan instanceof Plan.AlreadyExists exists) {
      return refuse(
          err,
          exists.kind().noun() + " '" + exists.id() + "' already exists (" + exists.at() + ")");
    }
    if (plan instanceof Plan.StillReferenced refs) {
      err.println("aami: " + refs.kind().noun() + " '" + refs.id() + "' is still referenced by:");
      for (DocumentKind.Reference ref : refs.references()) {
        err.println("  " + ref.at() + ": " + ref.kind().noun() + " " + ref.id());
      }
      return refuse(err, "change or delete those first");
    }
    if (plan instanceof Plan.Rejected rejected) {
      return refuse(err, rejected.at() + ": " + rejected.message());
    }
    if (plan instanceof Plan.Invalid invalid) {
      ValidationReport errors =
          new ValidationReport(
              invalid.report().diagnostics().stream().filter(Diagnostic::isError).toList(),
              invalid.report().sources());
      err.print(ReportFormat.TEXT.formatter().format(errors));
      return refuse(
          err,
          invalid.alreadyInvalid()
              ? "the repository has errors; fix them first ('aami validate')"
              : "the change would leave the repository with the errors above");
    }
    err.println("aami: " + ((Plan.BadRequest) plan).message());
    return ExitCode.USAGE;
  }

  static int notFound(PrintWriter err, Plan.NotFound missing) {
    err.println(
        "aami: no "
            + missing.kind().noun()
            + " '"
            + missing.id()
            + "'"
            + (missing.suggestion() == null
                ? ""
                : "; did you mean '" + missing.suggestion() + "'?"));
    return ExitCode.FAILED;
  }

  private static int refuse(PrintWriter err, String message) {
    err.println("aami: refused: " + message + "; nothing was written");
    return ExitCode.FAILED;
  }

  private static int apply(
      PrintWriter out, PrintWriter err, Plan.Changes changes, Path root, boolean dryRun)
      throws IOException {
    List<FileChange> files = changes.files();
    if (files.isEmpty()) {
      out.println("nothing to change");
      return ExitCode.OK;
    }
    warnings(err, changes.report(), files);
    if (dryRun) {
      files.forEach(f -> out.print(f.unifiedDiff()));
      err.println("aami: dry run: nothing was written");
      return ExitCode.OK;
    }
    ChangeWriter.write(root, files);
    for (FileChange f : files) {
      out.println(f.verb() + ": " + f.path());
    }
    err.println("aami: review the changes and commit them (aami does not commit)");
    return ExitCode.OK;
  }

  /** Warnings in the changed files only: older ones elsewhere are not this command's business. */
  private static void warnings(PrintWriter err, ValidationReport report, List<FileChange> files) {
    Set<String> paths = files.stream().map(FileChange::path).collect(Collectors.toSet());
    List<Diagnostic> mine =
        report.diagnostics().stream().filter(d -> paths.contains(d.file())).toList();
    if (!mine.isEmpty()) {
      err.print(ReportFormat.TEXT.formatter().format(new ValidationReport(mine, report.sources())));
    }
  }
}
