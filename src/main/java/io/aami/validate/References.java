package io.aami.validate;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.diag.Suggestions;
import io.aami.load.LoadResult;
import io.aami.model.AlertRule;
import io.aami.model.Kind;
import io.aami.model.Origin;
import io.aami.model.RecordingRule;
import io.aami.model.Repository;
import io.aami.model.Scope;
import io.aami.model.ScriptPolicy;
import io.aami.model.Target;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every {@code template_id}, {@code group_id} and target group names an object of the right kind.
 * Ids that were declared by a document the loader refused count as known: that document is already
 * reported, and reporting every reference to it would bury the real problem.
 */
final class References implements SemanticCheck {

  @Override
  public void check(LoadResult loaded, Diagnostics out) {
    Resolver r = new Resolver(loaded, out);
    for (ScriptPolicy policy : loaded.repository().scriptPolicies()) {
      if (policy.source() instanceof ScriptPolicy.FromTemplate ref) {
        r.require(Kind.SCRIPT_TEMPLATE, ref.templateId(), policy.origin(), "template_id", "");
      }
      if (policy.scope() instanceof Scope.InGroup group && group.groupId() != null) {
        r.require(Kind.GROUP, group.groupId(), policy.origin(), "group_id", "");
      }
    }
    for (AlertRule rule : loaded.repository().alertRules()) {
      if (rule.source() instanceof AlertRule.FromTemplate ref) {
        r.require(Kind.ALERT_TEMPLATE, ref.templateId(), rule.origin(), "template_id", "");
      }
      if (!rule.isGlobal()) {
        r.require(Kind.GROUP, rule.groupId(), rule.origin(), "group_id", "");
      }
    }
    for (RecordingRule rule : loaded.repository().recordingRules()) {
      if (!rule.isGlobal()) {
        r.require(Kind.GROUP, rule.groupId(), rule.origin(), "group_id", "");
      }
    }
    for (Target target : loaded.repository().targets()) {
      List<String> groups = target.groups();
      for (int i = 0; i < groups.size(); i++) {
        if (!r.knows(Kind.GROUP, groups.get(i))) {
          r.report(
              Kind.GROUP,
              groups.get(i),
              target.origin().locate("groups", Integer.toString(i)),
              "group",
              " of target '" + target.id() + "'");
        }
      }
    }
  }

  /** Lookups by id; did-you-mean hints are computed once per kind and unknown id. */
  private static final class Resolver {
    private final LoadResult loaded;
    private final Diagnostics out;
    private final Map<Kind, Set<String>> known = new HashMap<>();
    private final Map<Kind, Set<String>> candidates = new HashMap<>();
    private final Map<String, String> hints = new HashMap<>();

    Resolver(LoadResult loaded, Diagnostics out) {
      this.loaded = loaded;
      this.out = out;
      Repository repo = loaded.repository();
      known.put(Kind.SCRIPT_TEMPLATE, ids(repo.scriptTemplates().stream().map(t -> t.name())));
      known.put(Kind.ALERT_TEMPLATE, ids(repo.alertTemplates().stream().map(t -> t.id())));
      known.put(Kind.GROUP, ids(repo.groups().stream().map(g -> g.id())));
    }

    private static Set<String> ids(Stream<String> ids) {
      return ids.collect(Collectors.toCollection(HashSet::new));
    }

    /** Reports {@code field 'id'} at that field of {@code origin} unless {@code id} is known. */
    void require(Kind kind, String id, Origin origin, String field, String context) {
      if (!knows(kind, id)) {
        report(kind, id, origin.locate(field), field, context);
      }
    }

    /** Bound, or declared by a document that is already reported. */
    boolean knows(Kind kind, String id) {
      return known.get(kind).contains(id) || loaded.declared(kind, id);
    }

    void report(Kind kind, String id, SourceLocation at, String field, String context) {
      String hint = hints.computeIfAbsent(kind.name() + "\0" + id, k -> hint(kind, id));
      Code code = kind == Kind.GROUP ? Code.UNKNOWN_GROUP : Code.UNKNOWN_TEMPLATE;
      out.error(
          at, code, field + " '" + id + "'" + context + " names no " + kind.kindName() + hint);
    }

    /**
     * Names the other template kind when {@code id} is one (a script template named where an alert
     * template is expected, or the other way round), else a did-you-mean.
     */
    private String hint(Kind kind, String id) {
      if (kind == Kind.SCRIPT_TEMPLATE && known.get(Kind.ALERT_TEMPLATE).contains(id)) {
        return " ('" + id + "' is an AlertTemplate)";
      }
      if (kind == Kind.ALERT_TEMPLATE && known.get(Kind.SCRIPT_TEMPLATE).contains(id)) {
        return " ('" + id + "' is a ScriptTemplate)";
      }
      Set<String> names =
          candidates.computeIfAbsent(
              kind,
              k -> {
                Set<String> all = new TreeSet<>(known.get(k));
                all.addAll(loaded.unboundIds().getOrDefault(k, Set.of()));
                return all;
              });
      return Suggestions.didYouMean(id, names);
    }
  }
}
