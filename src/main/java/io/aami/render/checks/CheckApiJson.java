package io.aami.render.checks;

import io.aami.json.CanonicalJson;
import io.aami.model.MetricDeclaration;
import io.aami.resolve.EffectiveCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of the checks API, exactly what node agents parse: an array of objects with the
 * seed's fields plus {@code timeout_seconds}, ordered by check name, in {@link CanonicalJson}.
 * Field names are a public contract.
 */
public final class CheckApiJson {
  private static final String ARRAY_START = "[\n";
  private static final String ARRAY_END = "\n]\n";
  private static final String ELEMENT_SEPARATOR = ",\n";

  private CheckApiJson() {}

  public static String document(List<EffectiveCheck> checks) {
    return new Documents().document(checks);
  }

  /** The array as plain values, for reports that embed it. */
  public static List<Object> array(List<EffectiveCheck> checks) {
    List<Object> array = new ArrayList<>(checks.size());
    byName(checks).forEach(check -> array.add(fields(check)));
    return array;
  }

  public static Map<String, Object> fields(EffectiveCheck check) {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("name", check.name());
    fields.put("script_type", check.scriptType());
    fields.put("script_content", check.scriptContent());
    fields.put("language", check.language().id());
    fields.put("config", check.config());
    fields.put("version", check.version());
    fields.put("hash", check.hash());
    fields.put("instance_id", check.instanceId());
    fields.put("timeout_seconds", check.timeoutSeconds());
    if (!check.metrics().isEmpty()) {
      fields.put("metrics", metrics(check));
    }
    return fields;
  }

  /** The declared output, for the agent to compare with what the check prints. */
  private static List<Object> metrics(EffectiveCheck check) {
    List<Object> metrics = new ArrayList<>();
    for (MetricDeclaration m : check.metrics()) {
      Map<String, Object> metric = new TreeMap<>();
      metric.put("name", m.name());
      metric.put("type", m.type());
      metric.put("help", m.help());
      metric.put("labels", m.labels());
      metrics.add(metric);
    }
    return metrics;
  }

  /**
   * Writes many documents whose checks repeat: the resolver hands every target that one policy
   * wins on the same EffectiveCheck instance, so each is serialized once (by identity) and the
   * documents are spliced from those pieces, byte for byte what {@link CanonicalJson} writes for
   * the whole array. A fleet's documents hold tens of thousands of checks but a few thousand
   * distinct ones.
   */
  public static final class Documents {
    private final Map<EffectiveCheck, String> elements = new IdentityHashMap<>();

    public String document(List<EffectiveCheck> checks) {
      if (checks.isEmpty()) {
        return CanonicalJson.write(List.of());
      }
      StringBuilder json = new StringBuilder(ARRAY_START);
      String separator = "";
      for (EffectiveCheck check : byName(checks)) {
        json.append(separator).append(elements.computeIfAbsent(check, CheckApiJson::element));
        separator = ELEMENT_SEPARATOR;
      }
      return json.append(ARRAY_END).toString();
    }
  }

  /** One check as it stands inside the array: indented one level, no separator. */
  private static String element(EffectiveCheck check) {
    String alone = CanonicalJson.write(List.of(fields(check)));
    if (!alone.startsWith(ARRAY_START) || !alone.endsWith(ARRAY_END)) {
      throw new IllegalStateException("CanonicalJson no longer writes arrays as [\\n ... \\n]\\n");
    }
    return alone.substring(ARRAY_START.length(), alone.length() - ARRAY_END.length());
  }

  private static List<EffectiveCheck> byName(List<EffectiveCheck> checks) {
    List<EffectiveCheck> sorted = new ArrayList<>(checks);
    sorted.sort(Comparator.comparing(EffectiveCheck::name));
    return sorted;
  }
}
