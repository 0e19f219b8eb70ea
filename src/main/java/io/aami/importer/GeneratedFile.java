package io.aami.importer;

import io.aami.diag.SourceLocation;
import java.util.List;

/**
 * A file the importer writes, with where each of its documents came from, so that a problem the
 * validation finds in the written file can also name the source line.
 */
public record GeneratedFile(String path, String text, List<Provenance> documents) {
  public GeneratedFile {
    documents = List.copyOf(documents);
  }

  /** Lines {@code firstLine}..{@code lastLine} (1-based) of the file came from {@code source}. */
  public record Provenance(int firstLine, int lastLine, SourceLocation source) {}

  /** The source of the document holding {@code line}, if any. */
  public java.util.Optional<SourceLocation> sourceOf(int line) {
    return documents.stream()
        .filter(d -> line >= d.firstLine() && line <= d.lastLine())
        .map(Provenance::source)
        .findFirst();
  }
}
