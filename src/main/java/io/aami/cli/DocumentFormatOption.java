package io.aami.cli;

import io.aami.report.DocumentFormat;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
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

  static final class Formats implements ITypeConverter<DocumentFormat>, Iterable<String> {
    @Override
    public DocumentFormat convert(String value) {
      return LowercaseEnums.parse(DocumentFormat.class, value);
    }

    @Override
    public Iterator<String> iterator() {
      return LowercaseEnums.names(DocumentFormat.class).iterator();
    }
  }
}
