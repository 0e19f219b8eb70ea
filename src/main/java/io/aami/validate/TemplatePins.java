package io.aami.validate;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.load.LoadResult;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import java.util.Optional;

/**
 * A policy's {@code template_version} must equal its template's {@code version}, so that changing a
 * template cannot silently change what pinned policies run: the change fails validation until each
 * pin is reviewed and bumped. Malformed versions are left to {@link SemanticVersions}.
 */
final class TemplatePins implements SemanticCheck {

  @Override
  public void check(LoadResult loaded, Diagnostics out) {
    for (ScriptPolicy policy : loaded.repository().scriptPolicies()) {
      if (!(policy.source() instanceof ScriptPolicy.FromTemplate ref)
          || ref.pinnedVersion() == null) {
        continue;
      }
      Optional<ScriptTemplate> template = loaded.repository().scriptTemplate(ref.templateId());
      if (template.isEmpty()) {
        continue;
      }
      String actual = template.get().definition().version();
      String pinned = ref.pinnedVersion();
      if (pinned.equals(actual)
          || !SemanticVersions.isValid(pinned)
          || !SemanticVersions.isValid(actual)) {
        continue;
      }
      out.error(
          policy.origin().locate("template_version"),
          Code.TEMPLATE_VERSION,
          "template_version '"
              + pinned
              + "' pins ScriptTemplate '"
              + ref.templateId()
              + "', which is now version '"
              + actual
              + "' ("
              + template.get().origin().locate("version")
              + "); review the template change, then bump the pin to '"
              + actual
              + "'");
    }
  }
}
