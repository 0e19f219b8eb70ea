package io.aami.resolve;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds targets for which two active policies of one check tie for the win (same scope level, same
 * policy priority, same group priority), so resolution would have to guess.
 *
 * <p>Works per distinct group set through {@link CheckResolver}, never per target and policy. A
 * tied pair of policies is reported once, at the policy declared second, naming one example target
 * (the first by id) and how many targets it affects; a global tie that reaches hundreds of group
 * sets is still one error, because the fix is one edit. Policies whose template does not resolve
 * are skipped (the reference check reports them).
 */
public final class AmbiguityCheck {
  private AmbiguityCheck() {}

  public static List<Diagnostic> check(Repository repository) {
    Map<List<String>, List<Target>> byGroupSet = new LinkedHashMap<>();
    for (Target target : repository.targets()) {
      byGroupSet
          .computeIfAbsent(CheckResolver.groupSetKey(target.groups()), k -> new ArrayList<>())
          .add(target);
    }
    CheckResolver resolver = CheckResolver.of(repository);
    Map<TieKey, Tie> ties = new TreeMap<>();
    for (Map.Entry<List<String>, List<Target>> set : byGroupSet.entrySet()) {
      for (CheckDecision decision : resolver.resolveGroups(set.getKey()).decisions()) {
        List<Candidate> tied = new ArrayList<>(decision.tiedForTheWin());
        if (tied.size() < 2) {
          continue;
        }
        tied.sort(Comparator.comparing(c -> c.policy().origin().location()));
        Candidate first = tied.get(0);
        for (Candidate second : tied.subList(1, tied.size())) {
          ties.computeIfAbsent(
                  new TieKey(decision.checkName(), first.policyId(), second.policyId()),
                  k -> new Tie(first, second))
              .add(set.getValue());
        }
      }
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    ties.values().forEach(tie -> diagnostics.add(tie.diagnostic()));
    return diagnostics;
  }

  private record TieKey(String check, String first, String second) implements Comparable<TieKey> {
    private static final Comparator<TieKey> ORDER =
        Comparator.comparing(TieKey::check)
            .thenComparing(TieKey::first)
            .thenComparing(TieKey::second);

    @Override
    public int compareTo(TieKey other) {
      return ORDER.compare(this, other);
    }
  }

  private static final class Tie {
    private final Candidate first;
    private final Candidate second;
    private Target example;
    private int targets;

    Tie(Candidate first, Candidate second) {
      this.first = first;
      this.second = second;
    }

    void add(List<Target> affected) {
      targets += affected.size();
      for (Target t : affected) {
        if (example == null || t.id().compareTo(example.id()) < 0) {
          example = t;
        }
      }
    }

    Diagnostic diagnostic() {
      ScriptPolicy a = first.policy();
      ScriptPolicy b = second.policy();
      String others =
          targets == 1 ? "" : " and " + (targets - 1) + " other target" + (targets == 2 ? "" : "s");
      String level = "global level";
      if (first.isGroupLevel()) {
        String groups =
            first.groupId().equals(second.groupId())
                ? "group " + first.groupId()
                : "groups " + first.groupId() + " and " + second.groupId();
        level = "group level (" + groups + ", group priority " + first.groupPriority() + ")";
      }
      String message =
          "policies '"
              + a.id()
              + "' ("
              + a.origin().location()
              + ") and '"
              + b.id()
              + "' tie for check '"
              + first.checkName()
              + "' on target '"
              + example.id()
              + "'"
              + others
              + ": same "
              + level
              + " and same priority "
              + a.priority()
              + "; raise one policy's priority or one group's priority";
      return Diagnostic.error(b.origin().location(), Code.AMBIGUOUS_POLICY, message);
    }
  }
}
