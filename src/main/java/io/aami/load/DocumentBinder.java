package io.aami.load;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.model.AlertConfig;
import io.aami.model.AlertRule;
import io.aami.model.AlertSeverity;
import io.aami.model.AlertTemplate;
import io.aami.model.CheckDefinition;
import io.aami.model.Group;
import io.aami.model.Language;
import io.aami.model.MetricDeclaration;
import io.aami.model.Origin;
import io.aami.model.PromDuration;
import io.aami.model.RecordingRule;
import io.aami.model.RuleGroup;
import io.aami.model.Scope;
import io.aami.model.Script;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import io.aami.model.Target;
import io.aami.yaml.YMap;
import io.aami.yaml.YValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one schema-valid document into its model record. It still checks every field it reads, so a
 * document the schema let through in an unexpected shape is reported, not mis-bound.
 */
final class DocumentBinder {
  private static final Set<String> ALERT_CONFIG_FIELDS =
      Set.of("for_duration", "keep_firing_for", "labels", "annotations");

  private final ScriptFiles scripts;
  private final Diagnostics problems;

  DocumentBinder(ScriptFiles scripts, Diagnostics problems) {
    this.scripts = scripts;
    this.problems = problems;
  }

  Optional<ScriptTemplate> scriptTemplate(String file, YMap doc) {
    Fields f = new Fields(doc, problems);
    CheckDefinition definition = checkDefinition(file, f);
    String description = f.optionalString("description");
    String hash = f.optionalString("hash");
    return f.valid() && definition != null
        ? Optional.of(new ScriptTemplate(definition, description, hash, new Origin(file, doc)))
        : Optional.empty();
  }

  Optional<ScriptPolicy> scriptPolicy(String file, YMap doc) {
    Fields f = new Fields(doc, problems);
    String id = f.requiredString("id");
    String scopeName = f.requiredString("scope");
    String groupId = f.optionalString("group_id");
    Scope scope = null;
    if ("global".equals(scopeName) && groupId != null) {
      problems.error(
          doc.entry("group_id").orElseThrow().key().location(),
          Code.SCOPE,
          "'group_id' is not allowed with scope 'global'; remove it or set scope: group");
    } else if ("global".equals(scopeName)) {
      scope = new Scope.Global();
    } else if ("group".equals(scopeName) && groupId == null && !f.has("group_id")) {
      problems.error(
          doc.get("scope").orElseThrow().location(),
          Code.SCOPE,
          "scope 'group' needs 'group_id': the id of the group this policy applies to");
    } else if ("group".equals(scopeName)) {
      scope = groupId == null ? null : new Scope.InGroup(groupId);
    } else if (scopeName != null) {
      problems.error(
          doc.get("scope").orElseThrow().location(),
          Code.SCOPE,
          "scope must be 'global' or 'group', not '" + scopeName + "'");
    }
    ScriptPolicy.CheckSource source;
    if (f.has("template_id")) {
      source =
          new ScriptPolicy.FromTemplate(
              f.requiredString("template_id"), f.optionalString("template_version"));
    } else {
      CheckDefinition definition = checkDefinition(file, f);
      source = definition == null ? null : new ScriptPolicy.Direct(definition);
    }
    Map<String, Object> config = f.plainMap("config");
    int priority = f.integer("priority", ScriptPolicy.DEFAULT_PRIORITY);
    boolean active = f.bool("is_active", true);
    if (!f.valid() || scope == null || source == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ScriptPolicy(id, scope, source, config, priority, active, new Origin(file, doc)));
  }

  Optional<AlertTemplate> alertTemplate(String file, YMap doc) {
    Fields f = new Fields(doc, problems);
    String id = f.requiredString("id");
    String name = f.requiredString("name");
    String description = f.optionalString("description");
    AlertSeverity severity = severity(f, "severity");
    String query = f.requiredString("query_template");
    AlertConfig config = alertConfig(f, "default_config");
    Optional<Map<String, Object>> configSchema = f.optionalPlainMap("config_schema");
    if (!f.valid() || severity == null) {
      return Optional.empty();
    }
    return Optional.of(
        new AlertTemplate(
            id, name, description, severity, query, config, new Origin(file, doc), configSchema));
  }

  Optional<AlertRule> alertRule(String file, YMap doc) {
    Fields f = new Fields(doc, problems);
    String id = f.requiredString("id");
    // The schema reports group_id with scope global, and a group rule without it.
    boolean global = "global".equals(f.optionalString("scope"));
    String groupId = global ? null : f.requiredString("group_id");
    boolean enabled = f.bool("enabled", true);
    int priority = f.integer("priority", AlertRule.DEFAULT_PRIORITY);
    AlertRule.AlertSource source;
    if (f.has("template_id")) {
      source = new AlertRule.FromTemplate(f.requiredString("template_id"));
    } else {
      String name = f.requiredString("name");
      // An imported rule may have no severity at all; it then renders without the label.
      AlertSeverity severity = f.has("severity") ? severity(f, "severity") : null;
      String query = f.requiredString("query_template");
      source =
          severity == null && f.has("severity")
              ? null
              : new AlertRule.Direct(name, severity, query, f.optionalString("description"));
    }
    AlertConfig config = alertConfig(f, "config");
    boolean exactName = f.bool("exact_name", false);
    RuleGroup ruleGroup = ruleGroup(f);
    if (!f.valid() || source == null) {
      return Optional.empty();
    }
    return Optional.of(
        new AlertRule(
            id,
            groupId,
            enabled,
            priority,
            source,
            config,
            exactName,
            ruleGroup,
            new Origin(file, doc)));
  }

  Optional<RecordingRule> recordingRule(String file, YMap doc) {
    Fields f = new Fields(doc, problems);
    String id = f.requiredString("id");
    boolean global = "global".equals(f.optionalString("scope"));
    String groupId = global ? null : f.requiredString("group_id");
    boolean enabled = f.bool("enabled", true);
    String record = f.requiredString("record");
    String expr = f.requiredString("expr");
    Map<String, String> labels = f.stringMap("labels");
    RuleGroup ruleGroup = ruleGroup(f);
    if (!f.valid()) {
      return Optional.empty();
    }
    return Optional.of(
        new RecordingRule(
            id, groupId, enabled, record, expr, labels, ruleGroup, new Origin(file, doc)));
  }

  /** {@code rule_group: {name, interval}}, or null when the rule renders into aami's own group. */
  private RuleGroup ruleGroup(Fields parent) {
    Optional<YMap> node = parent.mapping("rule_group");
    if (node.isEmpty()) {
      return null;
    }
    Fields f = new Fields(node.get(), problems);
    String name = f.requiredString("name");
    String interval = f.optionalString("interval");
    if (!f.valid()) {
      parent.invalidate();
      return null;
    }
    return new RuleGroup(name, interval);
  }

  Optional<Group> group(String file, YMap doc) {
    Fields f = new Fields(doc, problems);
    String id = f.requiredString("id");
    String name = f.optionalString("name");
    int priority = f.integer("priority", Group.DEFAULT_PRIORITY);
    String description = f.optionalString("description");
    return f.valid()
        ? Optional.of(
            new Group(id, name == null ? id : name, priority, description, new Origin(file, doc)))
        : Optional.empty();
  }

  Optional<Target> target(String file, YMap doc) {
    Fields f = new Fields(doc, problems);
    String id = f.requiredString("id");
    String hostname = f.requiredString("hostname");
    String address = f.requiredString("address");
    var groups = f.stringList("groups");
    var labels = f.stringMap("labels");
    return f.valid()
        ? Optional.of(new Target(id, hostname, address, groups, labels, new Origin(file, doc)))
        : Optional.empty();
  }

  private CheckDefinition checkDefinition(String file, Fields f) {
    String name = f.requiredString("name");
    String scriptType = f.optionalString("script_type");
    String languageId = f.requiredString("language");
    String version = f.requiredString("version");
    Map<String, Object> defaults = f.plainMap("default_config");
    String timeoutText = f.optionalString("timeout");
    Language language = null;
    if (languageId != null) {
      language = Language.fromId(languageId).orElse(null);
      if (language == null) {
        problems.error(
            f.valueLocation("language"),
            Code.SCHEMA,
            "language must be bash, sh or python, not '" + languageId + "'");
      }
    }
    PromDuration timeout = CheckDefinition.DEFAULT_TIMEOUT;
    if (timeoutText != null) {
      timeout = PromDuration.parse(timeoutText).orElse(null);
      if (timeout == null) {
        problems.error(
            f.valueLocation("timeout"),
            Code.DURATION,
            "timeout '" + timeoutText + "' is not a Prometheus duration (e.g. 30s, 1m30s)");
      }
    }
    Script script = script(file, f);
    Optional<Map<String, Object>> configSchema = f.optionalPlainMap("config_schema");
    Optional<List<MetricDeclaration>> metrics = metrics(f);
    if (!f.valid() || language == null || timeout == null || script == null) {
      return null;
    }
    return new CheckDefinition(
        name,
        scriptType == null ? "" : scriptType,
        language,
        version,
        defaults,
        script,
        timeout,
        configSchema,
        metrics);
  }

  /**
   * {@code metrics:}, when present; each entry's name and type are required, help and labels not.
   */
  private Optional<List<MetricDeclaration>> metrics(Fields f) {
    if (!f.has("metrics")) {
      return Optional.empty();
    }
    List<MetricDeclaration> metrics = new ArrayList<>();
    for (YMap entry : f.mappings("metrics")) {
      Fields m = new Fields(entry, problems);
      String name = m.requiredString("name");
      String type = m.requiredString("type");
      String help = m.optionalString("help");
      List<String> labels = m.stringList("labels");
      if (!m.valid()) {
        f.invalidate();
      } else {
        metrics.add(new MetricDeclaration(name, type, help == null ? "" : help, labels));
      }
    }
    return Optional.of(List.copyOf(metrics));
  }

  private Script script(String file, Fields f) {
    boolean inline = f.has("script_content");
    boolean external = f.has("script_file");
    if (inline == external) {
      problems.error(
          f.location(),
          Code.SCHEMA,
          "exactly one of 'script_content' or 'script_file' is required");
      return null;
    }
    if (inline) {
      String content = f.requiredString("script_content");
      return content == null ? null : Script.of(content, null);
    }
    String path = f.requiredString("script_file");
    if (path == null) {
      return null;
    }
    return scripts.read(file, path, f.valueLocation("script_file"));
  }

  private AlertSeverity severity(Fields f, String key) {
    String id = f.requiredString(key);
    if (id == null) {
      return null;
    }
    Optional<AlertSeverity> severity = AlertSeverity.fromId(id);
    if (severity.isEmpty()) {
      problems.error(
          f.valueLocation(key),
          Code.SCHEMA,
          "severity must be critical, warning or info, not '" + id + "'");
    }
    return severity.orElse(null);
  }

  private AlertConfig alertConfig(Fields parent, String key) {
    Optional<YMap> node = parent.mapping(key);
    if (node.isEmpty()) {
      return AlertConfig.EMPTY;
    }
    Fields f = new Fields(node.get(), problems);
    String forDuration = f.optionalString("for_duration");
    String keepFiringFor = f.optionalString("keep_firing_for");
    Map<String, String> labels = f.stringMap("labels");
    Map<String, String> annotations = f.stringMap("annotations");
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (YMap.Entry e : node.get().entries()) {
      if (!ALERT_CONFIG_FIELDS.contains(e.name())) {
        parameters.put(e.name(), YValues.toPlain(e.value()));
      }
    }
    if (!f.valid()) {
      parent.invalidate();
    }
    return new AlertConfig(
        forDuration, keepFiringFor, labels, annotations, Collections.unmodifiableMap(parameters));
  }
}
