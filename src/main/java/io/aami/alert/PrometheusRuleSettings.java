package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Suggestions;
import io.aami.model.Settings;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code prometheus_rule} section of {@code aami.yaml}: metadata of the rendered PrometheusRule
 * objects.
 *
 * <pre>
 * prometheus_rule:
 *   namespace: monitoring        # optional; omitted from metadata when unset
 *   name_prefix: aami-           # optional; default "aami-"
 *   labels:                      # optional; e.g. what the Prometheus ruleSelector matches
 *     release: prometheus
 *   annotations:                 # optional
 *     owner: infra
 * </pre>
 *
 * Other top-level sections of {@code aami.yaml} belong to other features and are not checked here.
 */
public record PrometheusRuleSettings(
    Optional<String> namespace,
    String namePrefix,
    SortedMap<String, String> labels,
    SortedMap<String, String> annotations) {

  public static final String SECTION = "prometheus_rule";
  public static final String DEFAULT_NAME_PREFIX = "aami-";
  public static final PrometheusRuleSettings DEFAULT =
      new PrometheusRuleSettings(
          Optional.empty(), DEFAULT_NAME_PREFIX, new TreeMap<>(), new TreeMap<>());

  private static final Set<String> FIELDS =
      Set.of("namespace", "name_prefix", "labels", "annotations");
  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern NAME_PREFIX = Pattern.compile("([a-z0-9][-a-z0-9.]*)?");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final int MAX_NAME_PREFIX = 200;

  /** Kubernetes' limit for a DNS-1123 label, a label value, and the name part of a key. */
  private static final int MAX_NAME = 63;

  public PrometheusRuleSettings {
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }

  /** Settings with every valid field applied, and a located diagnostic for every invalid one. */
  public record Parsed(PrometheusRuleSettings settings, List<Diagnostic> diagnostics) {
    public Parsed {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public static Parsed parse(Settings settings) {
    if (settings.document().isEmpty()) {
      return new Parsed(DEFAULT, List.of());
    }
    YMap document = settings.document().get();
    List<Diagnostic> problems = new ArrayList<>();
    for (YMap.Entry e : document.entries()) {
      if (!e.name().equals(SECTION)
          && Suggestions.closest(e.name(), List.of(SECTION)).isPresent()) {
        problems.add(
            Diagnostic.warning(
                e.key().location(),
                Code.SETTINGS,
                "section '" + e.name() + "' is not read by aami; did you mean '" + SECTION + "'?"));
      }
    }
    Optional<YNode> section = valueOf(document, SECTION);
    if (section.isEmpty()) {
      return new Parsed(DEFAULT, problems);
    }
    if (!(section.get() instanceof YMap map)) {
      problems.add(
          Diagnostic.error(
              section.get().location(),
              Code.SETTINGS,
              SECTION + " must be a mapping, not " + section.get().typeName()));
      return new Parsed(DEFAULT, problems);
    }
    for (YMap.Entry e : map.entries()) {
      if (!FIELDS.contains(e.name())) {
        problems.add(
            Diagnostic.error(
                e.key().location(),
                Code.SETTINGS,
                "unknown field '"
                    + e.name()
                    + "' in "
                    + SECTION
                    + "; known: annotations, labels, name_prefix, namespace"
                    + Suggestions.didYouMean(e.name(), FIELDS)));
      }
    }
    Optional<String> namespace =
        string(map, "namespace", problems)
            .filter(
                ns -> {
                  if (ns.length() <= MAX_NAME && DNS1123_LABEL.matcher(ns).matches()) {
                    return true;
                  }
                  problems.add(
                      Diagnostic.error(
                          map.get("namespace").orElseThrow().location(),
                          Code.SETTINGS,
                          "namespace '"
                              + ns
                              + "' is not a Kubernetes namespace name (lowercase letters, digits and"
                              + " '-', starting and ending with a letter or digit, at most 63 characters)"));
                  return false;
                });
    String prefix =
        string(map, "name_prefix", problems)
            .filter(
                p -> {
                  if (p.length() <= MAX_NAME_PREFIX && NAME_PREFIX.matcher(p).matches()) {
                    return true;
                  }
                  problems.add(
                      Diagnostic.error(
                          map.get("name_prefix").orElseThrow().location(),
                          Code.SETTINGS,
                          "name_prefix '"
                              + p
                              + "' must be empty or start with a lowercase letter or digit and hold"
                              + " only lowercase letters, digits, '-' and '.' (at most "
                              + MAX_NAME_PREFIX
                              + " characters)"));
                  return false;
                })
            .orElse(DEFAULT_NAME_PREFIX);
    SortedMap<String, String> labels = stringMap(map, "labels", true, problems);
    SortedMap<String, String> annotations = stringMap(map, "annotations", false, problems);
    return new Parsed(new PrometheusRuleSettings(namespace, prefix, labels, annotations), problems);
  }

  /** The value of {@code key}; empty when the key is missing or its value is null ({@code ~}). */
  private static Optional<YNode> valueOf(YMap map, String key) {
    return map.get(key)
        .filter(node -> !(node instanceof YScalar s && s.type() == YScalar.ScalarType.NULL));
  }

  private static Optional<String> string(YMap map, String key, List<Diagnostic> problems) {
    Optional<YNode> node = valueOf(map, key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof YScalar s && s.isString()) {
      return Optional.of(s.text());
    }
    problems.add(
        Diagnostic.error(
            node.get().location(),
            Code.SETTINGS,
            SECTION
                + "."
                + key
                + " must be a string, not "
                + node.get().typeName()
                + quoteHint(node.get())));
    return Optional.empty();
  }

  private static SortedMap<String, String> stringMap(
      YMap map, String key, boolean labelValues, List<Diagnostic> problems) {
    SortedMap<String, String> result = new TreeMap<>();
    Optional<YNode> node = valueOf(map, key);
    if (node.isEmpty()) {
      return result;
    }
    if (!(node.get() instanceof YMap entries)) {
      problems.add(
          Diagnostic.error(
              node.get().location(),
              Code.SETTINGS,
              SECTION + "." + key + " must be a mapping, not " + node.get().typeName()));
      return result;
    }
    for (YMap.Entry e : entries.entries()) {
      boolean ok = true;
      if (!isQualifiedName(e.name())) {
        problems.add(
            Diagnostic.error(
                e.key().location(),
                Code.SETTINGS,
                "'"
                    + e.name()
                    + "' is not a"
                    + " Kubernetes "
                    + (labelValues ? "label" : "annotation")
                    + " key ([prefix/]name: name at"
                    + " most 63 characters of letters, digits, '-', '_', '.', starting and ending with a letter"
                    + " or digit; prefix a DNS subdomain)"));
        ok = false;
      }
      if (!(e.value() instanceof YScalar s) || !s.isString()) {
        problems.add(
            Diagnostic.error(
                e.value().location(),
                Code.SETTINGS,
                SECTION
                    + "."
                    + key
                    + "."
                    + e.name()
                    + " must be a string, not "
                    + e.value().typeName()
                    + quoteHint(e.value())));
        continue;
      }
      if (labelValues && !isLabelValue(s.text())) {
        problems.add(
            Diagnostic.error(
                s.location(),
                Code.SETTINGS,
                "'"
                    + s.text()
                    + "' is not a"
                    + " Kubernetes label value (at most 63 characters of letters, digits, '-', '_', '.',"
                    + " starting and ending with a letter or digit, or empty)"));
        ok = false;
      }
      if (ok) {
        result.put(e.name(), s.text());
      }
    }
    return result;
  }

  private static String quoteHint(YNode node) {
    return node instanceof YScalar s && s.plain() && s.type() != YScalar.ScalarType.NULL
        ? "; quote it"
        : "";
  }

  static boolean isQualifiedName(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || !AlertNames.isDns1123Subdomain(prefix)) {
        return false;
      }
    }
    return name.length() <= MAX_NAME && QUALIFIED_NAME.matcher(name).matches();
  }

  static boolean isLabelValue(String value) {
    return value.isEmpty()
        || (value.length() <= MAX_NAME && QUALIFIED_NAME.matcher(value).matches());
  }
}
