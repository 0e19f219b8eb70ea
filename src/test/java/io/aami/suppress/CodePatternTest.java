package io.aami.suppress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodePatternTest {
  @Test
  void exactCodesAndFamilies() {
    assertTrue(CodePattern.matches("alert/no-condition", "alert/no-condition"));
    assertFalse(CodePattern.matches("alert/no-condition", "alert/no-conditions"));
    assertTrue(CodePattern.matches("live/*", "live/target-down"));
    assertTrue(CodePattern.matches("live/*", "live/rule/evaluation-failed"));
    assertFalse(CodePattern.matches("live/*", "liveness/x"));
    assertTrue(CodePattern.valid("live/*"));
    assertTrue(CodePattern.valid("schema"));
    assertFalse(CodePattern.valid("Alert/NoCondition"));
    assertFalse(CodePattern.valid("*"));
  }
}
