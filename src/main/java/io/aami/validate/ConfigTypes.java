package io.aami.validate;

import io.aami.alert.TemplateAction;
import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.load.LoadResult;
import io.aami.model.AlertRule;
import io.aami.model.AlertTemplate;
import io.aami.model.Repository;
import io.aami.promql.PromQL;
import io.aami.promql.QueryTemplate;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Without a declared {@code config_schema}, the defaults are the only statement of what a config
 * value should be: an override of another JSON type than the default it replaces is a warning
 * ({@code max_offset: ten} over {@code 0.1}), at the override, naming both types and where the
 * default is. An integer over a number default is fine (JSON Schema's integer is a number); null on
 * either side means "unset" and is not compared. Maps are compared key by key where both layers
 * have a map, as the deep merge goes.
 *
 * <p>An alert parameter whose default is a number and that stands outside any string literal of the
 * query is substituted as a number: a value that is not a PromQL number there would select a metric
 * or break the query, so that is an error.
 */
final class ConfigTypes implements SemanticCheck {
  @Override
  public void check(LoadResult loaded, Diagnostics out) {
    Repository repository = loaded.repository();
    Set<SourceLocation> notNumbers = new HashSet<>();
    for (AlertRule rule : repository.alertRules()) {
      if (rule.source() instanceof AlertRule.FromTemplate ref) {
        repository
            .alertTemplate(ref.templateId())
            .filter(t -> t.configSchema().isEmpty())
            .ifPresent(t -> numbersInQuery(rule, t, notNumbers, out));
      }
    }
    List<ConfigLayers> all = new ArrayList<>(ConfigLayers.ofPolicies(repository));
    all.addAll(ConfigLayers.ofAlertRules(repository));
    Diagnostics mismatches = new Diagnostics();
    for (ConfigLayers layers : all) {
      if (layers.schema().isEmpty()) {
        compare(layers, layers.overrides(), layers.defaults(), new ArrayList<>(), mismatches);
      }
    }
    // Where the query breaks, the error says all the warning would.
    mismatches.sorted().stream().filter(d -> !notNumbers.contains(d.location())).forEach(out::add);
  }

  private static void compare(
      ConfigLayers layers,
      Map<String, Object> overrides,
      Map<String, Object> defaults,
      List<String> path,
      Diagnostics out) {
    for (Map.Entry<String, Object> entry : overrides.entrySet()) {
      Object value = entry.getValue();
      Object fallback = defaults.get(entry.getKey());
      path.add(entry.getKey());
      if (value instanceof Map<?, ?> nested && fallback instanceof Map<?, ?> nestedDefaults) {
        compare(layers, cast(nested), cast(nestedDefaults), path, out);
      } else if (value != null
          && fallback != null
          && !compatible(jsonType(value), jsonType(fallback))) {
        String type = jsonType(value);
        out.warning(
            layers.overridesOrigin().locate(layers.overridePath(path)),
            Code.CONFIG_TYPE_MISMATCH,
            "config '"
                + String.join(".", path)
                + "' is "
                + withArticle(type)
                + ", but the default"
                + " it replaces is "
                + withArticle(jsonType(fallback))
                + " (default_config of "
                + layers.owner()
                + " at "
                + layers.defaultsOrigin().locate(layers.defaultPath(path))
                + ")"
                + quotesHint(layers, path, fallback));
      }
      path.remove(path.size() - 1);
    }
  }

  /** An integer where a number is expected is a number; nothing else converts. */
  private static boolean compatible(String override, String fallback) {
    return override.equals(fallback) || (override.equals("integer") && fallback.equals("number"));
  }

  /** A quoted number over a numeric default: the quotes are the likely mistake. */
  private static String quotesHint(ConfigLayers layers, List<String> path, Object fallback) {
    Optional<YNode> node = layers.overridesOrigin().node(layers.overridePath(path));
    boolean numeric = fallback instanceof Number;
    if (numeric
        && node.isPresent()
        && node.get() instanceof YScalar s
        && s.isString()
        && isPromqlNumber(s.text())) {
      return "; remove the quotes";
    }
    return "";
  }

  private static void numbersInQuery(
      AlertRule rule, AlertTemplate template, Set<SourceLocation> reported, Diagnostics out) {
    Set<String> bare = barePlaceholders(template.queryTemplate());
    for (Map.Entry<String, Object> parameter : rule.config().parameters().entrySet()) {
      String name = parameter.getKey();
      Object value = parameter.getValue();
      Object fallback = template.defaultConfig().parameters().get(name);
      if (!bare.contains(name)
          || !(fallback instanceof Number)
          || value == null
          || value instanceof Number
          || (value instanceof String s && isPromqlNumber(s))) {
        continue;
      }
      SourceLocation at = rule.origin().locate("config", name);
      reported.add(at);
      out.error(
          at,
          Code.CONFIG_TYPE_MISMATCH,
          "config '"
              + name
              + "' replaces a number in the query_template of AlertTemplate '"
              + template.id()
              + "' (its default is "
              + fallback
              + "), but "
              + describe(value)
              + " is not a PromQL number;"
              + " the query would compare with something else than a number");
    }
  }

  /** Placeholders outside string literals and comments: substituted as bare tokens. */
  private static Set<String> barePlaceholders(String query) {
    Set<String> names = new HashSet<>();
    for (QueryTemplate.Hole hole :
        QueryTemplate.read(query, TemplateAction.placeholders()).holes()) {
      if (hole.place() == QueryTemplate.Place.CODE) {
        TemplateAction.placeholderAt(query, hole.span().start())
            .flatMap(TemplateAction::placeholder)
            .ifPresent(names::add);
      }
    }
    return names;
  }

  private static boolean isPromqlNumber(String text) {
    return PromQL.isNumber(text.strip());
  }

  static String jsonType(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String) {
      return "string";
    } else if (value instanceof Boolean) {
      return "boolean";
    } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
      return "integer";
    } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return "number";
    } else if (value instanceof List<?>) {
      return "list";
    }
    return "mapping";
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "the string '" + (s.length() <= 60 ? s : s.substring(0, 57) + "...") + "'";
    }
    return withArticle(jsonType(value));
  }

  private static String withArticle(String type) {
    return switch (type) {
      case "integer" -> "an integer";
      case "null" -> "null";
      default -> "a " + type;
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
