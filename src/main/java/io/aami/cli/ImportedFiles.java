package io.aami.cli;

import io.aami.author.FileChange;
import io.aami.diag.Diagnostic;
import io.aami.importer.GeneratedFile;
import io.aami.load.SourceTexts;
import io.aami.report.ReportFormat;
import io.aami.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The steps both import commands share between an importer's plan and the authoring plan. */
final class ImportedFiles {
  private ImportedFiles() {}

  /**
   * Prints the importer's problems located in the sources; true when one is an error, after saying
   * that nothing was written.
   */
  static boolean refused(PrintWriter err, List<Diagnostic> problems, SourceTexts texts) {
    if (!problems.isEmpty()) {
      err.print(ReportFormat.TEXT.formatter().format(new ValidationReport(problems, texts)));
    }
    long errors = problems.stream().filter(Diagnostic::isError).count();
    if (errors > 0) {
      err.println("aami: refused: " + errors + " problem(s) above; nothing was written");
    }
    return errors > 0;
  }

  /** The generated files as new files for the authoring plan. */
  static List<FileChange> asNewFiles(List<GeneratedFile> files) {
    return files.stream()
        .map(f -> new FileChange(f.path(), null, f.text().getBytes(StandardCharsets.UTF_8)))
        .toList();
  }
}
