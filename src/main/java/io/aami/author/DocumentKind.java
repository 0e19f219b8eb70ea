package io.aami.author;

import io.aami.diag.SourceLocation;
import io.aami.model.AlertRule;
import io.aami.model.Kind;
import io.aami.model.Origin;
import io.aami.model.Repository;
import io.aami.model.Scope;
import io.aami.model.ScriptPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the authoring verbs need to know about a kind: its command noun, id field, directory,
 * schema, list columns and which fields of other kinds point at it. One descriptor per kind lets
 * create, show, list, update and delete be written once for all six.
 */
// Every constant's columns are a List.of(...), which cannot change; the checker cannot see that.
@SuppressWarnings("ImmutableEnumChecker")
public enum DocumentKind {
  SCRIPT_TEMPLATE(
      Kind.SCRIPT_TEMPLATE,
      "template",
      "name",
      "templates",
      "script-template.schema.json",
      List.of(
          col("NAME", "name"),
          col("TYPE", "script_type"),
          col("LANGUAGE", "language"),
          col("VERSION", "version"),
          col("TIMEOUT", "timeout", "30s"))),
  SCRIPT_POLICY(
      Kind.SCRIPT_POLICY,
      "policy",
      "id",
      "policies/scripts",
      "script-policy.schema.json",
      List.of(
          col("ID", "id"),
          new Column("CHECK", d -> text(d.getOrDefault("template_id", d.get("name")))),
          col("SCOPE", "scope"),
          col("GROUP", "group_id", "-"),
          col("PRIORITY", "priority", "100"),
          col("ACTIVE", "is_active", "true"))),
  ALERT_TEMPLATE(
      Kind.ALERT_TEMPLATE,
      "alert-template",
      "id",
      "templates/alerts",
      "alert-template.schema.json",
      List.of(col("ID", "id"), col("NAME", "name"), col("SEVERITY", "severity"))),
  ALERT_RULE(
      Kind.ALERT_RULE,
      "alert-rule",
      "id",
      "policies/alerts",
      "alert-rule.schema.json",
      List.of(
          col("ID", "id"),
          new Column("ALERT", d -> text(d.getOrDefault("template_id", d.get("name")))),
          col("GROUP", "group_id"),
          col("ENABLED", "enabled", "true"))),
  GROUP(
      Kind.GROUP,
      "group",
      "id",
      "inventory/groups",
      "group.schema.json",
      List.of(
          col("ID", "id"),
          new Column("NAME", d -> text(d.getOrDefault("name", d.get("id")))),
          col("PRIORITY", "priority", "0"),
          col("DESCRIPTION", "description", ""))),
  TARGET(
      Kind.TARGET,
      "target",
      "id",
      "inventory/targets",
      "target.schema.json",
      List.of(
          col("ID", "id"),
          col("HOSTNAME", "hostname"),
          col("ADDRESS", "address"),
          col("GROUPS", "groups", "-")));

  private final Kind kind;
  private final String noun;
  private final String idField;
  private final String directory;
  private final String schemaFile;
  private final List<Column> columns;

  DocumentKind(
      Kind kind,
      String noun,
      String idField,
      String directory,
      String schemaFile,
      List<Column> columns) {
    this.kind = kind;
    this.noun = noun;
    this.idField = idField;
    this.directory = directory;
    this.schemaFile = schemaFile;
    this.columns = columns;
  }

  /** A column of {@code list}'s table: a header and the cell of one document. */
  public record Column(String header, Function<Map<String, Object>, String> cell) {}

  /** A place in another document that names an id of this kind. */
  public record Reference(DocumentKind kind, String id, SourceLocation at) {}

  private static Column col(String header, String field) {
    return new Column(header, d -> text(d.get(field)));
  }

  private static Column col(String header, String field, String absent) {
    return new Column(header, d -> d.containsKey(field) ? text(d.get(field)) : absent);
  }

  private static String text(Object value) {
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return value == null ? "" : String.valueOf(value);
  }

  public Kind kind() {
    return kind;
  }

  /** The command noun: {@code aami template ...}. */
  public String noun() {
    return noun;
  }

  public String plural() {
    return noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
  }

  public String idField() {
    return idField;
  }

  /** Where {@code create} puts a new document: {@code <directory>/<id>.yaml}. */
  public String pathFor(String id) {
    return directory + "/" + id + ".yaml";
  }

  /** The modeline of a new file, the schema path relative to it (as the example files have it). */
  public String modeline() {
    String up = "../".repeat(directory.split("/").length);
    return "# yaml-language-server: $schema=" + up + "schemas/" + schemaFile + "\n";
  }

  public List<Column> columns() {
    return columns;
  }

  /** Every document of this kind in load order, with its id. */
  public List<Entry> entries(Repository repo) {
    List<Entry> entries = new ArrayList<>();
    switch (this) {
      case SCRIPT_TEMPLATE ->
          repo.scriptTemplates().forEach(t -> entries.add(entry(t.name(), t.origin())));
      case SCRIPT_POLICY ->
          repo.scriptPolicies().forEach(p -> entries.add(entry(p.id(), p.origin())));
      case ALERT_TEMPLATE ->
          repo.alertTemplates().forEach(t -> entries.add(entry(t.id(), t.origin())));
      case ALERT_RULE -> repo.alertRules().forEach(r -> entries.add(entry(r.id(), r.origin())));
      case GROUP -> repo.groups().forEach(g -> entries.add(entry(g.id(), g.origin())));
      case TARGET -> repo.targets().forEach(t -> entries.add(entry(t.id(), t.origin())));
    }
    return entries;
  }

  private Entry entry(String id, Origin origin) {
    return new Entry(this, id, origin);
  }

  /**
   * Whether a document of this kind belongs to group {@code groupId} (for {@code list --group}).
   */
  public boolean inGroup(Map<String, Object> doc, String groupId) {
    return switch (this) {
      case SCRIPT_POLICY, ALERT_RULE -> groupId.equals(doc.get("group_id"));
      case TARGET -> doc.get("groups") instanceof List<?> groups && groups.contains(groupId);
      case GROUP -> groupId.equals(doc.get("id"));
      default -> false;
    };
  }

  /** The documents that name {@code id} of this kind and would dangle without it. */
  public List<Reference> referencesTo(Repository repo, String id) {
    List<Reference> refs = new ArrayList<>();
    switch (this) {
      case SCRIPT_TEMPLATE -> {
        for (ScriptPolicy p : repo.scriptPolicies()) {
          if (p.source() instanceof ScriptPolicy.FromTemplate t && t.templateId().equals(id)) {
            refs.add(new Reference(SCRIPT_POLICY, p.id(), p.origin().locate("template_id")));
          }
        }
      }
      case ALERT_TEMPLATE -> {
        for (AlertRule r : repo.alertRules()) {
          if (r.source() instanceof AlertRule.FromTemplate t && t.templateId().equals(id)) {
            refs.add(new Reference(ALERT_RULE, r.id(), r.origin().locate("template_id")));
          }
        }
      }
      case GROUP -> {
        for (ScriptPolicy p : repo.scriptPolicies()) {
          if (p.scope() instanceof Scope.InGroup g && g.groupId().equals(id)) {
            refs.add(new Reference(SCRIPT_POLICY, p.id(), p.origin().locate("group_id")));
          }
        }
        for (AlertRule r : repo.alertRules()) {
          if (r.groupId().equals(id)) {
            refs.add(new Reference(ALERT_RULE, r.id(), r.origin().locate("group_id")));
          }
        }
        repo.targets()
            .forEach(
                t -> {
                  int at = t.groups().indexOf(id);
                  if (at >= 0) {
                    refs.add(
                        new Reference(
                            TARGET, t.id(), t.origin().locate("groups", String.valueOf(at))));
                  }
                });
      }
      default -> {}
    }
    return refs;
  }
}
