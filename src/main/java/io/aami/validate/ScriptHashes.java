package io.aami.validate;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.load.LoadResult;
import io.aami.model.Script;
import io.aami.model.ScriptTemplate;

/**
 * A declared {@code hash} pins the script: it must equal the SHA-256 that aami computes from the
 * script's UTF-8 bytes. The computed hash is what gets published; the declared one is only a guard
 * against a script changing unnoticed.
 */
final class ScriptHashes implements SemanticCheck {

  @Override
  public void check(LoadResult loaded, Diagnostics out) {
    for (ScriptTemplate template : loaded.repository().scriptTemplates()) {
      String declared = template.declaredHash();
      Script script = template.definition().script();
      if (declared == null || declared.equals(script.sha256())) {
        continue;
      }
      String source = script.file() == null ? "script_content" : script.file();
      out.error(
          template.origin().locate("hash"),
          Code.SCRIPT_HASH,
          "hash "
              + declared
              + " does not match the SHA-256 of "
              + source
              + ", which is "
              + script.sha256()
              + "; if the script change is intended, update hash");
    }
  }
}
