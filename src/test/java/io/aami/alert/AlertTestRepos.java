package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.diag.Diagnostic;
import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.model.Repository;
import io.aami.source.WorkTreeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small real repositories on disk for tests: a fixed inventory (groups {@code gpu}, {@code
 * db}, {@code empty}; targets {@code n1} in gpu, {@code n2} in db then gpu) plus the alert
 * documents a test writes.
 */
public final class AlertTestRepos {
  public static final String GROUPS =
      """
      apiVersion: aami/v1
      kind: Group
      id: gpu
      name: gpu-cluster
      ---
      apiVersion: aami/v1
      kind: Group
      id: db
      ---
      apiVersion: aami/v1
      kind: Group
      id: empty
      """;

  public static final String TARGETS =
      """
      apiVersion: aami/v1
      kind: Target
      id: n1
      hostname: n1.example.internal
      address: n1.example.internal:9100
      groups: [gpu]
      ---
      apiVersion: aami/v1
      kind: Target
      id: n2
      hostname: n2.example.internal
      address: n2.example.internal:9100
      groups: [db, gpu]
      """;

  private AlertTestRepos() {}

  /** The fixed inventory plus {@code alerts} as {@code policies/alerts.yaml}. */
  public static Repository withAlerts(Path root, String alerts) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("inventory/groups.yaml", GROUPS);
    files.put("inventory/targets.yaml", TARGETS);
    files.put("policies/alerts.yaml", alerts);
    return write(root, files);
  }

  /** The fixed inventory plus {@code files} (repository path to content). */
  public static Repository withFiles(Path root, Map<String, String> files) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("inventory/groups.yaml", GROUPS);
    all.put("inventory/targets.yaml", TARGETS);
    all.putAll(files);
    return write(root, all);
  }

  /** Writes {@code files} (repository path to content) under {@code root} and loads them. */
  public static Repository write(Path root, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path path = root.resolve(f.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, f.getValue(), StandardCharsets.UTF_8);
      }
      return load(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code root}, failing the test when loading itself reports an error. */
  public static Repository load(Path root) {
    try {
      LoadResult result = new RepositoryLoader().load(new WorkTreeSource(root));
      List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
      assertEquals(List.of(), errors, "load errors in " + root);
      return result.repository();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The origin of the first document of {@code yaml}, for models built directly in Java: the way to
   * test checks on content the JSON Schemas would already refuse at load time.
   */
  public static io.aami.model.Origin origin(String file, String yaml) {
    io.aami.yaml.ParsedYaml parsed =
        io.aami.yaml.YamlReader.read(file, yaml.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), parsed.diagnostics());
    return new io.aami.model.Origin(file, (io.aami.yaml.YMap) parsed.documents().get(0));
  }

  /**
   * A repository of the given models plus groups {@code gpu} and {@code db}, without loading files.
   */
  public static Repository models(
      List<io.aami.model.AlertTemplate> templates, List<io.aami.model.AlertRule> rules) {
    io.aami.model.Origin groups = origin("inventory/groups.yaml", "id: gpu\n");
    return new Repository(
        List.of(),
        List.of(),
        templates,
        rules,
        List.of(
            new io.aami.model.Group("gpu", "gpu-cluster", 0, null, groups),
            new io.aami.model.Group("db", "db", 0, null, groups)),
        List.of(),
        io.aami.model.Settings.DEFAULT);
  }

  /** A template document with the given query, config block (indented YAML) and id. */
  public static String template(
      String id, String name, String severity, String query, String defaultConfig) {
    return "apiVersion: aami/v1\nkind: AlertTemplate\nid: "
        + id
        + "\nname: "
        + name
        + "\nseverity: "
        + severity
        + "\nquery_template: "
        + yamlString(query)
        + "\n"
        + (defaultConfig == null ? "" : "default_config:\n" + indent(defaultConfig));
  }

  public static String rule(String id, String templateId, String groupId, String config) {
    return "apiVersion: aami/v1\nkind: AlertRule\nid: "
        + id
        + "\ntemplate_id: "
        + templateId
        + "\ngroup_id: "
        + groupId
        + "\n"
        + (config == null ? "" : "config:\n" + indent(config));
  }

  public static String directRule(
      String id, String groupId, String name, String severity, String query, String config) {
    return "apiVersion: aami/v1\nkind: AlertRule\nid: "
        + id
        + "\ngroup_id: "
        + groupId
        + "\nname: "
        + name
        + "\nseverity: "
        + severity
        + "\nquery_template: "
        + yamlString(query)
        + "\n"
        + (config == null ? "" : "config:\n" + indent(config));
  }

  /** A double-quoted YAML scalar holding exactly {@code text}. */
  public static String yamlString(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '"') {
        sb.append('\\').append(c);
      } else if (c < 0x20
          || (c >= 0x7f && c <= 0x9f)
          || c == '\u2028'
          || c == '\u2029'
          || c == '\ufeff') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String indent(String block) {
    StringBuilder sb = new StringBuilder();
    for (String line : block.strip().split("\n", -1)) {
      sb.append("  ").append(line).append('\n');
    }
    return sb.toString();
  }
}
