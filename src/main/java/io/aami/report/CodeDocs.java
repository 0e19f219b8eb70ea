package io.aami.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documentation of each diagnostic code: its row of the codes table of docs/VALIDATE.md, which
 * the build copies into the jar. One source for people and for SARIF rules, so they cannot drift
 * (CodesDocumentedTest keeps the table complete).
 */
final class CodeDocs {
  /** {@code | `code` | severity | meaning | example fix |}. */
  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z/-]+)` \\| ([^|]+)\\|([^|]+)\\|([^|]+)\\|$", Pattern.MULTILINE);

  /** A documented code: what it means and how a typical case is fixed, as Markdown. */
  record Entry(String meaning, String exampleFix) {}

  private static final Map<String, Entry> BY_CODE = load();

  private CodeDocs() {}

  static Optional<Entry> of(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }

  private static Map<String, Entry> load() {
    Map<String, Entry> entries = new HashMap<>();
    try (InputStream in = CodeDocs.class.getResourceAsStream("/io/aami/docs/VALIDATE.md")) {
      if (in == null) {
        return entries;
      }
      String doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int codes = doc.indexOf("## Codes");
      Matcher row = ROW.matcher(codes < 0 ? "" : doc.substring(codes));
      while (row.find()) {
        entries.put(row.group(1), new Entry(row.group(3).trim(), row.group(4).trim()));
      }
    } catch (IOException e) {
      // Rules then carry only their short description; the report itself is unaffected.
    }
    return entries;
  }
}
