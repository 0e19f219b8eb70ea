package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples from the Semantic Versioning 2.0.0 specification and its common misreadings. */
class SemanticVersionsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0",
        "1.0.0",
        "10.20.30",
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-0.3.7",
        "1.0.0-x.7.z.92",
        "1.0.0-x-y-z.--",
        "1.0.0-alpha+001",
        "1.0.0+20130313144700",
        "1.0.0-beta+exp.sha.5114f85",
        "1.0.0+21AF26D3----117B344092BD",
        "2.0.0-rc.1+build.5"
      })
  void accepts(String version) {
    assertTrue(SemanticVersions.isValid(version), version);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "1.0",
        "1.0.0.0",
        "v1.0.0",
        "01.0.0",
        "1.02.0",
        "1.0.03",
        "1.0.0-",
        "1.0.0+",
        "1.0.0-01",
        "1.0.0-alpha..1",
        "1.0.0-alpha_beta",
        " 1.0.0",
        "1.0.0 ",
        "1.0.0\n",
        "-1.0.0",
        "1.0.0+build+more"
      })
  void rejects(String version) {
    assertFalse(SemanticVersions.isValid(version), version);
  }
}
