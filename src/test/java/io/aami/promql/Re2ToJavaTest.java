package io.aami.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Patterns whose meaning differs between Java's regex dialect and RE2 (Go's regexp, Prometheus's
 * engine): the translation matches a whole string as Prometheus would, where Java reading the
 * pattern directly answers differently or refuses it.
 */
class Re2ToJavaTest {
  /** As Prometheus anchors a label regex: ^(?s:pattern)$. */
  private static boolean re2Matches(String pattern, String value) {
    String java = Re2.toJava(pattern).orElseThrow();
    return Pattern.compile(java, Pattern.DOTALL | Re2.JAVA_FLAGS).matcher(value).matches();
  }

  private static Optional<Boolean> javaMatches(String pattern, String value) {
    try {
      return Optional.of(Pattern.compile(pattern, Pattern.DOTALL).matcher(value).matches());
    } catch (PatternSyntaxException e) {
      return Optional.empty();
    }
  }

  @ParameterizedTest(name = "{0} against {1}: {2}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "[[:alpha:]]+ | abc | true",
        "[[:^digit:]]+ | abc | true",
        "[[:word:]]+ | a_1 | true",
        "a{,3} | a{,3} | true",
        "a{,3} | aaa | false",
        "[a&&b] | & | true",
        "[a&&b] | a | true",
        "\\s | \\u000B | false",
        "[\\s]x | \\u000Bx | false",
        "a$\\n | a\\n | false",
        "(?m)a$\\n | a\\n | true",
        "(?P<host>web)-1 | web-1 | true",
        "\\p{Greek}+ | αβγ | true",
        "\\p{Greek}+ | abc | false",
        "é\\b | é | false",
        "(?U)a+b | aab | true",
        "\\Q.*\\E | .* | true",
        "\\Q.*\\E | ab | false",
        "\\pN+ | 123 | true",
        "(?i)WEB | web | true",
      })
  void matchesAsRe2Does(String pattern, String value, boolean expected) {
    String unescaped = value.replace("\\u000B", "\u000B").replace("\\n", "\n");
    String regex = pattern.replace("\\n", "\n");
    assertEquals(expected, re2Matches(regex, unescaped), () -> Re2.toJava(regex).orElseThrow());
  }

  @ParameterizedTest(name = "{0} against {1}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "[[:alpha:]]+ | abc",
        "a{,3} | a{,3}",
        "[a&&b] | &",
        "\\s | \\u000B",
        "(?P<host>web)-1 | web-1",
        "é\\b | é",
      })
  void javaAloneReadsTheseDifferently(String pattern, String value) {
    String unescaped = value.replace("\\u000B", "\u000B");
    assertNotEquals(
        Optional.of(re2Matches(pattern, unescaped)),
        javaMatches(pattern, unescaped),
        "this case would not show the translation's worth");
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " | ",
      value = {"(a | 1", "a** | 2", "(?=a) | 3", "\\1 | 4"})
  void aPatternThatIsNotRe2HasNoTranslation(String pattern, int unused) {
    assertTrue(Re2.toJava(pattern).isEmpty(), pattern);
  }
}
