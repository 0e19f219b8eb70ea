package io.aami.load;

import io.aami.diag.Diagnostic;
import io.aami.model.Kind;
import io.aami.model.Repository;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What loading produced: the model of every document that was well-formed, the problems found on
 * the way, the text of each YAML file (for carets in reports), and the ids of documents that were
 * declared but could not be bound, so later checks do not report them as unknown.
 */
public record LoadResult(
    Repository repository,
    List<Diagnostic> diagnostics,
    SourceTexts sources,
    Map<Kind, Set<String>> unboundIds) {

  public boolean declared(Kind kind, String id) {
    return unboundIds.getOrDefault(kind, Set.of()).contains(id);
  }
}
