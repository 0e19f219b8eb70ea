package io.aami.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader's contract: every input, however hostile, gives documents and located diagnostics,
 * never an exception. Positions are 1-based and count code points, as snakeyaml's marks do.
 */
class YamlReaderTest {
  private static ParsedYaml read(String yaml) {
    return YamlReader.read("f.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code line:col code message} of each diagnostic, for compact assertions. */
  private static List<String> problems(ParsedYaml parsed) {
    return parsed.diagnostics().stream()
        .map(d -> d.line() + ":" + d.column() + " " + d.code() + " " + d.message())
        .toList();
  }

  @Test
  void emptyInputsHoldNoDocumentsAndNoProblems() {
    for (String yaml : List.of("", "---\n", "---\n...\n", "# only a comment\n", "\n\n", "\uFEFF")) {
      ParsedYaml parsed = read(yaml);
      assertEquals(List.of(), parsed.documents(), "documents of " + yaml);
      assertEquals(List.of(), parsed.diagnostics(), "problems of " + yaml);
    }
  }

  @Test
  void scalarAndListDocumentsAreKeptForTheLoaderToRefuse() {
    ParsedYaml parsed = read("hello\n---\n- a\n- b\n");
    assertEquals(2, parsed.documents().size());
    assertInstanceOf(YScalar.class, parsed.documents().get(0));
    assertInstanceOf(YSeq.class, parsed.documents().get(1));
    assertEquals(3, parsed.documents().get(1).location().line());
  }

  @Test
  void nestingBeyondTheLimitIsLocatedAtTheCollectionThatBreaksIt() {
    String yaml = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
    ParsedYaml parsed = read(yaml);
    // The 65th collection opens at column 67: "a: " is three columns, the first '[' is the
    // outer mapping's value at depth 2.
    assertEquals(List.of("1:67 yaml/too-large nesting deeper than 64 levels"), problems(parsed));
  }

  @Test
  void aliasBombIsLocatedAtTheAliasOverTheLimit() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    char previous = 'a';
    for (char name = 'b'; name <= 'h'; name++) {
      yaml.append(name)
          .append(": &")
          .append(name)
          .append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, "*" + previous)))
          .append("]\n");
      previous = name;
    }
    ParsedYaml parsed = read(yaml.toString());
    // 9 aliases per line from line 2: the 51st is the 6th of line 7, after "g: &g [" and five "*f,
    // ".
    assertEquals(
        List.of(
            "7:28 yaml/too-large more than 50 aliases to lists or mappings (an alias bomb?); "
                + "write the values out"),
        problems(parsed));
  }

  @Test
  void recursiveAliasIsRefusedNotFollowed() {
    ParsedYaml parsed = read("a: &a [*a]\n");
    assertEquals(1, parsed.diagnostics().size(), problems(parsed).toString());
    Diagnostic d = parsed.diagnostics().get(0);
    assertTrue(d.line() > 0 && d.column() > 0, d.toString());
    assertTrue(d.code().startsWith("yaml/"), d.toString());
  }

  @Test
  void oversizedInputIsRefusedBeforeParsing() {
    byte[] bytes = new byte[YamlReader.MAX_FILE_BYTES + 1];
    java.util.Arrays.fill(bytes, (byte) '#');
    ParsedYaml parsed = YamlReader.read("f.yaml", bytes);
    assertEquals(List.of(), parsed.documents());
    assertEquals(
        List.of("0:0 yaml/too-large file is 8388609 bytes; the limit is 8388608 bytes"),
        problems(parsed));
  }

  @Test
  void invalidUtf8IsLocatedInCodePointsAfterAstralAndKoreanCharacters() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("id: x\nname: \"\uD83D\uDE80\uAC00".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xFF);
    bytes.writeBytes("\"\n".getBytes(StandardCharsets.UTF_8));
    ParsedYaml parsed = YamlReader.read("f.yaml", bytes.toByteArray());
    // n-a-m-e-:-space-quote is 7 columns, the rocket and 가 are one code point each.
    assertEquals(
        List.of("2:10 yaml/encoding invalid UTF-8 byte sequence; save the file as UTF-8"),
        problems(parsed));
    assertTrue(
        parsed.text().contains("name:"), "the text is kept so the report can quote the line");
  }

  @Test
  void controlCharacterIsLocatedAndNamed() {
    ParsedYaml parsed = read("id: x\ndescription: \"a\u001Bb\"\n");
    assertEquals(
        List.of(
            "2:16 yaml/syntax control character U+001B is not allowed in YAML; remove it or "
                + "write it as an escape in a double-quoted string"),
        problems(parsed));
  }

  @Test
  void tabsSayWhatToDo() {
    assertEquals(
        List.of(
            "2:1 yaml/syntax a tab character cannot start a token here: YAML indents and "
                + "separates with spaces; replace the tab with spaces"),
        problems(read("a:\n\tb: c\n")));
  }

  @Test
  void binaryGarbageIsAnEncodingOrSyntaxErrorNeverAnException() {
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 200; round++) {
      byte[] bytes = new byte[random.nextInt(2000)];
      random.nextBytes(bytes);
      ParsedYaml parsed = YamlReader.read("f.yaml", bytes);
      for (Diagnostic d : parsed.diagnostics()) {
        assertTrue(d.code().startsWith("yaml/"), d.toString());
      }
    }
  }

  @Test
  void malformedYamlIsLocatedAndKeepsTheDocumentsBeforeIt() {
    ParsedYaml parsed = read("id: a\n---\nid: [unclosed\n");
    assertEquals(1, parsed.documents().size());
    assertEquals(1, parsed.diagnostics().size());
    Diagnostic d = parsed.diagnostics().get(0);
    assertEquals("yaml/syntax", d.code());
    assertTrue(d.line() >= 3 && d.column() >= 1, d.toString());
  }

  @Test
  void duplicateKeysAreReportedAtTheRepeat() {
    assertEquals(
        List.of("3:1 yaml/duplicate-key duplicate key 'id' (first defined at line 1)"),
        problems(read("id: a\nname: b\nid: c\n")));
  }

  @Test
  void nonStringKeysMergeKeysAndTagsAreRefusedAndMarkTheDocumentAltered() {
    ParsedYaml parsed = read("a: 1\n? [x]\n: 2\nb: &b {c: 1}\nd:\n  <<: *b\ne: !custom x\n");
    assertEquals(
        List.of(
            "2:3 yaml/unsupported mapping keys must be plain strings",
            "6:3 yaml/unsupported merge keys (<<) are not supported; write the fields out",
            "7:4 yaml/unsupported tag !custom is not allowed; aami reads plain YAML only"
                + " (quote a value to keep it text)"),
        problems(parsed));
    assertTrue(parsed.altered(parsed.documents().get(0)));
  }

  @Test
  void scalarKeysOfOtherTypesBecomeTheirText() {
    YMap map = (YMap) read("1: a\ntrue: b\nnull: c\n").documents().get(0);
    assertEquals(
        List.of("1", "true", "null"), map.entries().stream().map(YMap.Entry::name).toList());
  }

  @Test
  void yaml11ScalarsResolveAsYaml11AndRememberThatTheyWereUnquoted() {
    YMap map =
        (YMap)
            read("a: No\nb: 1.0\nc: \"No\"\nd: 0x1F\ne: 99999999999999999999\nf: -5\ng: .nan\n")
                .documents()
                .get(0);
    YScalar no = (YScalar) map.get("a").orElseThrow();
    assertEquals(YScalar.ScalarType.BOOLEAN, no.type());
    assertTrue(no.plain());
    assertEquals(YScalar.ScalarType.FLOAT, ((YScalar) map.get("b").orElseThrow()).type());
    YScalar quoted = (YScalar) map.get("c").orElseThrow();
    assertTrue(quoted.isString());
    assertFalse(quoted.plain());
    assertEquals(31L, ((YScalar) map.get("d").orElseThrow()).value());
    assertEquals(
        new BigInteger("99999999999999999999"), ((YScalar) map.get("e").orElseThrow()).value());
    assertEquals(-5L, ((YScalar) map.get("f").orElseThrow()).value());
    // .nan has no JSON form: kept as text, and refused where it stands (NonFiniteValuesTest).
    YScalar nan = (YScalar) map.get("g").orElseThrow();
    assertTrue(nan.isString());
    assertEquals(".nan", nan.value());
  }

  @Test
  void byteOrderMarkAndCrlfDoNotShiftPositions() {
    ParsedYaml parsed = read("\uFEFFid: a\r\nname: b\r\n");
    YMap map = (YMap) parsed.documents().get(0);
    assertEquals(List.of(), parsed.diagnostics());
    assertEquals(1, map.get("id").orElseThrow().location().line());
    assertEquals(5, map.get("id").orElseThrow().location().column());
    assertEquals(2, map.get("name").orElseThrow().location().line());
    assertEquals(7, map.get("name").orElseThrow().location().column());
  }

  @Test
  void columnsCountCodePointsNotUtf16Units() {
    YMap map = (YMap) read("{a: \"\uD83D\uDE80\uD83D\uDE80\", b: 1}\n").documents().get(0);
    // {-a-:-space-quote is 5 columns, two rockets, quote, comma, space: b sits at column 11.
    assertEquals(11, map.entry("b").orElseThrow().key().location().column());
  }
}
