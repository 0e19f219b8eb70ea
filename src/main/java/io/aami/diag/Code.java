package io.aami.diag;

/**
 * Every diagnostic code aami emits. The ids are part of the public contract (CI filters and
 * suppressions match on them): never rename one, only add.
 */
public enum Code {
  IO("io/read", "a file could not be read"),
  YAML_SYNTAX("yaml/syntax", "malformed YAML"),
  YAML_ENCODING("yaml/encoding", "file is not valid UTF-8"),
  YAML_DUPLICATE_KEY("yaml/duplicate-key", "a mapping repeats a key"),
  YAML_TOO_LARGE("yaml/too-large", "file or alias expansion exceeds the safety limits"),
  YAML_TYPE_TRAP("yaml/type-trap", "a YAML 1.1 boolean or number where a string is expected"),
  YAML_UNSUPPORTED(
      "yaml/unsupported", "YAML feature aami does not accept (merge keys, custom tags)"),
  KIND_UNKNOWN("schema/kind", "missing or unknown apiVersion or kind"),
  SCHEMA("schema", "document does not match the kind's JSON Schema"),
  DUPLICATE_ID("ref/duplicate-id", "two objects of one kind share an id"),
  UNKNOWN_TEMPLATE("ref/template", "template_id names no template"),
  UNKNOWN_GROUP("ref/group", "group_id or a target's group names no group"),
  SCOPE("policy/scope", "scope and group_id disagree"),
  TEMPLATE_VERSION("policy/template-version", "template_version pin differs from the template"),
  CONFIG_UNKNOWN_KEY("policy/config-key", "policy config key not in the template's default_config"),
  CONFIG_SCHEMA(
      "config/schema",
      "a merged config breaks its template's config_schema, or config_schema is not a valid schema"),
  CONFIG_TYPE_MISMATCH(
      "config/type-mismatch",
      "a config override has another JSON type than the default it replaces"),
  AMBIGUOUS_POLICY("policy/ambiguous", "two policies tie for one check on one target"),
  SCRIPT_FILE("script/file", "script_file missing, not a file, or outside the repository"),
  SCRIPT_HASH("script/hash", "declared hash differs from the script's SHA-256"),
  SCRIPT_SHEBANG("script/shebang", "script shebang disagrees with language"),
  SEMVER("format/semver", "version is not semantic"),
  VERSION_NOT_BUMPED(
      "template/version-not-bumped",
      "a script changed since the base revision but its version did not (validate --base)"),
  DURATION("format/duration", "not a Prometheus duration"),
  PRIORITY("format/priority", "priority is not an integer"),
  LABEL_NAME("alert/label-name", "invalid Prometheus label name"),
  LABEL_VALUE("alert/label-value", "label or annotation value is not a string"),
  PLACEHOLDER("alert/placeholder", "unknown {{ .param }} placeholder"),
  ALERT_TEMPLATE(
      "alert/template",
      "a label or annotation is not a valid Prometheus template (Go text/template syntax, functions, variables)"),
  PROMQL("alert/promql", "query does not parse as PromQL"),
  ALERT_NON_PRIMARY_GROUP(
      "alert/non-primary-group",
      "a rule selects group_id of a group that some target has only as a non-primary group"),
  ALERT_DUPLICATE("alert/duplicate", "two rules of a group render the same alert name and labels"),
  ALERT_NO_CONDITION(
      "alert/no-condition",
      "a query without a comparison or filter fires whenever the series exists"),
  ALERT_TEMPLATE_LABEL(
      "alert/template-label",
      "an annotation or label uses $labels.X but the query's result cannot carry X"),
  ALERT_RANGE_TOO_SHORT(
      "alert/range-too-short",
      "a range over a check metric is shorter than twice the agent interval"),
  ALERT_UNKNOWN_METRIC(
      "alert/unknown-metric",
      "a query selects a metric that no check declares and external_metrics does not cover"),
  ALERT_ABSENT_LABEL_MATCHER(
      "alert/absent-label-matcher",
      "a query matches a label that the selected metric never carries"),
  SETTINGS("settings", "invalid aami.yaml"),
  CHECK_CONTRACT(
      "check/contract",
      "a published check would break the node agents' limits (schemas/published-defs.schema.json)"),
  TARGET_PATH("target/path", "a target id collides with a directory of the published checks API"),
  RENDER_PATH("render/path", "a rendered file has an unsafe path or collides with another"),
  ALERT_AMBIGUOUS("alert/ambiguous", "two enabled global rules of one alert tie on priority"),
  ALERT_GLOBAL_SELECTOR(
      "alert/global-selector",
      "a global rule that groups override does not use {{ .group_selector }} to leave them out"),
  RECORD_NAME("record/name", "a recording rule's record is not a valid metric name"),
  RECORD_DUPLICATE(
      "record/duplicate",
      "two recording rules of one group record the same series (name and labels)"),
  RULE_GROUP_INTERVAL(
      "rule-group/interval",
      "rules of one rule group give it different intervals, or the interval is not a duration"),
  IMPORT_SOURCE(
      "import/source",
      "a file given to aami import rules is no rule file, PrometheusRule or ruler namespace"),
  IMPORT_RULE(
      "import/rule", "a source rule or rule group field aami import rules cannot carry over"),
  IMPORT_VERIFY(
      "import/verify", "a rendered rule differs from the source rule it was imported from"),
  IMPORT_SCRIPT("import/script", "a check script aami import script cannot import as given"),
  IMPORT_TEXTFILE_OUTPUT(
      "import/textfile-output",
      "a script writes its metrics to a file instead of printing them, as the node agent expects"),
  STRAY_FILE(
      "repo/stray-file", "a YAML file holds an aami document outside the directories aami reads"),
  TARGET_NO_GROUP(
      "target/no-group",
      "a target in no group gets checks but is in no file_sd file, so it is never scraped"),
  GROUP_NO_ALERT_RULES(
      "group/no-alert-rules", "a group with targets that no enabled alert rule covers"),
  ALERT_CONFIG_KEY(
      "alert/config-key",
      "an alert config key is neither a config field nor a parameter a placeholder or config_schema uses"),
  PROMETHEUS_FIELDS(
      "schema/prometheus-fields",
      "a document is written with Prometheus's rule fields (alert, expr, for, ...) instead of aami's"),
  SUPPRESS_UNUSED(
      "suppress/unused", "an aami-disable comment or validate.disable entry silences nothing"),
  SUPPRESS_INVALID(
      "suppress/invalid",
      "an aami-disable comment is malformed or is not directly before a document, key or list item"),
  SUPPRESS_NOT_ALLOWED(
      "suppress/not-allowed",
      "a suppression tries to silence an error that would make render fail"),
  LIVE_SERIES(
      "live/series",
      "a selector matches no series in Prometheus now nor in the lookback window (validate --prometheus)"),
  LIVE_COUNTER(
      "live/counter",
      "rate/irate/increase/resets over a gauge, or a raw counter compared (validate --prometheus)"),
  LIVE_RANGE(
      "live/range",
      "a range shorter than twice the scrape interval of the metric's job, or the agent interval (validate --prometheus)"),
  LIVE_DISAPPEARED(
      "live/disappeared",
      "a selector had series in the lookback window but has none now (validate --prometheus)"),
  LIVE_VERSION(
      "live/version",
      "a function or syntax the Prometheus server's version or enabled features do not support (validate --prometheus)");

  private final String id;
  private final String summary;

  Code(String id, String summary) {
    this.id = id;
    this.summary = summary;
  }

  public String id() {
    return id;
  }

  public String summary() {
    return summary;
  }
}
