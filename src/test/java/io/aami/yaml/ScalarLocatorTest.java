package io.aami.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A character of a YAML string's value is located where it was written, whatever the scalar's
 * style: the test finds the character {@code X} in the value and expects the location of the {@code
 * X} in the file.
 */
class ScalarLocatorTest {

  private static String locate(String yaml) {
    ParsedYaml parsed = YamlReader.read("f.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    YScalar q = (YScalar) ((YMap) parsed.documents().get(0)).get("q").orElseThrow();
    ScalarLocator locator = new ScalarLocator(file -> Optional.of(yaml));
    return locator.locate("f.yaml", q, q.text().indexOf('X')).toString();
  }

  /** Where the X is in the file, counting columns in code points as diagnostics do. */
  private static String expected(String yaml) {
    int at = yaml.indexOf('X');
    int line = 1 + (int) yaml.substring(0, at).chars().filter(c -> c == '\n').count();
    int lineStart = yaml.lastIndexOf('\n', at - 1) + 1;
    return "f.yaml:" + line + ":" + (yaml.codePointCount(lineStart, at) + 1);
  }

  private static void assertLocated(String yaml) {
    assertEquals(expected(yaml), locate(yaml), yaml);
  }

  @Test
  void plain() {
    assertLocated("q: sum(rate(m[5m])) > X\n");
    assertLocated("q: sum(rate(m[5m]))\n  > X\n");
    assertLocated("q: a\n\n  b X\n");
  }

  @Test
  void singleQuoted() {
    assertLocated("q: 'm{a=\"b\"} > X'\n");
    assertLocated("q: 'it''s '' X'\n");
    assertLocated("q: 'first\n  second X'\n");
  }

  @Test
  void doubleQuotedWithEscapes() {
    assertLocated("q: \"m{a=\\\"b\\\"} > X\"\n");
    assertLocated("q: \"tab\\there \\u00e9 \\x41 X\"\n");
    assertLocated("q: \"joined\\\n    line X\"\n");
  }

  @Test
  void literalBlock() {
    assertLocated("q: |\n  sum(\n    rate(m[5m])\n  ) > X\n");
    assertLocated("q: |-\n  a\n\n  b X\n");
  }

  @Test
  void foldedBlock() {
    assertLocated("q: >\n  sum(rate(m[5m]))\n  > X\n");
    assertLocated("q: >\n  a\n\n  b\n    more X\n");
  }

  @Test
  void nonAsciiBeforeTheValue() {
    assertLocated("# 한국어 주석\nq: '디스크 > X'\n");
  }

  @Test
  void withoutTheFileTextEveryCharacterIsAtTheScalarsStart() {
    String yaml = "k: 1\nq: 'abc X'\n";
    ParsedYaml parsed = YamlReader.read("f.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    YScalar q = (YScalar) ((YMap) parsed.documents().get(0)).get("q").orElseThrow();
    ScalarLocator locator = new ScalarLocator(file -> Optional.empty());
    assertEquals("f.yaml:2:4", locator.locate("f.yaml", q, 4).toString());
  }

  @Test
  void aTextThatIsNotTheScalarsSourceLeavesItAtItsStart() {
    String yaml = "q: 'abc X'\n";
    ParsedYaml parsed = YamlReader.read("f.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    YScalar q = (YScalar) ((YMap) parsed.documents().get(0)).get("q").orElseThrow();
    ScalarLocator locator = new ScalarLocator(file -> Optional.of("q: 'zzzzzzzzzzzz'\n"));
    assertEquals("f.yaml:1:4", locator.locate("f.yaml", q, 4).toString());
  }
}
