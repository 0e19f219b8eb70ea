package io.aami.yaml;

import io.aami.diag.Diagnostic;
import java.util.List;

/**
 * One YAML file: its text (for carets in reports), the documents that parsed, and the problems
 * found. Documents before a syntax error are kept so that one typo does not cascade into
 * "unknown reference" errors everywhere else.
 */
public record ParsedYaml(String file, String text, List<YNode> documents, List<Diagnostic> diagnostics) {
  public ParsedYaml {
    documents = List.copyOf(documents);
    diagnostics = List.copyOf(diagnostics);
  }
}
