package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The agent's sample-value check against two independent judges: a reference in Java of the text
 * format's float grammar and range (Go's ParseFloat without hex floats and '_'), and, when
 * installed, {@code promtool check metrics} itself. Values are generated around the edges:
 * exponents near the float64 limits, the digits of the largest float64 and of the overflow
 * threshold, special words in any case, signs, hex and separators.
 */
class ExpositionFloatPropertyTest {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern SPECIAL = Pattern.compile("[+-]?(inf|infinity)|nan");
  private static final BigDecimal OVERFLOW =
      new BigDecimal(BigInteger.TWO.pow(1024).subtract(BigInteger.TWO.pow(970)));

  /** The reference: what Prometheus's text parser accepts as a value. */
  static boolean reference(String value) {
    if (SPECIAL.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
      return true;
    }
    if (!DECIMAL.matcher(value).matches()) {
      return false;
    }
    String exponent = value.replaceAll("^[^eE]*[eE]?", "");
    if (exponent.replaceFirst("^[+-]", "").replaceFirst("^0+", "").length() > 6) {
      return exponent.startsWith("-")
          || new BigDecimal(value.replaceAll("[eE].*", "")).signum() == 0;
    }
    return new BigDecimal(value).abs().compareTo(OVERFLOW) < 0;
  }

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> sign = Arbitraries.of("", "", "+", "-", "++", "+-");
    Arbitrary<String> digits =
        Arbitraries.oneOf(
            Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(4),
            Arbitraries.of(
                "17976931348623157",
                "1797693134862315708",
                "179769313486231580793728971405303415079934",
                "17976931348623159",
                "18",
                "49",
                "00",
                "0"));
    Arbitrary<String> fraction =
        Arbitraries.oneOf(Arbitraries.just(""), digits.map(d -> "." + d), Arbitraries.just("."));
    Arbitrary<String> exponent =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    Arbitraries.of("e", "E"),
                    Arbitraries.of("", "+", "-"),
                    Arbitraries.oneOf(
                        Arbitraries.integers().between(0, 400).map(String::valueOf),
                        Arbitraries.of(
                            "290",
                            "291",
                            "292",
                            "307",
                            "308",
                            "309",
                            "323",
                            "324",
                            "325",
                            "0308",
                            "99999999999",
                            "")))
                .as((e, s, n) -> e + s + n));
    Arbitrary<String> decimal =
        Combinators.combine(sign, digits, fraction, exponent).as((s, d, f, e) -> s + d + f + e);
    Arbitrary<String> special =
        Combinators.combine(
                sign,
                Arbitraries.of("inf", "infinity", "nan", "in", "nan0"),
                Arbitraries.integers().between(0, 255))
            .as((s, word, caseBits) -> s + mixedCase(word, caseBits));
    Arbitrary<String> odd =
        Arbitraries.of(
            "0x10", "0x1p3", "0X1P-2", "1_000", "1e", ".", "e5", ".e5", "1.5.5", "1e5.5", "0b1",
            "Inf1", "1p3", "٣");
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(7, decimal),
            net.jqwik.api.Tuple.of(2, special),
            net.jqwik.api.Tuple.of(1, odd))
        .filter(v -> !v.isEmpty());
  }

  private static String mixedCase(String word, int bits) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      out.append((bits >> (i % 8) & 1) == 1 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  /**
   * The agent's own value check (its float64 limit and the awk function valid_float, cut out of the
   * exposition program in the script) in one awk process, so that hundreds of values cost one
   * process.
   */
  private static final String AGENT_VALUE_CHECK =
      "set -u; export LC_ALL=C;"
          + " prog=\"BEGIN { $(sed -n '/^  OVERFLOW = /p' \"$AGENT\") }"
          + " $(sed -n '/^function valid_float(/,/^}/p' \"$AGENT\")"
          + " FNR == 2 { sub(/^m /, \\\"\\\"); print valid_float(\\$0) ? 0 : 1 }\";"
          + " grep -q '^function valid_float(' \"$AGENT\" || exit 99; awk \"$prog\" \"$@\"";

  @Property(tries = 5, seed = "20261129", shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void theAgentJudgesValuesLikePrometheus(
      @ForAll @Size(50) List<@net.jqwik.api.From("values") String> values) throws Exception {
    AgentHarness.assumeAgentTools();
    Path dir = Files.createTempDirectory("aami-floats");
    List<String> files = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Path file = dir.resolve(i + ".prom");
      Files.writeString(file, "# TYPE m gauge\nm " + values.get(i) + "\n");
      files.add(file.toString());
    }

    List<Boolean> agent = verdicts(dir, AGENT_VALUE_CHECK, files);
    // The whole --check-output path on a few of them: the same verdicts.
    List<Boolean> whole =
        verdicts(
            dir,
            "for f; do bash \"$AGENT\" --check-output \"$f\" >/dev/null;" + " echo $?; done",
            files.subList(0, 5));

    List<String> disagreements = new ArrayList<>();
    List<Boolean> promtool =
        Tools.onPath("promtool").isPresent()
            ? verdicts(
                dir,
                "for f; do promtool check metrics <\"$f\" >/dev/null 2>&1; r=$?;"
                    + " if [ $r -eq 3 ]; then r=0; fi; echo $r; done",
                files)
            : null;
    assertEquals(values.size(), agent.size(), "the agent's value check did not run");
    for (int i = 0; i < values.size(); i++) {
      if (agent.get(i) != reference(values.get(i))) {
        disagreements.add(
            values.get(i) + ": agent " + agent.get(i) + ", reference " + reference(values.get(i)));
      }
      if (promtool != null && !Objects.equals(agent.get(i), promtool.get(i))) {
        disagreements.add(
            values.get(i) + ": agent " + agent.get(i) + ", promtool " + promtool.get(i));
      }
      if (i < whole.size() && !Objects.equals(whole.get(i), agent.get(i))) {
        disagreements.add(
            values.get(i) + ": --check-output " + whole.get(i) + ", value check " + agent.get(i));
      }
    }
    assertEquals(List.of(), disagreements);
  }

  private static List<Boolean> verdicts(Path dir, String loop, List<String> files)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "-c", loop, "bash"));
    command.addAll(files);
    ProcessResult result =
        Processes.run(
            command,
            Map.of("PATH", System.getenv("PATH"), "AGENT", AgentHarness.SCRIPT.toString()),
            dir);
    return result.stdout().lines().map(code -> code.equals("0")).toList();
  }
}
