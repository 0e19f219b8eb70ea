package io.aami.model;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One mapping of {@code aami.yaml} whose shape the settings schema has checked: reads return what
 * is there, and empty for a field that is absent or written as null ({@code ~}), which means the
 * default. Only what a schema cannot say is checked here.
 *
 * @param path the dotted path of the mapping ({@code prometheus.basic_auth}), for messages
 */
public record SettingsSection(String path, YMap map) {

  /** The value of {@code key} unless absent or null. */
  public Optional<YNode> node(String key) {
    return map.get(key).filter(node -> !Settings.isNull(node));
  }

  public Optional<String> string(String key) {
    return node(key).map(node -> ((YScalar) node).text());
  }

  public Optional<Boolean> bool(String key) {
    return node(key).map(node -> (Boolean) ((YScalar) node).value());
  }

  /** An integer; JSON Schema lets {@code 5.0} pass as one too. */
  public Optional<Long> integer(String key) {
    return node(key).map(node -> ((Number) ((YScalar) node).value()).longValue());
  }

  /** A nested mapping; empty when absent or null. */
  public Optional<SettingsSection> section(String key) {
    return node(key).map(node -> new SettingsSection(path + "." + key, (YMap) node));
  }

  /** A mapping of strings, sorted by key; empty when absent or null. */
  public SortedMap<String, String> strings(String key) {
    SortedMap<String, String> result = new TreeMap<>();
    section(key)
        .ifPresent(
            nested -> nested.map.entries().forEach(e -> result.put(e.name(), text(e.value()))));
    return result;
  }

  /** The items of a nested list; none when absent or null. */
  public List<YScalar> list(String key) {
    return node(key).map(node -> scalars(((YSeq) node).items())).orElse(List.of());
  }

  /**
   * The duration at {@code key}, or empty after adding a located problem to {@code problems} for a
   * value the schema's pattern lets through but that is no use here: zero where {@code positive} is
   * asked for, or too long to count in milliseconds.
   */
  public Optional<Duration> duration(String key, boolean positive, List<Diagnostic> problems) {
    Optional<YNode> node = node(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> value =
        PromDuration.parse(text(node.get()))
            .map(PromDuration::value)
            .filter(d -> !positive || !d.isZero());
    if (value.isEmpty()) {
      problems.add(
          Diagnostic.error(
              node.get().location(),
              Code.SETTINGS,
              "'"
                  + path
                  + "."
                  + key
                  + "' must be a "
                  + (positive ? "positive " : "")
                  + "duration of at most 292 years, such as 60s or 5m"));
    }
    return value;
  }

  static List<YScalar> scalars(List<YNode> items) {
    return items.stream().map(YScalar.class::cast).toList();
  }

  private static String text(YNode node) {
    return ((YScalar) node).text();
  }
}
