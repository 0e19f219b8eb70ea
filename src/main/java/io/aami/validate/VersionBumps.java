package io.aami.validate;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.CheckDefinition;
import io.aami.model.Origin;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code template/version-not-bumped}: a script whose content changed between two revisions while
 * its {@code version} stayed the same. Nodes and reviewers tell scripts apart by version, so the
 * warning sits on the version field. Compares templates by name and direct policies by id.
 */
public final class VersionBumps {
  private VersionBumps() {}

  public static List<Diagnostic> check(Repository base, Repository head) {
    List<Diagnostic> problems = new ArrayList<>();
    Map<String, CheckDefinition> templatesBefore = new HashMap<>();
    base.scriptTemplates().forEach(t -> templatesBefore.putIfAbsent(t.name(), t.definition()));
    for (ScriptTemplate template : head.scriptTemplates()) {
      compare(
          "template '" + template.name() + "'",
          templatesBefore.get(template.name()),
          template.definition(),
          template.origin(),
          problems);
    }
    Map<String, CheckDefinition> directBefore = new HashMap<>();
    base.scriptPolicies()
        .forEach(p -> direct(p).ifPresent(d -> directBefore.putIfAbsent(p.id(), d)));
    for (ScriptPolicy policy : head.scriptPolicies()) {
      direct(policy)
          .ifPresent(
              d ->
                  compare(
                      "policy '" + policy.id() + "'",
                      directBefore.get(policy.id()),
                      d,
                      policy.origin(),
                      problems));
    }
    return problems;
  }

  private static java.util.Optional<CheckDefinition> direct(ScriptPolicy policy) {
    return policy.source() instanceof ScriptPolicy.Direct direct
        ? java.util.Optional.of(direct.definition())
        : java.util.Optional.empty();
  }

  private static void compare(
      String owner,
      CheckDefinition before,
      CheckDefinition after,
      Origin origin,
      List<Diagnostic> problems) {
    if (before == null
        || before.script().sha256().equals(after.script().sha256())
        || !before.version().equals(after.version())) {
      return;
    }
    problems.add(
        Diagnostic.warning(
            origin.locate("version"),
            Code.VERSION_NOT_BUMPED,
            "the script of "
                + owner
                + " changed since the base revision but its version is still "
                + after.version()
                + "; bump it so that nodes and reviewers see a new version"));
  }
}
