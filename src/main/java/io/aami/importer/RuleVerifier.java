package io.aami.importer;

import io.aami.alert.AlertRenderException;
import io.aami.alert.ExpandedAlert;
import io.aami.alert.ExpandedRecord;
import io.aami.alert.RulePlan;
import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Diagnostics;
import io.aami.load.SourceTexts;
import io.aami.model.Repository;
import io.aami.render.RenderedFile;
import io.aami.render.prometheus.GlobalRulesRenderer;
import io.aami.render.prometheus.PrometheusRuleFileRenderer;
import io.aami.source.RepositorySource;
import io.aami.validate.CheckedRepository;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YValues;
import io.aami.yaml.YamlReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code aami import rules --verify}: renders the repository as {@code aami render} writes its rule
 * files, reads them back, and compares every source rule with the rule rendered from it (found by
 * the id the import gave it): alert or record name, {@code expr}, {@code for}, {@code
 * keep_firing_for}, labels, annotations, and the rule group's name and interval. The {@code
 * group_id} label aami adds to a group's rules is the one difference allowed; it is counted, not
 * reported. Linear in the rules.
 */
public final class RuleVerifier {
  /** Fields compared, in report order; labels and annotations are compared name by name. */
  private static final List<String> FIELDS =
      List.of("alert", "record", "expr", "for", "keep_firing_for");

  /** The differences (located at the source rules), and counts for the summary. */
  public record Result(
      List<Diagnostic> diagnostics, SourceTexts texts, int rules, int identical, int groupIdOnly) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean passes() {
      return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public String summary() {
      int differing = rules - identical - groupIdOnly;
      return "verified "
          + rules
          + " rule"
          + (rules == 1 ? "" : "s")
          + ": "
          + identical
          + " identical, "
          + groupIdOnly
          + " differing only by the group_id label aami adds, "
          + differing
          + " differing";
    }
  }

  /** A rendered rule: its group's name and interval, and the rule as Prometheus reads it. */
  private record Rendered(String groupName, String interval, Map<String, Object> rule) {}

  private RuleVerifier() {}

  public static Result verify(RepositorySource source, RuleImportRequest request)
      throws IOException {
    RuleImporter.Result imported = RuleImporter.plan(request);
    SourceTexts texts = new SourceTexts();
    imported.sources().forEach(s -> texts.put(s.file(), s.text()));
    Diagnostics out = new Diagnostics();
    imported.problems().forEach(out::add);
    CheckedRepository checked = CheckedRepository.load(source);
    if (!checked.valid()) {
      checked.report().diagnostics().stream().filter(Diagnostic::isError).forEach(out::add);
      checked
          .loaded()
          .sources()
          .files()
          .forEach(f -> checked.loaded().sources().text(f).ifPresent(t -> texts.put(f, t)));
      return new Result(out.sorted(), texts, 0, 0, 0);
    }
    Map<String, Rendered> rendered;
    try {
      rendered = rendered(checked.loaded().repository(), request);
    } catch (AlertRenderException e) {
      e.diagnostics().forEach(out::add);
      return new Result(out.sorted(), texts, 0, 0, 0);
    }
    int rules = 0;
    int identical = 0;
    int groupIdOnly = 0;
    for (RuleFileReader.Result file : imported.sources()) {
      for (SourceGroup group : file.groups()) {
        List<String> ids = RuleImporter.ids(request, group);
        for (int i = 0; i < group.rules().size(); i++) {
          rules++;
          SourceRule rule = group.rules().get(i);
          Rendered r = rendered.get(ids.get(i));
          if (r == null) {
            out.error(
                rule.at(),
                Code.IMPORT_VERIFY,
                describe(rule)
                    + " is not rendered: the"
                    + " repository has no enabled rule '"
                    + ids.get(i)
                    + "' (import it first, with the"
                    + " same --group/--scope and --id-prefix)");
            continue;
          }
          List<String> differences = differences(group, rule, r, request.groupId());
          boolean groupIdAdded = groupIdAdded(rule, r, request.groupId());
          if (differences.isEmpty()) {
            if (groupIdAdded) {
              groupIdOnly++;
            } else {
              identical++;
            }
            continue;
          }
          for (String difference : differences) {
            out.error(rule.at(), Code.IMPORT_VERIFY, describe(rule) + ": " + difference);
          }
        }
      }
    }
    return new Result(out.sorted(), texts, rules, identical, groupIdOnly);
  }

  private static String describe(SourceRule rule) {
    return (rule.isRecording() ? "recording rule '" : "alert '") + rule.name() + "'";
  }

  /**
   * Rule id to its rendered rule, read back from the rendered rule file of the request's scope: the
   * n-th rule of a rendered group is the n-th of its {@link RulePlan} group, records first.
   */
  private static Map<String, Rendered> rendered(Repository repository, RuleImportRequest request) {
    List<RulePlan.RenderedGroup> groups;
    String file;
    if (request.global()) {
      groups = RulePlan.global(repository, GlobalRulesRenderer.GROUP_NAME);
      file =
          new GlobalRulesRenderer()
              .render(repository).stream()
                  .filter(f -> f.path().startsWith(PrometheusRuleFileRenderer.DIRECTORY))
                  .findFirst()
                  .map(RuleVerifier::text)
                  .orElse(null);
    } else {
      groups =
          RulePlan.build(repository).stream()
              .filter(g -> g.group().id().equals(request.groupId()))
              .findFirst()
              .map(RulePlan.GroupRules::ruleGroups)
              .orElse(List.of());
      String path = PrometheusRuleFileRenderer.DIRECTORY + request.groupId() + ".yaml";
      file =
          new PrometheusRuleFileRenderer()
              .render(repository).stream()
                  .filter(f -> f.path().equals(path))
                  .findFirst()
                  .map(RuleVerifier::text)
                  .orElse(null);
    }
    Map<String, Rendered> byId = new HashMap<>();
    if (file == null) {
      return byId;
    }
    ParsedYaml parsed =
        YamlReader.read("rendered.yaml", file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    @SuppressWarnings("unchecked")
    Map<String, Object> document = (Map<String, Object>) YValues.toPlain(parsed.documents().get(0));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> renderedGroups = (List<Map<String, Object>>) document.get("groups");
    for (int g = 0; g < groups.size(); g++) {
      Map<String, Object> renderedGroup = renderedGroups.get(g);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> renderedRules =
          (List<Map<String, Object>>) renderedGroup.get("rules");
      String name = String.valueOf(renderedGroup.get("name"));
      String interval =
          renderedGroup.get("interval") == null
              ? null
              : String.valueOf(renderedGroup.get("interval"));
      int n = 0;
      for (ExpandedRecord record : groups.get(g).records()) {
        byId.put(record.rule().id(), new Rendered(name, interval, renderedRules.get(n++)));
      }
      for (ExpandedAlert alert : groups.get(g).alerts()) {
        byId.put(alert.rule().id(), new Rendered(name, interval, renderedRules.get(n++)));
      }
    }
    return byId;
  }

  private static String text(RenderedFile file) {
    return new String(file.content(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static List<String> differences(
      SourceGroup group, SourceRule rule, Rendered r, String groupId) {
    List<String> found = new ArrayList<>();
    compare(found, "rule group", group.name(), r.groupName());
    compare(found, "rule group interval", group.interval(), r.interval());
    Map<String, String> source = new LinkedHashMap<>();
    source.put("alert", rule.alert());
    source.put("record", rule.record());
    source.put("expr", rule.expr());
    source.put("for", rule.forDuration());
    source.put("keep_firing_for", rule.keepFiringFor());
    for (String field : FIELDS) {
      compare(found, field, source.get(field), text(r.rule().get(field)));
    }
    Map<String, String> renderedLabels = strings(r.rule().get("labels"));
    if (groupId != null
        && groupId.equals(renderedLabels.get("group_id"))
        && !rule.labels().containsKey("group_id")) {
      renderedLabels.remove("group_id");
    }
    compareMaps(found, "labels", rule.labels(), renderedLabels);
    compareMaps(found, "annotations", rule.annotations(), strings(r.rule().get("annotations")));
    return found;
  }

  private static boolean groupIdAdded(SourceRule rule, Rendered r, String groupId) {
    return groupId != null
        && !rule.labels().containsKey("group_id")
        && groupId.equals(strings(r.rule().get("labels")).get("group_id"));
  }

  private static void compare(List<String> found, String field, String source, String rendered) {
    if (!Objects.equals(source, rendered)) {
      found.add(field + ": source " + quoted(source) + ", rendered " + quoted(rendered));
    }
  }

  private static void compareMaps(
      List<String> found,
      String section,
      Map<String, String> source,
      Map<String, String> rendered) {
    TreeSet<String> names = new TreeSet<>(source.keySet());
    names.addAll(rendered.keySet());
    for (String name : names) {
      compare(found, section + "." + name, source.get(name), rendered.get(name));
    }
  }

  private static Map<String, String> strings(Object value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> map.put(String.valueOf(k), text(v)));
    }
    return map;
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  /** A value in a message: quoted, cut to a window when long. */
  private static String quoted(String value) {
    if (value == null) {
      return "(none)";
    }
    String shown = value.length() > 120 ? value.substring(0, 117) + "..." : value;
    return "'" + shown.replace("\n", "\\n") + "'";
  }
}
