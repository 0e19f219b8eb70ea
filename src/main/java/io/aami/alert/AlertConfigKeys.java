package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Suggestions;
import io.aami.model.AlertConfig;
import io.aami.model.AlertRule;
import io.aami.model.AlertTemplate;
import io.aami.model.Origin;
import io.aami.model.Repository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nothing in an alert config is dropped silently. Every key of a template's {@code default_config}
 * or a rule's {@code config} must be one of the alert config's fields ({@code for_duration}, {@code
 * keep_firing_for}, {@code labels}, {@code annotations}) or a <em>parameter</em>: a name that a
 * {@code {{ .name }}} placeholder of the query, a label, an annotation or a direct rule's
 * description uses, or that the template's {@code config_schema} declares under {@code properties}
 * (a schema with {@code patternProperties} or non-false {@code additionalProperties} accepts every
 * key). Anything else ({@code for: 1m}, {@code for_duraton: 5m}, {@code label:}) would validate and
 * vanish from the rendered rule, so it is an error with a did-you-mean. Cost: one scan of each
 * template's and rule's texts, then one set lookup per key.
 */
final class AlertConfigKeys {
  static final List<String> FIELDS =
      List.of("for_duration", "keep_firing_for", "labels", "annotations");

  /** Keys people write from Prometheus or singular habits, and what aami calls them. */
  private static final Map<String, String> ALIASES =
      Map.of(
          "for", "for_duration",
          "keep_firing", "keep_firing_for",
          "label", "labels",
          "annotation", "annotations",
          "duration", "for_duration");

  /** Marks a template whose config_schema accepts keys it does not name. */
  private static final String ANY_KEY = "\0any";

  private AlertConfigKeys() {}

  static List<Diagnostic> check(Repository repository) {
    List<Diagnostic> found = new ArrayList<>();
    Map<String, Set<String>> byTemplate = new HashMap<>();
    for (AlertTemplate template : repository.alertTemplates()) {
      Set<String> known =
          byTemplate.computeIfAbsent(template.id(), id -> templateParameters(template));
      compare(
          template.origin(),
          "default_config",
          template.defaultConfig(),
          known,
          "template '" + template.id() + "'",
          found);
    }
    for (AlertRule rule : repository.alertRules()) {
      Set<String> known = new TreeSet<>();
      String owner;
      if (rule.source() instanceof AlertRule.FromTemplate ref) {
        Optional<AlertTemplate> template = repository.alertTemplate(ref.templateId());
        if (template.isEmpty()) {
          continue; // ref/template already says so; its keys cannot be judged
        }
        known.addAll(
            byTemplate.computeIfAbsent(ref.templateId(), id -> templateParameters(template.get())));
        owner = "template '" + ref.templateId() + "'";
      } else {
        AlertRule.Direct direct = (AlertRule.Direct) rule.source();
        addPlaceholders(direct.queryTemplate(), known);
        addPlaceholders(direct.description(), known);
        owner = "this rule";
      }
      rule.config().labels().values().forEach(text -> addPlaceholders(text, known));
      rule.config().annotations().values().forEach(text -> addPlaceholders(text, known));
      compare(rule.origin(), "config", rule.config(), known, owner, found);
    }
    return found;
  }

  private static void compare(
      Origin origin,
      String section,
      AlertConfig config,
      Set<String> known,
      String owner,
      List<Diagnostic> found) {
    if (known.contains(ANY_KEY)) {
      return;
    }
    for (String key : config.parameters().keySet()) {
      if (known.contains(key) || PlaceholderScope.BUILT_INS.contains(key)) {
        continue; // a built-in's name is reported by the placeholder check
      }
      found.add(
          Diagnostic.error(
              origin.locateKey(section, key),
              Code.ALERT_CONFIG_KEY,
              section
                  + " key '"
                  + key
                  + "' is neither a field of an alert config ("
                  + String.join(", ", FIELDS)
                  + ") nor a parameter of "
                  + owner
                  + parameterList(known)
                  + ", so render would drop it"
                  + hint(key, known)));
    }
  }

  private static String parameterList(Set<String> known) {
    List<String> parameters =
        known.stream().filter(name -> !PlaceholderScope.BUILT_INS.contains(name)).toList();
    if (parameters.isEmpty()) {
      return " (it has no {{ .parameter }} placeholders)";
    }
    List<String> names = parameters.stream().limit(10).toList();
    return " (its parameters: "
        + String.join(", ", names)
        + (parameters.size() > names.size() ? ", ..." : "")
        + ")";
  }

  private static String hint(String key, Set<String> known) {
    String alias = ALIASES.get(key);
    if (alias != null) {
      return "; did you mean '" + alias + "'?";
    }
    Set<String> candidates = new LinkedHashSet<>(FIELDS);
    candidates.addAll(known);
    return Suggestions.didYouMean(key, candidates);
  }

  /** Placeholders of the template's query, labels and annotations, and its schema's properties. */
  private static Set<String> templateParameters(AlertTemplate template) {
    Set<String> known = new TreeSet<>();
    addPlaceholders(template.queryTemplate(), known);
    addPlaceholders(template.description(), known);
    template.defaultConfig().labels().values().forEach(text -> addPlaceholders(text, known));
    template.defaultConfig().annotations().values().forEach(text -> addPlaceholders(text, known));
    template
        .configSchema()
        .ifPresent(
            schema -> {
              if (schema.get("properties") instanceof Map<?, ?> properties) {
                properties.keySet().forEach(k -> known.add(String.valueOf(k)));
              }
              Object additional = schema.get("additionalProperties");
              if (schema.containsKey("patternProperties")
                  || (additional != null && !Boolean.FALSE.equals(additional))) {
                known.add(ANY_KEY);
              }
            });
    return known;
  }

  private static void addPlaceholders(String text, Set<String> into) {
    if (text == null) {
      return;
    }
    for (TemplateAction action : TemplateAction.scan(text)) {
      action.placeholder().ifPresent(into::add);
      action.strayFieldReference().ifPresent(into::add);
    }
  }
}
