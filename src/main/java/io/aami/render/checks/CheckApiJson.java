package io.aami.render.checks;

import io.aami.json.CanonicalJson;
import io.aami.resolve.EffectiveCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of the checks API, exactly what node agents parse: an array of objects with the
 * seed's fields plus {@code timeout_seconds}, ordered by check name, in {@link CanonicalJson}.
 * Field names are a public contract.
 */
public final class CheckApiJson {
  private CheckApiJson() {}

  public static String document(List<EffectiveCheck> checks) {
    return CanonicalJson.write(array(checks));
  }

  /** The array as plain values, for reports that embed it. */
  public static List<Object> array(List<EffectiveCheck> checks) {
    List<EffectiveCheck> byName = new ArrayList<>(checks);
    byName.sort(java.util.Comparator.comparing(EffectiveCheck::name));
    List<Object> array = new ArrayList<>(byName.size());
    byName.forEach(check -> array.add(fields(check)));
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
    return fields;
  }
}
