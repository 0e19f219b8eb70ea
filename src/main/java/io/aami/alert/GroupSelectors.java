package io.aami.alert;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The matchers {@code {{ .group_selector }}} renders to. A target's series carry one {@code
 * group_id} (its primary group) but every group in {@code aami_groups} (",a,b,"), so only {@code
 * aami_groups} selects all members of a group, and only a negative match on it keeps the members of
 * overriding groups out of a global rule, whichever of their groups is primary.
 */
public final class GroupSelectors {
  public static final String LABEL = "aami_groups";

  private GroupSelectors() {}

  /** Every member of any of {@code groups}. */
  public static String membersOfAny(Collection<String> groups) {
    return LABEL
        + "=~\".*,("
        + groups.stream().sorted().map(GroupSelectors::quote).collect(Collectors.joining("|"))
        + "),.*\"";
  }

  /** Every member of {@code groupId}. */
  public static String members(String groupId) {
    return LABEL + "=~\".*," + quote(groupId) + ",.*\"";
  }

  /** Every aami target outside {@code excluded}; every aami target when it is empty. */
  public static String outside(Collection<String> excluded) {
    if (excluded.isEmpty()) {
      return LABEL + "!=\"\"";
    }
    return LABEL
        + "!~\".*,("
        + excluded.stream().sorted().map(GroupSelectors::quote).collect(Collectors.joining("|"))
        + "),.*\"";
  }

  /** Group ids are [A-Za-z0-9._-]: only the dot is special in a regex; doubled for the string. */
  public static String quote(String groupId) {
    return groupId.replace(".", "\\\\.");
  }
}
