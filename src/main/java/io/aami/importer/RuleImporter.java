package io.aami.importer;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.edit.PlainValues;
import io.aami.edit.YamlStyle;
import io.aami.model.AlertSeverity;
import io.aami.model.Kind;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YValues;
import io.aami.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns source rule groups into aami documents: one file per source group under {@code
 * policies/imported/}, an {@code AlertRule} (direct form, {@code exact_name: true}) or a {@code
 * RecordingRule} per rule, in source order, with the comments above each rule, the group's name and
 * interval in {@code rule_group}, and every value as written. A {@code severity} label that is one
 * of aami's severities becomes {@code severity}; any other stays a label. Each file is read back
 * and compared with the documents meant, so a value that would not survive the round trip is an
 * internal error, never a changed rule. Linear in the rules.
 */
public final class RuleImporter {
  /** What an import would write, and the problems of its sources (nothing is written on errors). */
  public record Result(
      List<RuleFileReader.Result> sources,
      List<GeneratedFile> files,
      List<Diagnostic> problems,
      int alertCount,
      int recordCount) {
    public Result {
      sources = List.copyOf(sources);
      files = List.copyOf(files);
      problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
      return problems.stream().anyMatch(Diagnostic::isError);
    }
  }

  private RuleImporter() {}

  public static Result plan(RuleImportRequest request) {
    Diagnostics problems = new Diagnostics();
    List<RuleFileReader.Result> sources = new ArrayList<>();
    List<GeneratedFile> files = new ArrayList<>();
    Map<String, SourceGroup> groupsByName = new HashMap<>();
    int alerts = 0;
    int records = 0;
    for (RuleImportRequest.Source source : request.sources()) {
      RuleFileReader.Result read = RuleFileReader.read(source.name(), source.bytes());
      sources.add(read);
      read.problems().forEach(problems::add);
      for (SourceGroup group : read.groups()) {
        SourceGroup earlier = groupsByName.putIfAbsent(group.name(), group);
        if (earlier != null) {
          problems.error(
              group.at(),
              Code.IMPORT_RULE,
              "rule group '"
                  + group.name()
                  + "' was already"
                  + " read at "
                  + earlier.at()
                  + "; both would render into one group of that name."
                  + " Import them separately with another --group or --id-prefix");
          continue;
        }
        if (group.rules().isEmpty()) {
          problems.warning(
              group.at(),
              Code.IMPORT_RULE,
              "rule group '"
                  + group.name()
                  + "' has no rules to import; no file is written for it");
          continue;
        }
        files.add(file(request, group));
        for (SourceRule rule : group.rules()) {
          if (rule.isRecording()) {
            records++;
          } else {
            alerts++;
          }
        }
      }
    }
    return new Result(sources, files, problems.sorted(), alerts, records);
  }

  /** Ids of every document {@code plan} writes for {@code group}, in source order. */
  public static List<String> ids(RuleImportRequest request, SourceGroup group) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < group.rules().size(); i++) {
      ids.add(
          ImportedIds.ruleId(
              request.prefix(),
              group.name(),
              i,
              group.rules().size(),
              group.rules().get(i).name()));
    }
    return ids;
  }

  private static GeneratedFile file(RuleImportRequest request, SourceGroup group) {
    String path = ImportedIds.filePath(request.prefix(), group.name());
    StringBuilder text = new StringBuilder();
    text.append("# Imported by aami import rules from ")
        .append(group.at().file())
        .append(group.origin() == null ? "" : " (" + group.origin() + ")")
        .append(", rule group '")
        .append(oneLine(group.name()))
        .append("'.\n");
    List<GeneratedFile.Provenance> provenance = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    List<String> ids = ids(request, group);
    int lines = 1;
    for (int i = 0; i < group.rules().size(); i++) {
      SourceRule rule = group.rules().get(i);
      if (i > 0) {
        text.append("---\n");
        lines++;
      }
      if (!rule.comments().isEmpty()) {
        text.append(rule.comments()).append('\n');
        lines += lineCount(rule.comments()) + 1;
      }
      Map<String, Object> document = document(request, group, rule, ids.get(i));
      String entries = YamlStyle.blockEntries(document, 0, "\n");
      text.append(entries);
      provenance.add(
          new GeneratedFile.Provenance(lines + 1, lines + lineCount(entries), rule.at()));
      lines += lineCount(entries);
      expected.add(PlainValues.normalize(document));
    }
    verify(path, text.toString(), expected);
    return new GeneratedFile(path, text.toString(), provenance);
  }

  private static Map<String, Object> document(
      RuleImportRequest request, SourceGroup group, SourceRule rule, String id) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", Kind.API_VERSION);
    doc.put(
        "kind", rule.isRecording() ? Kind.RECORDING_RULE.kindName() : Kind.ALERT_RULE.kindName());
    doc.put("id", id);
    if (request.global()) {
      doc.put("scope", "global");
    } else {
      doc.put("group_id", request.groupId());
    }
    Map<String, String> labels = new LinkedHashMap<>(rule.labels());
    if (rule.isRecording()) {
      doc.put("record", rule.record());
      doc.put("expr", rule.expr());
      if (!labels.isEmpty()) {
        doc.put("labels", labels);
      }
    } else {
      doc.put("name", rule.alert());
      doc.put("exact_name", true);
      String severity = labels.get("severity");
      if (severity != null && AlertSeverity.fromId(severity).isPresent()) {
        doc.put("severity", severity);
        labels.remove("severity");
      }
      doc.put("query_template", rule.expr());
      Map<String, Object> config = new LinkedHashMap<>();
      if (rule.forDuration() != null) {
        config.put("for_duration", rule.forDuration());
      }
      if (rule.keepFiringFor() != null) {
        config.put("keep_firing_for", rule.keepFiringFor());
      }
      if (!labels.isEmpty()) {
        config.put("labels", labels);
      }
      if (!rule.annotations().isEmpty()) {
        config.put("annotations", new LinkedHashMap<>(rule.annotations()));
      }
      if (!config.isEmpty()) {
        doc.put("config", config);
      }
    }
    Map<String, Object> ruleGroup = new LinkedHashMap<>();
    ruleGroup.put("name", group.name());
    if (group.interval() != null) {
      ruleGroup.put("interval", group.interval());
    }
    doc.put("rule_group", ruleGroup);
    return doc;
  }

  /** The written text reads back as exactly the documents meant. */
  private static void verify(String path, String text, List<Object> expected) {
    ParsedYaml parsed = YamlReader.read(path, text.getBytes(StandardCharsets.UTF_8));
    List<Object> actual = parsed.documents().stream().map(YValues::toPlain).toList();
    if (!parsed.diagnostics().isEmpty() || !actual.equals(expected)) {
      throw new IllegalStateException(
          "internal error: "
              + path
              + " would not read back as the"
              + " imported rules; please report this with the source file");
    }
  }

  private static int lineCount(CharSequence text) {
    int lines = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]", " ");
  }

  /** Where the rules behind {@code d} came from, for a location in a written file. */
  static SourceLocation sourceOf(List<GeneratedFile> files, Diagnostic d) {
    for (GeneratedFile f : files) {
      if (f.path().equals(d.file())) {
        return f.sourceOf(d.line()).orElse(null);
      }
    }
    return null;
  }
}
