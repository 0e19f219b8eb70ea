package io.aami.resolve;

import io.aami.alert.TargetAlerts;
import io.aami.diag.SourceLocation;
import io.aami.model.CheckDefinition;
import io.aami.model.Origin;
import io.aami.model.Scope;
import io.aami.model.Script;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import io.aami.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns the resolver's decisions for one target into an explanation: per check the winner and every
 * other candidate with the reason it lost (inactive ones included), and per config leaf the
 * file:line it came from. Uses the very decisions resolution uses, so the two cannot disagree.
 */
public final class Explainer {
  private final CheckResolver resolver;

  public Explainer(CheckResolver resolver) {
    this.resolver = resolver;
  }

  public TargetExplanation explain(Target target) {
    GroupSetResolution resolution = resolver.resolve(target);
    Map<String, CheckDecision> decisions = new HashMap<>();
    resolution.decisions().forEach(d -> decisions.put(d.checkName(), d));
    Map<String, List<Candidate>> inactive = resolver.inactiveCandidates(target.groups());
    TreeSet<String> names = new TreeSet<>(decisions.keySet());
    names.addAll(inactive.keySet());
    List<CheckExplanation> checks = new ArrayList<>();
    for (String name : names) {
      checks.add(explain(name, decisions.get(name), inactive.getOrDefault(name, List.of())));
    }
    return new TargetExplanation(
        target.id(),
        target.hostname(),
        target.groups(),
        target.origin().location(),
        checks,
        unreached(target, names),
        TargetAlerts.of(resolver.repository(), target),
        TargetAlerts.recordingRules(resolver.repository(), target));
  }

  /** Checks with no policy for the target at all: only policies of groups it is not in. */
  private List<UnreachedCheck> unreached(Target target, Set<String> applicable) {
    Set<String> groups = new HashSet<>(target.groups());
    Map<String, List<UnreachedCheck.Policy>> byCheck = new TreeMap<>();
    for (ScriptPolicy policy : resolver.repository().scriptPolicies()) {
      if (!(policy.scope() instanceof Scope.InGroup inGroup)
          || groups.contains(inGroup.groupId())) {
        continue;
      }
      resolver
          .repository()
          .definitionOf(policy)
          .map(CheckDefinition::name)
          .filter(name -> !applicable.contains(name))
          .ifPresent(
              name ->
                  byCheck
                      .computeIfAbsent(name, n -> new ArrayList<>())
                      .add(
                          new UnreachedCheck.Policy(
                              policy.id(),
                              inGroup.groupId(),
                              policy.active(),
                              policy.origin().location())));
    }
    List<UnreachedCheck> unreached = new ArrayList<>();
    byCheck.forEach((name, policies) -> unreached.add(new UnreachedCheck(name, policies)));
    return unreached;
  }

  // A candidate is "the winner" by identity: two policies can build equal candidates.
  @SuppressWarnings("ReferenceEquality")
  private CheckExplanation explain(String name, CheckDecision decision, List<Candidate> inactive) {
    List<CandidateExplanation> candidates = new ArrayList<>();
    if (decision != null) {
      for (Candidate c : decision.ranked()) {
        candidates.add(c == decision.winner() ? selected(decision) : lost(c, decision.winner()));
      }
    }
    for (Candidate c : inactive) {
      candidates.add(
          describe(
              c, CandidateOutcome.INACTIVE, "is_active: false, so it is ignored as if absent"));
    }
    if (decision == null) {
      return new CheckExplanation(name, null, null, candidates, List.of());
    }
    Candidate winner = decision.winner();
    DefinitionOwner owner = definitionOwner(winner.policy());
    return new CheckExplanation(
        name,
        resolver.effectiveCheck(winner),
        scriptSource(winner, owner),
        candidates,
        provenance(winner, owner));
  }

  // A candidate is "the winner" by identity: two policies can build equal candidates.
  @SuppressWarnings("ReferenceEquality")
  private static CandidateExplanation selected(CheckDecision decision) {
    Candidate winner = decision.winner();
    List<Candidate> rivals =
        decision.ranked().stream().filter(c -> c != winner && c.level() == winner.level()).toList();
    boolean globalsShadowed =
        decision.ranked().stream().anyMatch(c -> !c.isGroupLevel()) && winner.isGroupLevel();
    String reason =
        winner.isGroupLevel()
            ? "group policy for one of the target's groups"
            : "no active group policy for this check in the target's groups, so the global level decides";
    if (rivals.isEmpty()) {
      reason +=
          winner.isGroupLevel()
              ? "; the only group policy for this check"
              : "; the only global policy";
    } else {
      Candidate next = rivals.get(0);
      if (winner.priority() != next.priority()) {
        reason += "; highest priority (" + winner.priority() + " > " + next.priority() + ")";
      } else if (!winner.tiesWith(next)) {
        reason +=
            "; same priority "
                + winner.priority()
                + ", highest group priority ("
                + winner.groupPriority()
                + " > "
                + next.groupPriority()
                + ")";
      } else {
        reason +=
            "; ties with '"
                + next.policyId()
                + "', picked by policy id only (ambiguous: "
                + "aami validate rejects this)";
      }
    }
    if (globalsShadowed) {
      reason += "; group policies win over global ones";
    }
    return describe(winner, CandidateOutcome.SELECTED, reason);
  }

  private static CandidateExplanation lost(Candidate c, Candidate winner) {
    if (winner.isGroupLevel() && !c.isGroupLevel()) {
      return describe(
          c,
          CandidateOutcome.SHADOWED_BY_GROUP,
          "global policy shadowed by group policy '"
              + winner.policyId()
              + "' (group "
              + winner.groupId()
              + ")");
    }
    if (c.priority() < winner.priority()) {
      return describe(
          c,
          CandidateOutcome.LOWER_PRIORITY,
          "lower priority than '"
              + winner.policyId()
              + "' ("
              + c.priority()
              + " < "
              + winner.priority()
              + ")");
    }
    if (!c.tiesWith(winner)) {
      return describe(
          c,
          CandidateOutcome.LOWER_GROUP_PRIORITY,
          "same priority "
              + c.priority()
              + ", but group "
              + c.groupId()
              + " has a lower priority than group "
              + winner.groupId()
              + " of '"
              + winner.policyId()
              + "' ("
              + c.groupPriority()
              + " < "
              + winner.groupPriority()
              + ")");
    }
    return describe(
        c,
        CandidateOutcome.TIED,
        "ties with '"
            + winner.policyId()
            + "' on scope, priority and "
            + "group priority; lost on policy id only (ambiguous: aami validate rejects this)");
  }

  private static CandidateExplanation describe(
      Candidate c, CandidateOutcome outcome, String reason) {
    ScriptPolicy p = c.policy();
    return new CandidateExplanation(
        p.id(),
        c.groupId(),
        p.priority(),
        c.groupPriority(),
        p.active(),
        p.origin().location(),
        outcome,
        reason);
  }

  /**
   * The document that defines a winner's script and defaults: its template, or the policy itself.
   */
  private record DefinitionOwner(boolean direct, String name, Origin origin) {}

  private DefinitionOwner definitionOwner(ScriptPolicy policy) {
    if (policy.source() instanceof ScriptPolicy.FromTemplate ref) {
      ScriptTemplate template =
          resolver.repository().scriptTemplate(ref.templateId()).orElseThrow();
      return new DefinitionOwner(false, template.name(), template.origin());
    }
    return new DefinitionOwner(true, policy.id(), policy.origin());
  }

  private static ScriptSource scriptSource(Candidate winner, DefinitionOwner owner) {
    Script script = winner.definition().script();
    return new ScriptSource(
        owner.direct(),
        owner.name(),
        winner.definition().version(),
        script.sha256(),
        script.file(),
        owner.origin().location());
  }

  private static List<ConfigProvenance> provenance(Candidate winner, DefinitionOwner owner) {
    ScriptPolicy policy = winner.policy();
    ValueSource.Layer defaultLayer =
        owner.direct() ? ValueSource.Layer.POLICY_DEFAULT : ValueSource.Layer.TEMPLATE_DEFAULT;
    List<ConfigProvenance> result = new ArrayList<>();
    for (ConfigMerge.Leaf leaf :
        ConfigMerge.leaves(winner.definition().defaultConfig(), policy.config())) {
      ValueSource fromDefault =
          new ValueSource(
              defaultLayer,
              owner.name(),
              keyLocation(owner.origin(), "default_config", leaf.path()));
      if (leaf.layer() == ConfigMerge.Layer.DEFAULT) {
        result.add(new ConfigProvenance(leaf.path(), leaf.value(), fromDefault, null, null));
      } else {
        ValueSource fromPolicy =
            new ValueSource(
                ValueSource.Layer.POLICY_OVERRIDE,
                policy.id(),
                keyLocation(policy.origin(), "config", leaf.path()));
        result.add(
            leaf.replacedDefault()
                ? new ConfigProvenance(
                    leaf.path(),
                    leaf.value(),
                    fromPolicy,
                    fromDefault,
                    ConfigMerge.valueAt(winner.definition().defaultConfig(), leaf.path()))
                : new ConfigProvenance(leaf.path(), leaf.value(), fromPolicy, null, null));
      }
    }
    return result;
  }

  private static SourceLocation keyLocation(Origin origin, String section, List<String> path) {
    return origin.locateKey(
        Stream.concat(Stream.of(section), path.stream()).toArray(String[]::new));
  }
}
