package io.aami.render.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.publish.RenderService;
import io.aami.render.RenderedFile;
import io.aami.schema.PublishedLimits;
import io.aami.schema.SchemaValidator;
import io.aami.source.WorkTreeSource;
import io.aami.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every check list render publishes (golden cases and the example repository) satisfies {@code
 * schemas/checks-document.schema.json} and the byte limits of {@code published-defs.schema.json},
 * and names are unique: what node agents accept.
 */
class PublishedDocumentContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Problems of one published document; empty when a node agent accepts all of it. */
  static List<String> problems(byte[] document) throws IOException {
    SchemaValidator validator = SchemaValidator.load();
    PublishedLimits limits = validator.publishedLimits();
    List<String> problems = new ArrayList<>();
    if (document.length > limits.documentMaxBytes()) {
      problems.add("document of " + document.length + " bytes");
    }
    JsonNode tree = JSON.readTree(document);
    validator
        .validatePublishedDocument(tree)
        .forEach(v -> problems.add(v.pointer() + ": " + v.message()));
    Set<String> names = new HashSet<>();
    for (JsonNode check : tree) {
      if (!names.add(check.path("name").asText())) {
        problems.add("duplicate name " + check.path("name"));
      }
      long configBytes = JSON.writeValueAsBytes(check.path("config")).length;
      if (configBytes > limits.configMaxJsonBytes()) {
        problems.add(check.path("name") + ": config of " + configBytes + " bytes");
      }
    }
    return problems;
  }

  private static Map<String, byte[]> goldenDocuments() throws IOException {
    Map<String, byte[]> documents = new TreeMap<>();
    for (Path caseDir : Golden.cases("checks")) {
      Path api = caseDir.resolve("expected/api/v1/checks/target");
      try (Stream<Path> files = Files.walk(api)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          documents.put(
              caseDir.getFileName() + "/" + api.relativize(file), Files.readAllBytes(file));
        }
      }
    }
    return documents;
  }

  @Test
  void everyGoldenCheckListSatisfiesTheContract() throws Exception {
    Map<String, byte[]> documents = goldenDocuments();
    assertFalse(documents.isEmpty());
    Map<String, List<String>> broken = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : documents.entrySet()) {
      List<String> problems = problems(e.getValue());
      if (!problems.isEmpty()) {
        broken.put(e.getKey(), problems);
      }
    }
    assertEquals(Map.of(), broken);
  }

  @Test
  void theExampleRepositoryRendersOnlyContractDocuments() throws Exception {
    LoadResult loaded = new RepositoryLoader().load(new WorkTreeSource(Golden.projectDir()));
    RenderService.Site site = RenderService.standard().build(loaded.repository(), Optional.empty());
    int documents = 0;
    for (RenderedFile file : site.files()) {
      if (file.path().startsWith(CheckApiRenderer.BY_ID)) {
        assertEquals(List.of(), problems(file.content()), file.path());
        documents++;
      }
    }
    assertTrue(documents > 0);
  }

  @Test
  void everyGoldenAndExampleManifestSatisfiesItsSchema() throws Exception {
    SchemaValidator validator = SchemaValidator.load();
    for (Path caseDir : Golden.cases("checks")) {
      JsonNode manifest = JSON.readTree(caseDir.resolve("expected/manifest.json").toFile());
      assertEquals(List.of(), validator.validateManifest(manifest), caseDir.toString());
    }
    LoadResult loaded = new RepositoryLoader().load(new WorkTreeSource(Golden.projectDir()));
    RenderService.Site site = RenderService.standard().build(loaded.repository(), Optional.empty());
    RenderedFile manifest =
        site.files().stream()
            .filter(f -> f.path().equals("manifest.json"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of(), validator.validateManifest(JSON.readTree(manifest.content())));
    ObjectNode broken = (ObjectNode) JSON.readTree(manifest.content());
    ((ObjectNode) broken.get("files").get(0)).put("path", "../escape");
    assertEquals(1, validator.validateManifest(broken).size());
  }

  @Test
  void theContractCatchesWhatAgentsRefuse() throws Exception {
    byte[] good =
        goldenDocuments().values().stream().filter(d -> d.length > 10).findFirst().orElseThrow();
    ArrayNode list = (ArrayNode) JSON.readTree(good);
    ((ObjectNode) list.get(0)).put("timeout_seconds", 86401);
    ((ObjectNode) list.get(0)).put("name", "n".repeat(129));

    List<String> problems = problems(JSON.writeValueAsBytes(list));

    assertEquals(2, problems.size(), problems::toString);
    assertTrue(problems.get(0).contains("at most 128 characters"), problems::toString);
    assertTrue(problems.get(1).contains("at most 86400"), problems::toString);
  }
}
