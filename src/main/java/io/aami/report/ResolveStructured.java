package io.aami.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.aami.alert.TargetAlerts;
import io.aami.diag.SourceLocation;
import io.aami.json.CanonicalJson;
import io.aami.render.checks.CheckApiJson;
import io.aami.resolve.CandidateExplanation;
import io.aami.resolve.CheckExplanation;
import io.aami.resolve.ConfigProvenance;
import io.aami.resolve.ResolveService;
import io.aami.resolve.ScriptSource;
import io.aami.resolve.TargetExplanation;
import io.aami.resolve.UnreachedCheck;
import io.aami.resolve.ValueSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON and YAML of {@code aami resolve}. Without --explain: the EffectiveCheck array, in JSON the
 * very bytes of the published file. With --explain: {@code {"checks": [...], "explanation":
 * {...}}}. Field names are a contract (see docs/RESOLUTION.md).
 */
final class ResolveStructured {
  private static final ObjectWriter YAML =
      new YAMLMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                  // Every string stays quoted: minimized quotes would turn the string "10" into a
                  // number.
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .writer();

  private ResolveStructured() {}

  static String json(ResolveService.Found found) {
    if (found.explanation() == null) {
      return CheckApiJson.document(found.checks());
    }
    return CanonicalJson.write(tree(found));
  }

  static String yaml(ResolveService.Found found) {
    Object value = found.explanation() == null ? CheckApiJson.array(found.checks()) : tree(found);
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain values are always serializable", e);
    }
  }

  private static Map<String, Object> tree(ResolveService.Found found) {
    Map<String, Object> root = new TreeMap<>();
    root.put("checks", CheckApiJson.array(found.checks()));
    root.put("explanation", explanation(found.explanation()));
    return root;
  }

  private static Map<String, Object> explanation(TargetExplanation e) {
    Map<String, Object> target = new TreeMap<>();
    target.put("id", e.targetId());
    target.put("hostname", e.hostname());
    target.put("groups", e.groups());
    target.put("at", at(e.at()));
    List<Object> checks = new ArrayList<>();
    e.checks().forEach(c -> checks.add(check(c)));
    Map<String, Object> root = new TreeMap<>();
    root.put("target", target);
    root.put("checks", checks);
    List<Object> unreached = new ArrayList<>();
    for (UnreachedCheck u : e.unreached()) {
      List<Object> policies = new ArrayList<>();
      for (UnreachedCheck.Policy p : u.policies()) {
        Map<String, Object> policy = new TreeMap<>();
        policy.put("id", p.id());
        policy.put("group", p.groupId());
        policy.put("active", p.active());
        policy.put("at", at(p.at()));
        policies.add(policy);
      }
      Map<String, Object> check = new TreeMap<>();
      check.put("check", u.check());
      check.put("policies", policies);
      unreached.add(check);
    }
    root.put("not_run", unreached);
    List<Object> alerts = new ArrayList<>();
    for (TargetAlerts.Covering a : e.alerts()) {
      Map<String, Object> rule = new TreeMap<>();
      rule.put("rule", a.ruleId());
      rule.put("alert", a.alert());
      rule.put("scope", a.groupId() == null ? "global" : "group");
      rule.put("group", a.groupId());
      rule.put("at", at(a.at()));
      rule.put("covers", a.covers());
      rule.put("replaced_by_groups", a.replacedBy());
      if (a.forDuration() != null) {
        rule.put("for", a.forDuration());
      }
      if (a.keepFiringFor() != null) {
        rule.put("keep_firing_for", a.keepFiringFor());
      }
      alerts.add(rule);
    }
    root.put("alert_rules", alerts);
    List<Object> records = new ArrayList<>();
    for (TargetAlerts.Covering r : e.recordingRules()) {
      Map<String, Object> rule = new TreeMap<>();
      rule.put("rule", r.ruleId());
      rule.put("record", r.alert());
      rule.put("scope", r.groupId() == null ? "global" : "group");
      rule.put("group", r.groupId());
      rule.put("at", at(r.at()));
      records.add(rule);
    }
    root.put("recording_rules", records);
    return root;
  }

  private static Map<String, Object> check(CheckExplanation c) {
    Map<String, Object> check = new TreeMap<>();
    check.put("check", c.check());
    check.put("applied", c.applied());
    check.put("instance_id", c.applied() ? c.result().instanceId() : null);
    check.put("script", c.script() == null ? null : script(c.script()));
    List<Object> candidates = new ArrayList<>();
    c.candidates().forEach(k -> candidates.add(candidate(k)));
    check.put("candidates", candidates);
    List<Object> config = new ArrayList<>();
    c.config().forEach(p -> config.add(provenance(p)));
    check.put("config", config);
    return check;
  }

  private static Map<String, Object> script(ScriptSource s) {
    Map<String, Object> script = new TreeMap<>();
    script.put("defined_by", s.direct() ? "policy" : "template");
    script.put("name", s.owner());
    script.put("version", s.version());
    script.put("sha256", s.sha256());
    script.put("script_file", s.scriptFile());
    script.put("at", at(s.at()));
    return script;
  }

  private static Map<String, Object> candidate(CandidateExplanation k) {
    Map<String, Object> candidate = new TreeMap<>();
    candidate.put("policy", k.policyId());
    candidate.put("scope", k.scope());
    candidate.put("group", k.groupId());
    candidate.put("priority", k.priority());
    candidate.put("group_priority", k.groupPriority());
    candidate.put("active", k.active());
    candidate.put("at", at(k.at()));
    candidate.put("outcome", k.outcome().id());
    candidate.put("reason", k.reason());
    return candidate;
  }

  private static Map<String, Object> provenance(ConfigProvenance p) {
    Map<String, Object> leaf = new TreeMap<>();
    leaf.put("path", p.path());
    leaf.put("value", p.value());
    leaf.put("source", source(p.source()));
    Map<String, Object> replaced = null;
    if (p.replaced() != null) {
      replaced = source(p.replaced());
      replaced.put("value", p.replacedValue());
    }
    leaf.put("replaced", replaced);
    return leaf;
  }

  private static Map<String, Object> source(ValueSource s) {
    Map<String, Object> source = new TreeMap<>();
    source.put("layer", s.layer().id());
    source.put("owner", s.owner());
    source.put("at", at(s.at()));
    return source;
  }

  private static Map<String, Object> at(SourceLocation location) {
    Map<String, Object> at = new TreeMap<>();
    at.put("file", location.file());
    at.put("line", location.line());
    at.put("column", location.column());
    return at;
  }
}
