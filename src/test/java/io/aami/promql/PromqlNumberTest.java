package io.aami.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromqlNumberTest {
  @ParameterizedTest(name = "{0} is a number: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "70 | true",
        "-0.5 | true",
        "+.5 | true",
        "1e3 | true",
        "1E-3 | true",
        "0x1F | true",
        "1_000 | true",
        "Inf | true",
        "-inf | true",
        "NaN | true",
        "1. | true",
        "5m | false",
        "1h30m | false",
        "x | false",
        "1 + 1 | false",
        "0x | false",
        "1e | false",
        "'' | false",
        "- | false",
        "1_ | false",
        "1 # c | false",
        "0x8000000000000000 | false",
      })
  void isNumberAcceptsExactlyOnePromqlNumberLiteral(String text, boolean expected) {
    assertEquals(expected, PromQL.isNumber(text));
  }

  @ParameterizedTest(name = "{0} is a duration: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "5m | true",
        "1h30m | true",
        "1y2w3d4h5m6s7ms | true",
        "0 | true",
        "0s | true",
        "30m1h | false",
        "5 | false",
        "-5m | false",
        "5M | false",
        "'' | false",
        "99999999999999999999y | false",
      })
  void isDurationAcceptsPrometheusDurationsLargestUnitFirst(String text, boolean expected) {
    assertEquals(expected, PromQL.isDuration(text));
  }

  @ParameterizedTest(name = "{0}: metric name {1}, label name {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "up | true | true",
        "_x9 | true | true",
        "ns:rule:rate5m | true | false",
        ":x | true | false",
        "9x | false | false",
        "'' | false | false",
        "a-b | false | false",
        "a.b | false | false",
        "é | false | false",
      })
  void namesAreWhatAQueryWritesWithoutQuotes(String text, boolean metric, boolean label) {
    assertEquals(metric, PromQL.isMetricName(text));
    assertEquals(label, PromQL.isLabelName(text));
  }
}
