package io.aami.cli;

import io.aami.report.DocumentFormat;
import picocli.CommandLine.Option;

/** {@code --format table|json|yaml} of the authoring list and show commands. */
public final class DocumentFormatOption {
  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      converter = Formats.class,
      completionCandidates = Formats.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  DocumentFormat format;

  static final class Formats extends LowercaseEnums.Option<DocumentFormat> {
    Formats() {
      super(DocumentFormat.class);
    }
  }
}
