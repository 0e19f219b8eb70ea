package io.aami.validate;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.diag.Suggestions;
import io.aami.load.LoadResult;
import io.aami.model.CheckDefinition;
import io.aami.model.ScriptPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typo guard: a policy {@code config} key that its check's {@code default_config} does not have is
 * a warning, because the override would be merged in and silently ignored by the script. Nested
 * maps are compared key by key only where the default has a map too (that is where the deep merge
 * goes); lists and scalars are replaced whole, so their contents are not compared.
 */
final class ConfigKeys implements SemanticCheck {

  @Override
  public void check(LoadResult loaded, Diagnostics out) {
    for (ScriptPolicy policy : loaded.repository().scriptPolicies()) {
      Optional<CheckDefinition> definition = loaded.repository().definitionOf(policy);
      if (definition.isEmpty() || policy.config().isEmpty()) {
        continue;
      }
      String owner =
          policy.source() instanceof ScriptPolicy.FromTemplate ref
              ? "ScriptTemplate '" + ref.templateId() + "'"
              : "this policy";
      compare(
          policy, owner, policy.config(), definition.get().defaultConfig(), new ArrayList<>(), out);
    }
  }

  private static void compare(
      ScriptPolicy policy,
      String owner,
      Map<String, Object> config,
      Map<String, Object> defaults,
      List<String> path,
      Diagnostics out) {
    for (Map.Entry<String, Object> entry : config.entrySet()) {
      String key = entry.getKey();
      path.add(key);
      if (!defaults.containsKey(key)) {
        List<String> at = new ArrayList<>(path.size() + 1);
        at.add("config");
        at.addAll(path);
        out.warning(
            policy.origin().locateKey(at.toArray(String[]::new)),
            Code.CONFIG_UNKNOWN_KEY,
            "config key '"
                + String.join(".", path)
                + "' is not in the default_config of "
                + owner
                + ", so the check may ignore it"
                + Suggestions.didYouMean(key, defaults.keySet()));
      } else if (entry.getValue() instanceof Map<?, ?> nested
          && defaults.get(key) instanceof Map<?, ?> nestedDefaults) {
        compare(policy, owner, cast(nested), cast(nestedDefaults), path, out);
      }
      path.remove(path.size() - 1);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
