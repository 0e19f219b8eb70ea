package io.aami.validate;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.load.LoadResult;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import java.util.regex.Pattern;

/**
 * {@code version} and {@code template_version} are strict Semantic Versioning 2.0.0: exactly
 * MAJOR.MINOR.PATCH, no leading zeros, optional pre-release and build metadata. Pins compare
 * versions as text, so "1.0" and "v1.0.0" would otherwise look like different versions of 1.0.0.
 */
final class SemanticVersions implements SemanticCheck {
  private static final String NUMBER = "(?:0|[1-9][0-9]*)";
  private static final String IDENTIFIER = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
  private static final Pattern SEMVER =
      Pattern.compile(
          NUMBER
              + "\\."
              + NUMBER
              + "\\."
              + NUMBER
              + "(?:-"
              + IDENTIFIER
              + "(?:\\."
              + IDENTIFIER
              + ")*)?"
              + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  static boolean isValid(String version) {
    return version != null && SEMVER.matcher(version).matches();
  }

  @Override
  public void check(LoadResult loaded, Diagnostics out) {
    for (ScriptTemplate template : loaded.repository().scriptTemplates()) {
      require(template.definition().version(), "version", template.origin(), out);
    }
    for (ScriptPolicy policy : loaded.repository().scriptPolicies()) {
      if (policy.source() instanceof ScriptPolicy.Direct direct) {
        require(direct.definition().version(), "version", policy.origin(), out);
      } else if (policy.source() instanceof ScriptPolicy.FromTemplate ref
          && ref.pinnedVersion() != null) {
        require(ref.pinnedVersion(), "template_version", policy.origin(), out);
      }
    }
  }

  private static void require(
      String version, String field, io.aami.model.Origin origin, Diagnostics out) {
    if (!isValid(version)) {
      out.error(
          origin.locate(field),
          Code.SEMVER,
          field
              + " '"
              + version
              + "' is not a semantic version; write MAJOR.MINOR.PATCH such as 1.0.0"
              + " (optionally -prerelease and +build, no leading zeros)");
    }
  }
}
