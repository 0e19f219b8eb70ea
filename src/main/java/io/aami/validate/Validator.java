package io.aami.validate;

import io.aami.diag.Diagnostic;
import io.aami.diag.Diagnostics;
import io.aami.load.LoadResult;
import java.util.List;

/**
 * The semantic checks of {@code aami validate}: everything a JSON Schema cannot see because it
 * spans documents (ids, references, pins, config keys) or needs the script itself (hash, shebang).
 * Alert placeholders/labels/PromQL and policy ambiguity are checked elsewhere.
 */
public final class Validator {
  private static final List<SemanticCheck> CHECKS =
      List.of(
          new UniqueIds(),
          new References(),
          new SemanticVersions(),
          new TemplatePins(),
          new ScriptHashes(),
          new Shebangs(),
          new ConfigKeys(),
          new ConfigTypes(),
          new ConfigSchemas());

  /** Every semantic problem of {@code loaded}, sorted with {@link Diagnostic#ORDER}. */
  public List<Diagnostic> check(LoadResult loaded) {
    Diagnostics out = new Diagnostics();
    for (SemanticCheck check : CHECKS) {
      check.check(loaded, out);
    }
    return out.sorted();
  }
}
