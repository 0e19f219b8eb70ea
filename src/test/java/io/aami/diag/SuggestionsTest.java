package io.aami.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> FIELDS =
      List.of("id", "template_id", "group_id", "scope", "config");

  @Test
  void suggestsTheClosestForTyposAndTranspositions() {
    assertEquals(Optional.of("template_id"), Suggestions.closest("templat_id", FIELDS));
    assertEquals(Optional.of("scope"), Suggestions.closest("scpoe", FIELDS));
    assertEquals(Optional.of("group_id"), Suggestions.closest("GROUP_ID", FIELDS));
  }

  @Test
  void staysSilentWhenNothingIsClose() {
    assertEquals(Optional.empty(), Suggestions.closest("xy", FIELDS));
    assertEquals(Optional.empty(), Suggestions.closest("mount_points", FIELDS));
    assertEquals("", Suggestions.didYouMean("labels", FIELDS));
  }

  @Test
  void nearestListsTheClosestFirstHoweverFarAndBreaksTiesByName() {
    assertEquals(List.of("scope", "config"), Suggestions.nearest("scopes", FIELDS, 2));
    assertEquals(
        List.of("id", "scope", "config", "group_id", "template_id"),
        Suggestions.nearest("zz", FIELDS, 9));
  }

  @Test
  void formatsTheHint() {
    assertEquals("; did you mean 'config'?", Suggestions.didYouMean("confg", FIELDS));
  }
}
