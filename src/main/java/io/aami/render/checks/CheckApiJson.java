package io.aami.render.checks;

import io.aami.json.CanonicalJson;
import io.aami.model.MetricDeclaration;
import io.aami.resolve.EffectiveCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The JSON of the checks API, exactly what node agents parse: an array of objects with the seed's
 * fields plus {@code timeout_seconds}, ordered by check name, in {@link CanonicalJson}. The compact
 * form ({@code api/v2}) has the same fields but {@code script_content}, which agents fetch by
 * {@code hash}, and no whitespace. Field names are a public contract.
 */
public final class CheckApiJson {
  private static final String ARRAY_START = "[\n";
  private static final String ARRAY_END = "\n]\n";
  private static final String ELEMENT_SEPARATOR = ",\n";
  private static final String COMPACT_START = "[";
  private static final String COMPACT_END = "]\n";
  private static final String COMPACT_SEPARATOR = ",";

  private CheckApiJson() {}

  public static String document(List<EffectiveCheck> checks) {
    return Documents.inline().document(checks);
  }

  public static String compactDocument(List<EffectiveCheck> checks) {
    return Documents.compact().document(checks);
  }

  /** The array as plain values, for reports that embed it. */
  public static List<Object> array(List<EffectiveCheck> checks) {
    List<Object> array = new ArrayList<>(checks.size());
    byName(checks).forEach(check -> array.add(fields(check)));
    return array;
  }

  public static Map<String, Object> fields(EffectiveCheck check) {
    Map<String, Object> fields = compactFields(check);
    fields.put("script_content", check.scriptContent());
    return fields;
  }

  /** A check of the compact form: every field but the script, which {@code hash} names. */
  public static Map<String, Object> compactFields(EffectiveCheck check) {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("name", check.name());
    fields.put("script_type", check.scriptType());
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
   * Writes many documents whose checks repeat: the resolver hands every target that one policy wins
   * on the same EffectiveCheck instance, so each is serialized once (by identity) and the documents
   * are spliced from those pieces, byte for byte what {@link CanonicalJson} writes for the whole
   * array. A fleet's documents hold tens of thousands of checks but a few thousand distinct ones.
   */
  public static final class Documents {
    private final IdentityHashMap<EffectiveCheck, byte[]> elements = new IdentityHashMap<>();
    private final IdentityHashMap<EffectiveCheck, Integer> lengths = new IdentityHashMap<>();
    private boolean keepBytes = true;
    private final Function<EffectiveCheck, String> element;
    private final String start;
    private final String end;
    private final String separator;
    private final String empty;

    private Documents(
        Function<EffectiveCheck, String> element,
        String start,
        String end,
        String separator,
        String empty) {
      this.element = element;
      this.start = start;
      this.end = end;
      this.separator = separator;
      this.empty = empty;
    }

    /** The {@code api/v1} form, scripts inline. */
    public static Documents inline() {
      return new Documents(
          check -> element(CanonicalJson.write(List.of(fields(check))), ARRAY_START, ARRAY_END),
          ARRAY_START,
          ARRAY_END,
          ELEMENT_SEPARATOR,
          CanonicalJson.write(List.of()));
    }

    /** The {@code api/v2} form. */
    public static Documents compact() {
      return new Documents(
          check ->
              element(
                  CanonicalJson.writeCompact(List.of(compactFields(check))),
                  COMPACT_START,
                  COMPACT_END),
          COMPACT_START,
          COMPACT_END,
          COMPACT_SEPARATOR,
          CanonicalJson.writeCompact(List.of()));
    }

    /** The length in bytes of {@link #bytes}, serializing each distinct check once. */
    public long length(List<EffectiveCheck> checks) {
      if (checks.isEmpty()) {
        return utf8(empty).length;
      }
      long length =
          utf8(start).length
              + utf8(end).length
              + (long) utf8(separator).length * (checks.size() - 1);
      for (EffectiveCheck check : checks) {
        length += elementLength(check);
      }
      return length;
    }

    /**
     * The bytes one check takes inside a document, separator excluded. Only the length is kept when
     * the bytes are not cached already: validate sizes every document but writes none.
     */
    public int elementLength(EffectiveCheck check) {
      byte[] cached = elements.get(check);
      if (cached != null) {
        return cached.length;
      }
      if (keepBytes) {
        return elements.computeIfAbsent(check, c -> utf8(element.apply(c))).length;
      }
      return lengths.computeIfAbsent(check, c -> utf8(element.apply(c)).length);
    }

    /** The same form for {@link #length} alone: serialized checks are measured, not kept. */
    public Documents forSizing() {
      Documents sizing = new Documents(element, start, end, separator, empty);
      sizing.keepBytes = false;
      return sizing;
    }

    public String document(List<EffectiveCheck> checks) {
      return new String(bytes(checks), StandardCharsets.UTF_8);
    }

    /**
     * The document's UTF-8 bytes, copied once from the cached bytes of its elements: a fleet's
     * inline documents are gigabytes, and every extra pass over them (a StringBuilder, its String,
     * the encoding) costs seconds.
     */
    public byte[] bytes(List<EffectiveCheck> checks) {
      if (checks.isEmpty()) {
        return utf8(empty);
      }
      List<EffectiveCheck> sorted = byName(checks);
      byte[][] parts = new byte[sorted.size()][];
      byte[] open = utf8(start);
      byte[] close = utf8(end);
      byte[] between = utf8(separator);
      long length = open.length + close.length + (long) between.length * (parts.length - 1);
      for (int i = 0; i < parts.length; i++) {
        parts[i] = elements.computeIfAbsent(sorted.get(i), c -> utf8(element.apply(c)));
        length += parts[i].length;
      }
      if (length > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException(
            "a checks document of " + length + " bytes is too large");
      }
      byte[] json = new byte[(int) length];
      int at = copy(open, json, 0);
      for (int i = 0; i < parts.length; i++) {
        at = copy(i == 0 ? new byte[0] : between, json, at);
        at = copy(parts[i], json, at);
      }
      copy(close, json, at);
      return json;
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static int copy(byte[] from, byte[] into, int at) {
    System.arraycopy(from, 0, into, at, from.length);
    return at + from.length;
  }

  /** One check as it stands inside the array: no brackets, no separator. */
  private static String element(String alone, String start, String end) {
    if (!alone.startsWith(start) || !alone.endsWith(end)) {
      throw new IllegalStateException(
          "CanonicalJson no longer writes arrays as " + start + " ... " + end);
    }
    return alone.substring(start.length(), alone.length() - end.length());
  }

  private static List<EffectiveCheck> byName(List<EffectiveCheck> checks) {
    List<EffectiveCheck> sorted = new ArrayList<>(checks);
    sorted.sort(Comparator.comparing(EffectiveCheck::name));
    return sorted;
  }
}
