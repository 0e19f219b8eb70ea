package io.aami.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Schema files aami ships in {@code schemas/} (copied into the jar under {@value
 * #RESOURCE_DIR}), as text for the validator and as trees for building messages. Each is addressed
 * by its {@code $id}, {@value #BASE_IRI} + file name.
 */
final class SchemaFiles {
  static final String BASE_IRI = "https://aami.io/schemas/v1/";
  static final String RESOURCE_DIR = "io/aami/schemas/";

  /** Document schemas by the {@code kind:} they validate, in the format's order. */
  static final Map<String, String> FILE_BY_KIND =
      orderedMap(
          "ScriptTemplate", "script-template.schema.json",
          "ScriptPolicy", "script-policy.schema.json",
          "AlertTemplate", "alert-template.schema.json",
          "AlertRule", "alert-rule.schema.json",
          "RecordingRule", "recording-rule.schema.json",
          "Group", "group.schema.json",
          "Target", "target.schema.json",
          "List", "list.schema.json");

  /** The schema for any document, dispatching on {@code kind}; meant for editors. */
  static final String ANY_KIND_FILE = "aami.schema.json";

  /** The published check list node agents fetch, and the limits it shares with other documents. */
  static final String PUBLISHED_DEFS_FILE = "published-defs.schema.json";

  /** The schema of {@code aami.yaml}, the repository's settings. */
  static final String SETTINGS_FILE = "settings.schema.json";

  static final String CHECKS_DOCUMENT_FILE = "checks-document.schema.json";
  static final String MANIFEST_FILE = "manifest.schema.json";

  /** Files referenced by, or offered next to, the kind schemas. */
  static final List<String> SHARED_FILES =
      List.of(
          "defs.schema.json",
          ANY_KIND_FILE,
          SETTINGS_FILE,
          PUBLISHED_DEFS_FILE,
          CHECKS_DOCUMENT_FILE,
          MANIFEST_FILE);

  /** Schemas of what render publishes (not of repository documents). */
  static final List<String> PUBLISHED_FILES = List.of("checks-document-compact.schema.json");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, String> textByIri;
  private final Map<String, JsonNode> treeByIri;

  private SchemaFiles(Map<String, String> textByIri, Map<String, JsonNode> treeByIri) {
    this.textByIri = textByIri;
    this.treeByIri = treeByIri;
  }

  static SchemaFiles fromClasspath() {
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, JsonNode> trees = new LinkedHashMap<>();
    for (String file : allFileNames()) {
      String text = readResource(RESOURCE_DIR + file);
      String iri = iriOf(file);
      JsonNode tree = parsePackaged(file, text);
      if (!iri.equals(tree.path("$id").asText(""))) {
        throw new IllegalStateException("schema " + file + " must have $id " + iri);
      }
      texts.put(iri, text);
      trees.put(iri, tree);
    }
    return new SchemaFiles(Collections.unmodifiableMap(texts), Collections.unmodifiableMap(trees));
  }

  private static JsonNode parsePackaged(String file, String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "packaged schema " + file + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Schemas that do not come from aami's files (a template's config_schema), by IRI. */
  static SchemaFiles ofTrees(Map<String, JsonNode> treeByIri) {
    return new SchemaFiles(Map.of(), Map.copyOf(treeByIri));
  }

  static List<String> allFileNames() {
    List<String> names = new ArrayList<>(FILE_BY_KIND.values());
    names.addAll(SHARED_FILES);
    names.addAll(PUBLISHED_FILES);
    return List.copyOf(names);
  }

  static String iriOf(String fileName) {
    return BASE_IRI + fileName;
  }

  /** The parsed schema of a shipped file. */
  JsonNode tree(String fileName) {
    JsonNode tree = treeByIri.get(iriOf(fileName));
    if (tree == null) {
      throw new IllegalArgumentException("no shipped schema " + fileName);
    }
    return tree;
  }

  Map<String, String> textByIri() {
    return textByIri;
  }

  /**
   * The schema object that holds the keyword a failure's schema location ends at, e.g. for {@code
   * defs.schema.json#/$defs/id/pattern} the {@code id} definition.
   */
  Optional<JsonNode> owner(SchemaLocation location) {
    JsonNode node = treeByIri.get(location.getAbsoluteIri().toString());
    NodePath fragment = location.getFragment();
    if (node == null || fragment == null) {
      return Optional.empty();
    }
    for (int i = 0; i < fragment.getNameCount() - 1 && node != null; i++) {
      Object step = fragment.getElement(i);
      node =
          node.isArray() && step instanceof Integer index
              ? node.get(index)
              : node.get(String.valueOf(step));
    }
    return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
  }

  /**
   * Walks an evaluation path (the keywords networknt went through, {@code $ref} included) from the
   * root schema {@code rootIri}; element {@code i} of the result is the schema object in which
   * token {@code i} was evaluated. Stops early where the path leaves aami's files.
   */
  List<JsonNode> schemasAlong(String rootIri, List<String> tokens) {
    List<JsonNode> holders = new ArrayList<>(tokens.size());
    JsonNode current = treeByIri.get(rootIri);
    String base = rootIri;
    for (String token : tokens) {
      if (current == null) {
        break;
      }
      holders.add(current);
      if (token.equals("$ref") && current.path("$ref").isTextual()) {
        URI target = URI.create(base).resolve(current.get("$ref").asText());
        base = target.getScheme() + ":" + target.getRawSchemeSpecificPart();
        JsonNode root = treeByIri.get(base);
        current =
            root == null
                ? null
                : target.getRawFragment() == null ? root : root.at(target.getFragment());
      } else if (current.isArray()) {
        current = isIndex(token) ? current.get(Integer.parseInt(token)) : null;
      } else {
        current = current.get(token);
      }
      if (current != null && current.isMissingNode()) {
        current = null;
      }
    }
    return holders;
  }

  private static boolean isIndex(String token) {
    return !token.isEmpty()
        && token.length() < 10
        && token.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * {@code schema} itself, or what its {@code $ref} designates when the reference stays within
   * aami's own files (followed transitively, relative to {@code baseIri}).
   */
  JsonNode dereference(String baseIri, JsonNode schema) {
    JsonNode current = schema;
    String base = baseIri;
    for (int hops = 0; hops < 8 && current != null && current.path("$ref").isTextual(); hops++) {
      URI target = URI.create(base).resolve(current.get("$ref").asText());
      String document = target.getScheme() + ":" + target.getRawSchemeSpecificPart();
      JsonNode root = treeByIri.get(document);
      if (root == null) {
        return current;
      }
      base = document;
      current = target.getRawFragment() == null ? root : root.at(target.getFragment());
      if (current.isMissingNode()) {
        return schema;
      }
    }
    return current;
  }

  private static String readResource(String path) {
    try (InputStream in = SchemaFiles.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("JSON Schema " + path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JSON Schema " + path, e);
    }
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
