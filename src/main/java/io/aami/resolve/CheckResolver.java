package io.aami.resolve;

import io.aami.model.CheckDefinition;
import io.aami.model.Group;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.Target;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which checks a target runs ("group over global", then policy priority, then group
 * priority) and with which config.
 *
 * <p>Built once per repository: policies are indexed by scope key (global, or group id) and the
 * global-only decisions are made once. A target's result depends only on its set of groups, so
 * results are memoized per distinct group set; the work is proportional to the policies of the
 * groups in each distinct set, never to targets times policies. Not thread-safe.
 *
 * <p>Policies whose template does not resolve are skipped here; validation reports them.
 */
public final class CheckResolver {
  private static final String GLOBAL = "";

  private final Repository repository;

  /** Scope key ("" for global, else group id) to check name to candidates, active ones only. */
  private final Map<String, Map<String, List<Candidate>>> active = new HashMap<>();

  private final Map<String, Map<String, List<Candidate>>> inactive = new HashMap<>();
  private final Map<String, CheckDecision> globalDecisions = new TreeMap<>();
  private final Map<List<String>, GroupSetResolution> byGroupSet = new HashMap<>();
  private final IdentityHashMap<ScriptPolicy, EffectiveCheck> byWinner = new IdentityHashMap<>();

  private CheckResolver(Repository repository) {
    this.repository = repository;
    index();
    for (Map.Entry<String, List<Candidate>> e : candidates(active, GLOBAL).entrySet()) {
      globalDecisions.put(e.getKey(), decide(e.getKey(), e.getValue()));
    }
  }

  public static CheckResolver of(Repository repository) {
    return new CheckResolver(repository);
  }

  public Repository repository() {
    return repository;
  }

  /** The checks of {@code target}, shared with every target in the same groups. */
  public GroupSetResolution resolve(Target target) {
    return resolveGroups(target.groups());
  }

  /** The checks of a target in {@code groups} (any order; duplicates ignored). */
  public GroupSetResolution resolveGroups(Collection<String> groups) {
    List<String> key = groupSetKey(groups);
    GroupSetResolution cached = byGroupSet.get(key);
    if (cached == null) {
      cached = compute(key);
      byGroupSet.put(key, cached);
    }
    return cached;
  }

  /**
   * Inactive policies that would be candidates for a target in {@code groups}, by check name:
   * resolution ignores them, explanations show them.
   */
  public Map<String, List<Candidate>> inactiveCandidates(Collection<String> groups) {
    Map<String, List<Candidate>> byName = new TreeMap<>();
    addAll(byName, candidates(inactive, GLOBAL));
    for (String group : groupSetKey(groups)) {
      addAll(byName, candidates(inactive, group));
    }
    byName.values().forEach(list -> list.sort(Candidate.BEST_FIRST));
    return byName;
  }

  /** The effective check a policy gives when it wins (the same for every target it wins on). */
  public EffectiveCheck effectiveCheck(Candidate winner) {
    return byWinner.computeIfAbsent(
        winner.policy(), p -> EffectiveCheck.of(p, winner.definition()));
  }

  static List<String> groupSetKey(Collection<String> groups) {
    return List.copyOf(new TreeSet<>(groups));
  }

  private void index() {
    for (Map.Entry<String, List<ScriptPolicy>> scope : repository.policiesByScopeKey().entrySet()) {
      if (scope.getKey() == null) {
        continue; // a group policy without group_id: validation reports it
      }
      Integer groupPriority =
          scope.getKey().equals(GLOBAL)
              ? null
              : repository
                  .group(scope.getKey())
                  .map(Group::priority)
                  .orElse(Group.DEFAULT_PRIORITY);
      for (ScriptPolicy policy : scope.getValue()) {
        CheckDefinition definition = repository.definitionOf(policy).orElse(null);
        if (definition == null) {
          continue;
        }
        Map<String, Map<String, List<Candidate>>> target = policy.active() ? active : inactive;
        target
            .computeIfAbsent(scope.getKey(), k -> new HashMap<>())
            .computeIfAbsent(definition.name(), k -> new ArrayList<>())
            .add(new Candidate(policy, definition, groupPriority));
      }
    }
  }

  private GroupSetResolution compute(List<String> groups) {
    Map<String, List<Candidate>> groupLevel = new TreeMap<>();
    for (String group : groups) {
      addAll(groupLevel, candidates(active, group));
    }
    Map<String, CheckDecision> decisions = new TreeMap<>(globalDecisions);
    for (Map.Entry<String, List<Candidate>> e : groupLevel.entrySet()) {
      List<Candidate> all = new ArrayList<>(e.getValue());
      // Shadowed globals stay in the ranking (after every group candidate) so explanations show
      // them.
      all.addAll(candidates(active, GLOBAL).getOrDefault(e.getKey(), List.of()));
      decisions.put(e.getKey(), decide(e.getKey(), all));
    }
    List<EffectiveCheck> checks = new ArrayList<>(decisions.size());
    for (CheckDecision decision : decisions.values()) {
      checks.add(effectiveCheck(decision.winner()));
    }
    return new GroupSetResolution(groups, List.copyOf(decisions.values()), checks);
  }

  private static CheckDecision decide(String checkName, List<Candidate> candidates) {
    List<Candidate> ranked = new ArrayList<>(candidates);
    ranked.sort(Candidate.BEST_FIRST);
    return new CheckDecision(checkName, ranked);
  }

  private static Map<String, List<Candidate>> candidates(
      Map<String, Map<String, List<Candidate>>> index, String scopeKey) {
    return index.getOrDefault(scopeKey, Map.of());
  }

  private static void addAll(Map<String, List<Candidate>> into, Map<String, List<Candidate>> from) {
    from.forEach((name, list) -> into.computeIfAbsent(name, k -> new ArrayList<>()).addAll(list));
  }
}
