package io.aami.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Drift guard: the codes table of docs/VALIDATE.md lists exactly the codes aami emits, because CI
 * filters are written from that table.
 */
class CodesDocumentedTest {
  /** A table row: {@code | `code` | severity | meaning | example fix |}. */
  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z/-]+)` \\| ([^|]+)\\|([^|]+)\\|([^|]+)\\|$", Pattern.MULTILINE);

  @Test
  void everyCodeHasARowAndEveryRowIsACode() throws IOException {
    String doc =
        Files.readString(Golden.projectDir().resolve("docs/VALIDATE.md"), StandardCharsets.UTF_8);
    String codesSection = doc.substring(doc.indexOf("## Codes"));
    Set<String> documented = new TreeSet<>();
    Matcher row = ROW.matcher(codesSection);
    while (row.find()) {
      documented.add(row.group(1));
      String severity = row.group(2).trim();
      assertEquals(
          true,
          severity.startsWith("error") || severity.startsWith("warning"),
          row.group(1) + " has severity '" + severity + "'");
      assertEquals(false, row.group(4).isBlank(), row.group(1) + " needs an example fix");
    }
    Set<String> emitted =
        Arrays.stream(Code.values()).map(Code::id).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        emitted, documented, "docs/VALIDATE.md ## Codes must list every io.aami.diag.Code id");
  }
}
