package io.aami.load;

import io.aami.diag.Diagnostic;
import io.aami.model.Kind;
import io.aami.yaml.YMap;
import java.util.List;
import java.util.Set;

/**
 * A YAML file after the per-file phase (read, parse, kind, schema), which runs in parallel: its
 * text, its problems so far, and the documents that may be bound. {@code text} is null when the
 * file could not be read at all. {@code brokenIds} are ids that documents of unknown kind or
 * unreadable content probably declare (already reported): they count as declared for every kind, so
 * references to them do not cascade into more errors.
 */
record PreparedFile(
    String file,
    String text,
    List<Diagnostic> diagnostics,
    List<Document> documents,
    Set<String> brokenIds) {

  /** A document of a known kind; {@code schemaValid} false means: declared, but not bindable. */
  record Document(Kind kind, YMap node, boolean schemaValid) {}
}
