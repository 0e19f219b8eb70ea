package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Suggestions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What placeholders may refer to for one rule: the built-ins ({@code group_id}, {@code group_name},
 * {@code for_duration}) and every parameter of the merged config. A name is <em>known</em> when it
 * is a built-in or a parameter key; it <em>has a value</em> when that value is not null.
 */
public final class PlaceholderScope {
  public static final String GROUP_ID = "group_id";
  public static final String GROUP_NAME = "group_name";
  public static final String FOR_DURATION = "for_duration";

  /**
   * A label matcher that selects the rule's targets through {@code aami_groups}: every member of a
   * group rule's group (primary or not), or for a global rule every target outside the groups that
   * override it. Written into the query as a matcher, not as a value.
   */
  public static final String GROUP_SELECTOR = "group_selector";

  public static final SortedSet<String> BUILT_INS =
      Collections.unmodifiableSortedSet(
          new TreeSet<>(List.of(GROUP_ID, GROUP_NAME, GROUP_SELECTOR, FOR_DURATION)));

  private final Map<String, Object> values;
  private final SortedSet<String> known;

  private PlaceholderScope(Map<String, Object> values, SortedSet<String> known) {
    this.values = values;
    this.known = known;
  }

  /** Built-ins win over parameters of the same name (which validation reports). */
  public static PlaceholderScope of(
      String groupId, String groupName, String forDuration, Map<String, Object> parameters) {
    return of(
        groupId,
        groupName,
        groupId == null ? null : GroupSelectors.members(groupId),
        forDuration,
        parameters);
  }

  /** {@code groupId} and {@code groupName} are null for a global rule. */
  public static PlaceholderScope of(
      String groupId,
      String groupName,
      String groupSelector,
      String forDuration,
      Map<String, Object> parameters) {
    Map<String, Object> values = new LinkedHashMap<>(parameters);
    values.put(GROUP_ID, groupId);
    values.put(GROUP_NAME, groupName);
    values.put(GROUP_SELECTOR, groupSelector);
    values.put(FOR_DURATION, forDuration);
    SortedSet<String> known = new TreeSet<>(parameters.keySet());
    known.addAll(BUILT_INS);
    return new PlaceholderScope(values, Collections.unmodifiableSortedSet(known));
  }

  public boolean isKnown(String name) {
    return known.contains(name);
  }

  /** The value, when the name is known and its value is not null. */
  public Optional<Object> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public SortedSet<String> known() {
    return known;
  }

  /**
   * True for the names aami fills in itself: their values are plain identifiers and durations,
   * never patterns, so a regex context may quote them.
   */
  public static boolean isBuiltIn(String name) {
    return BUILT_INS.contains(name);
  }

  /**
   * The text that replaces placeholder {@code name}, or empty with a problem added saying why there
   * is none (no value, or a list or mapping that has no single text form).
   */
  Optional<String> text(String name, List<FieldProblem> problems) {
    Optional<Object> value = value(name);
    if (value.isEmpty()) {
      problems.add(FieldProblem.error(Code.PLACEHOLDER, missing(name)));
      return Optional.empty();
    }
    Optional<String> text = ParameterValues.text(value.get());
    if (text.isEmpty()) {
      problems.add(
          FieldProblem.error(
              Code.PLACEHOLDER,
              "placeholder '"
                  + name
                  + "' is "
                  + ParameterValues.describe(value.get())
                  + "; only a string, number or boolean can replace"
                  + " a placeholder"));
    }
    return text;
  }

  /** Why {@code name} cannot be substituted, for a message; call only when it has no value. */
  String missing(String name) {
    if (isKnown(name)) {
      return "placeholder '"
          + name
          + "' has no value (set it in the rule's config or the template's"
          + " default_config)";
    }
    return "unknown placeholder '"
        + name
        + "'; known placeholders: "
        + String.join(", ", known)
        + Suggestions.didYouMean(name, known);
  }
}
