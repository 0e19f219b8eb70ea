package io.aami.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One failing fixture per schema rule, in {@code src/test/resources/schema/invalid/}. Each fixture
 * states every violation it must produce, in order, as header lines {@code # expect: <pointer> |
 * <keyword> | <message> [| types: a,b]} ({@code (root)} for the empty pointer); the validator must
 * report exactly those.
 */
class InvalidDocumentsTest {
  private static final Path FIXTURES =
      YamlDocuments.projectDir().resolve("src/test/resources/schema/invalid");
  private static final String EXPECT = "# expect: ";

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void reportsExactlyTheExpectedViolations(String fixture) throws IOException {
    String text = Files.readString(FIXTURES.resolve(fixture), StandardCharsets.UTF_8);
    List<SchemaViolation> expected = expectations(text);
    assertFalse(expected.isEmpty(), fixture + " states no '# expect:' line");
    JsonNode document = YamlDocuments.parse(text);

    List<SchemaViolation> actual =
        SchemaValidator.load().validate(document.path("kind").asText(), document);

    assertEquals(render(expected), render(actual), fixture);
    assertEquals(expected, actual, fixture + " (expected types)");
  }

  private static List<SchemaViolation> expectations(String text) {
    List<SchemaViolation> expected = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!line.startsWith(EXPECT)) {
        continue;
      }
      String[] parts = line.substring(EXPECT.length()).split(" \\| ", -1);
      String pointer = parts[0].equals("(root)") ? "" : parts[0];
      Set<String> types = new TreeSet<>();
      if (parts.length > 3 && parts[3].startsWith("types: ")) {
        types.addAll(Arrays.asList(parts[3].substring("types: ".length()).split(",", -1)));
      }
      expected.add(new SchemaViolation(pointer, parts[1], parts[2], types));
    }
    return expected;
  }

  /** One line per violation, so a failure shows a readable diff. */
  private static String render(List<SchemaViolation> violations) {
    StringBuilder text = new StringBuilder();
    for (SchemaViolation v : violations) {
      text.append(v.pointer().isEmpty() ? "(root)" : v.pointer())
          .append(" | ")
          .append(v.keyword())
          .append(" | ")
          .append(v.message());
      if (!v.expectedTypes().isEmpty()) {
        text.append(" | types: ").append(String.join(",", v.expectedTypes()));
      }
      text.append('\n');
    }
    return text.toString();
  }
}
