package io.aami.yaml;

import io.aami.diag.Diagnostic;
import java.util.List;
import java.util.Set;

/**
 * One YAML file: its text (for carets in reports), the documents that parsed, and the problems
 * found. Documents before a syntax error are kept so that one typo does not cascade into "unknown
 * reference" errors everywhere else. {@code alteredAt} holds the node offsets where the reader had
 * to drop or reinterpret content it does not accept (merge keys, non-string keys, recursive
 * aliases, tags): a document spanning one of them is reported, not trusted.
 */
public record ParsedYaml(
    String file,
    String text,
    List<YNode> documents,
    List<Diagnostic> diagnostics,
    Set<Integer> alteredAt) {
  public ParsedYaml {
    documents = List.copyOf(documents);
    diagnostics = List.copyOf(diagnostics);
    alteredAt = Set.copyOf(alteredAt);
  }

  public ParsedYaml(String file, String text, List<YNode> documents, List<Diagnostic> diagnostics) {
    this(file, text, documents, diagnostics, Set.of());
  }

  /** True when the reader altered content inside {@code node}. */
  public boolean altered(YNode node) {
    for (int offset : alteredAt) {
      if (offset >= node.startOffset() && offset < node.endOffset()) {
        return true;
      }
    }
    return false;
  }
}
