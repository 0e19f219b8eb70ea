package io.aami.importer;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.diag.Suggestions;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import io.aami.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the rule groups of one source file in any of the shapes rules are kept in: a Prometheus
 * rule file ({@code groups:}), a Mimir or Cortex ruler namespace ({@code namespace:} and {@code
 * groups:}), a prometheus-operator {@code PrometheusRule} ({@code spec.groups}), and a Kubernetes
 * {@code kind: List} of them; several YAML documents per file. Nothing is dropped silently: a rule
 * or group field that cannot be carried over is a located diagnostic (an error for a rule left out,
 * a warning for a group field aami does not keep), and a Helm template is refused with the command
 * that renders it. Linear in the file.
 */
public final class RuleFileReader {
  /** What one file gave: its text (for carets), its groups and the problems found. */
  public record Result(
      String file, String text, List<SourceGroup> groups, List<Diagnostic> problems) {
    public Result {
      groups = List.copyOf(groups);
      problems = List.copyOf(problems);
    }

    public int ruleCount() {
      return groups.stream().mapToInt(g -> g.rules().size()).sum();
    }
  }

  private static final Set<String> RULE_FIELDS =
      Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");

  /** Group fields of Prometheus, Mimir and Thanos that aami does not carry over. */
  private static final Set<String> GROUP_FIELDS =
      Set.of(
          "name",
          "interval",
          "rules",
          "labels",
          "limit",
          "query_offset",
          "source_tenants",
          "evaluation_delay",
          "align_evaluation_time_on_interval",
          "partial_response_strategy");

  /** Helm's objects and functions; Prometheus's templates in annotations have none of them. */
  private static final Pattern HELM =
      Pattern.compile(
          "\\{\\{-?\\s*(\\.Values|\\.Release|\\.Chart|\\.Capabilities|\\$\\.Values|include\\s+\"|toYaml|tpl\\s)");

  /** A template action at column 0, where YAML holds keys: only a template engine removes it. */
  private static final Pattern ACTION_LINE = Pattern.compile("(?m)^\\{\\{");

  private final Diagnostics problems = new Diagnostics();
  private final List<SourceGroup> groups = new ArrayList<>();
  private final String file;
  private String text = "";
  private String[] lines = new String[0];

  private RuleFileReader(String file) {
    this.file = file;
  }

  public static Result read(String file, byte[] bytes) {
    RuleFileReader reader = new RuleFileReader(file);
    reader.readAll(bytes);
    return new Result(file, reader.text, reader.groups, reader.problems.sorted());
  }

  private void readAll(byte[] bytes) {
    ParsedYaml parsed = YamlReader.read(file, bytes);
    text = parsed.text();
    lines = text.split("\n", -1);
    java.util.regex.Matcher helm = HELM.matcher(text);
    if (!helm.find()) {
      helm = ACTION_LINE.matcher(text);
    }
    if (helm.find(0)) {
      int line = lineOf(helm.start());
      problems.error(
          new SourceLocation(file, line, 1),
          Code.IMPORT_SOURCE,
          "this looks like a Helm"
              + " template ('"
              + lines[line - 1].strip()
              + "'); aami imports rendered rules only: run"
              + " 'helm template RELEASE CHART > rules.yaml' and import that file");
      return;
    }
    parsed.diagnostics().forEach(problems::add);
    if (!parsed.diagnostics().isEmpty() && parsed.documents().isEmpty()) {
      return;
    }
    for (YNode document : parsed.documents()) {
      document(document, null);
    }
    if (parsed.documents().isEmpty()) {
      problems.error(
          SourceLocation.wholeFile(file),
          Code.IMPORT_SOURCE,
          "the file holds no YAML"
              + " document; expected a rule file (groups:), a PrometheusRule or a ruler namespace");
    }
  }

  private void document(YNode node, String listItem) {
    if (!(node instanceof YMap map)) {
      problems.error(
          node.location(),
          Code.IMPORT_SOURCE,
          "expected a mapping with groups: (a rule"
              + " file or ruler namespace), or a PrometheusRule, not a "
              + node.typeName());
      return;
    }
    String kind = string(map, "kind");
    if ("List".equals(kind)) {
      map.get("items")
          .ifPresentOrElse(
              items -> {
                if (items instanceof YSeq seq) {
                  seq.items().forEach(item -> document(item, "List item"));
                } else {
                  problems.error(
                      items.location(), Code.IMPORT_SOURCE, "items of a List must be a sequence");
                }
              },
              () -> problems.error(map.location(), Code.IMPORT_SOURCE, "a List without items"));
      return;
    }
    if ("PrometheusRule".equals(kind)) {
      String name =
          map.get("metadata")
              .filter(YMap.class::isInstance)
              .map(m -> string((YMap) m, "name"))
              .orElse("?");
      String namespace =
          map.get("metadata")
              .filter(YMap.class::isInstance)
              .map(m -> string((YMap) m, "namespace"))
              .orElse(null);
      String origin = "PrometheusRule " + (namespace == null ? "" : namespace + "/") + name;
      var spec = map.get("spec");
      if (spec.isEmpty()
          || !(spec.get() instanceof YMap specMap)
          || specMap.get("groups").isEmpty()) {
        problems.error(map.location(), Code.IMPORT_SOURCE, origin + " has no spec.groups");
        return;
      }
      groupList(specMap.get("groups").get(), origin);
      return;
    }
    if (kind != null) {
      problems.error(
          map.get("kind").get().location(),
          Code.IMPORT_SOURCE,
          "kind '"
              + kind
              + "' holds no Prometheus rules; expected a PrometheusRule, a List of them, a rule file"
              + " (groups:) or a ruler namespace (namespace:, groups:)");
      return;
    }
    if (map.get("groups").isEmpty()) {
      problems.error(
          map.location(),
          Code.IMPORT_SOURCE,
          "no groups: here; expected a rule file"
              + " (groups:), a ruler namespace (namespace:, groups:) or a PrometheusRule"
              + (listItem == null ? "" : " as a " + listItem));
      return;
    }
    String namespace = string(map, "namespace");
    groupList(map.get("groups").get(), namespace == null ? null : "namespace " + namespace);
  }

  private void groupList(YNode node, String origin) {
    if (!(node instanceof YSeq seq)) {
      problems.error(
          node.location(), Code.IMPORT_SOURCE, "groups must be a sequence of rule groups");
      return;
    }
    for (YNode item : seq.items()) {
      if (item instanceof YMap group) {
        group(group, origin);
      } else {
        problems.error(item.location(), Code.IMPORT_SOURCE, "a rule group must be a mapping");
      }
    }
  }

  private void group(YMap group, String origin) {
    String name = string(group, "name");
    if (name == null || name.isEmpty()) {
      problems.error(
          group.location(),
          Code.IMPORT_RULE,
          "a rule group without a name; its rules" + " are not imported");
      return;
    }
    for (YMap.Entry e : group.entries()) {
      if (!GROUP_FIELDS.contains(e.name())) {
        problems.error(
            e.key().location(),
            Code.IMPORT_RULE,
            "rule group '"
                + name
                + "': unknown field '"
                + e.name()
                + "'; its rules are not imported");
        return;
      }
      if (!Set.of("name", "interval", "rules", "labels").contains(e.name())) {
        problems.warning(
            e.key().location(),
            Code.IMPORT_RULE,
            "rule group '"
                + name
                + "': "
                + e.name()
                + " is not carried over (aami's rule groups have name, interval and rules);"
                + " set it in the ruler's configuration if it matters");
      }
    }
    Map<String, String> groupLabels = stringMap(group, "labels", "rule group '" + name + "'");
    List<SourceRule> rules = new ArrayList<>();
    group
        .get("rules")
        .ifPresent(
            node -> {
              if (!(node instanceof YSeq seq)) {
                problems.error(
                    node.location(),
                    Code.IMPORT_RULE,
                    "rule group '" + name + "': rules must be" + " a sequence");
                return;
              }
              for (YNode item : seq.items()) {
                SourceRule rule = rule(item, name, groupLabels);
                if (rule != null) {
                  rules.add(rule);
                }
              }
            });
    groups.add(new SourceGroup(name, string(group, "interval"), rules, group.location(), origin));
  }

  /** A rule, or null (reported) when it cannot be imported. */
  private SourceRule rule(YNode node, String group, Map<String, String> groupLabels) {
    String where = "rule group '" + group + "'";
    if (!(node instanceof YMap rule)) {
      problems.error(
          node.location(), Code.IMPORT_RULE, where + ": a rule must be a mapping; not imported");
      return null;
    }
    String alert = string(rule, "alert");
    String record = string(rule, "record");
    String expr = string(rule, "expr");
    if ((alert == null) == (record == null)) {
      problems.error(
          rule.location(),
          Code.IMPORT_RULE,
          where + ": a rule needs exactly one of alert" + " or record; not imported");
      return null;
    }
    String subject =
        where + ", " + (alert != null ? "alert '" + alert + "'" : "record '" + record + "'");
    for (YMap.Entry e : rule.entries()) {
      if (!RULE_FIELDS.contains(e.name())) {
        problems.error(
            e.key().location(),
            Code.IMPORT_RULE,
            subject
                + ": unknown rule field '"
                + e.name()
                + "'"
                + Suggestions.didYouMean(e.name(), RULE_FIELDS)
                + " (a rule has alert"
                + " or record, expr, for, keep_firing_for, labels, annotations); rule not imported");
        return null;
      }
    }
    if (expr == null || expr.isBlank()) {
      problems.error(rule.location(), Code.IMPORT_RULE, subject + ": no expr; not imported");
      return null;
    }
    if (record != null) {
      for (String field : List.of("for", "keep_firing_for", "annotations")) {
        if (rule.get(field).isPresent()) {
          problems.error(
              rule.entry(field).get().key().location(),
              Code.IMPORT_RULE,
              subject
                  + ": a recording rule cannot have "
                  + field
                  + " (Prometheus refuses it); not imported");
          return null;
        }
      }
    }
    Map<String, String> labels = new LinkedHashMap<>(groupLabels);
    labels.putAll(stringMap(rule, "labels", subject));
    Map<String, String> annotations = stringMap(rule, "annotations", subject);
    return new SourceRule(
        alert,
        record,
        expr,
        string(rule, "for"),
        string(rule, "keep_firing_for"),
        labels,
        annotations,
        commentsAbove(rule.location().line()),
        rule.location());
  }

  /** A scalar field's text; null when absent or null. A non-scalar is reported. */
  private String string(YMap map, String key) {
    var node = map.get(key);
    if (node.isEmpty()) {
      return null;
    }
    if (node.get() instanceof YScalar s) {
      return s.type() == YScalar.ScalarType.NULL ? null : s.text();
    }
    problems.error(
        node.get().location(),
        Code.IMPORT_SOURCE,
        "'" + key + "' must be a single value," + " not a " + node.get().typeName());
    return null;
  }

  private Map<String, String> stringMap(YMap map, String key, String subject) {
    Map<String, String> values = new LinkedHashMap<>();
    map.get(key)
        .ifPresent(
            node -> {
              if (node instanceof YMap m) {
                for (YMap.Entry e : m.entries()) {
                  if (e.value() instanceof YScalar s) {
                    values.put(e.name(), s.type() == YScalar.ScalarType.NULL ? "" : s.text());
                  } else {
                    problems.error(
                        e.value().location(),
                        Code.IMPORT_RULE,
                        subject
                            + ": "
                            + key
                            + "."
                            + e.name()
                            + " must be a string, not a "
                            + e.value().typeName()
                            + "; left out");
                  }
                }
              } else if (!(node instanceof YScalar s && s.type() == YScalar.ScalarType.NULL)) {
                problems.error(
                    node.location(),
                    Code.IMPORT_RULE,
                    subject + ": " + key + " must be a mapping; left out");
              }
            });
    return values;
  }

  /**
   * The comment lines directly above {@code line} (1-based), a sequence item's dash included:
   * scanning upwards stops at the first line that is neither a comment nor blank, so a comment
   * belongs to the rule it precedes.
   */
  private String commentsAbove(int line) {
    List<String> found = new ArrayList<>();
    for (int i = line - 2; i >= 0; i--) {
      String stripped = lines[i].strip();
      if (stripped.startsWith("#")) {
        found.add(0, stripped);
      } else if (!stripped.isEmpty()) {
        break;
      }
    }
    return String.join("\n", found);
  }

  private int lineOf(int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
