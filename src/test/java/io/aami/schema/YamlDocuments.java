package io.aami.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Parses test YAML the way aami's loader types scalars: snakeyaml's YAML 1.1 resolver, so {@code
 * No} is a boolean and {@code 1.0} a number, exactly the traps the schemas must catch.
 */
final class YamlDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private YamlDocuments() {}

  static List<JsonNode> parseAll(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (document != null) {
        documents.add(JSON.valueToTree(document));
      }
    }
    return documents;
  }

  static JsonNode parse(String yaml) {
    List<JsonNode> documents = parseAll(yaml);
    if (documents.size() != 1) {
      throw new IllegalArgumentException("expected one YAML document, got " + documents.size());
    }
    return documents.get(0);
  }

  static List<JsonNode> parseAll(Path file) throws IOException {
    return parseAll(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** The project's root directory (set by surefire; the working directory otherwise). */
  static Path projectDir() {
    return Path.of(System.getProperty("aami.projectDir", ".")).toAbsolutePath().normalize();
  }
}
