package io.aami.report;

import io.aami.alert.TargetAlerts;
import io.aami.json.CanonicalJson;
import io.aami.model.Target;
import io.aami.resolve.CandidateExplanation;
import io.aami.resolve.CandidateOutcome;
import io.aami.resolve.CheckExplanation;
import io.aami.resolve.ConfigProvenance;
import io.aami.resolve.EffectiveCheck;
import io.aami.resolve.ResolveService;
import io.aami.resolve.ScriptSource;
import io.aami.resolve.TargetExplanation;
import io.aami.resolve.UnreachedCheck;
import io.aami.resolve.ValueSource;
import java.util.List;
import java.util.function.Predicate;

/** The text of {@code aami resolve}: a check list, or with --explain a Hiera-style trace. */
final class ResolveText {
  private ResolveText() {}

  static String checks(ResolveService.Found found) {
    StringBuilder out = new StringBuilder();
    header(out, found.target());
    if (found.checks().isEmpty()) {
      out.append("  no checks: no active policy applies to this target\n");
    }
    for (EffectiveCheck c : found.checks()) {
      out.append("  ")
          .append(c.name())
          .append(' ')
          .append(c.version())
          .append(" (")
          .append(c.language().id())
          .append(", timeout ")
          .append(c.timeoutSeconds())
          .append("s) from policy ")
          .append(c.instanceId())
          .append('\n');
      out.append("    config: ").append(compact(c.config())).append('\n');
      out.append("    sha256: ").append(c.hash()).append('\n');
    }
    return out.toString();
  }

  static String explain(ResolveService.Found found) {
    TargetExplanation e = found.explanation();
    StringBuilder out = new StringBuilder();
    header(out, found.target());
    out.append("  declared at ").append(e.at()).append('\n');
    if (e.checks().isEmpty()) {
      out.append("\nNo check applies: no policy is global or in one of the target's groups.\n");
    }
    for (CheckExplanation c : e.checks()) {
      out.append('\n').append("Searching for check \"").append(c.check()).append("\"\n");
      section(out, "Group level", c.candidates(), k -> k.active() && k.groupId() != null);
      section(out, "Global level", c.candidates(), k -> k.active() && k.groupId() == null);
      section(out, "Inactive (ignored)", c.candidates(), k -> !k.active());
      if (!c.applied()) {
        out.append("  Not applied: every candidate policy is inactive\n");
        continue;
      }
      script(out, c.script(), c.result());
      out.append("  Merged config (")
          .append(c.script().direct() ? "policy" : "template")
          .append(" default_config, then policy config on top)\n");
      if (c.config().isEmpty()) {
        out.append("    (empty)\n");
      }
      for (ConfigProvenance p : c.config()) {
        out.append("    Found key: \"")
            .append(p.dottedPath())
            .append("\" value: ")
            .append(compact(p.value()))
            .append('\n');
        out.append("      from ").append(describe(p.source())).append('\n');
        if (p.replaced() != null) {
          out.append("      overriding ")
              .append(compact(p.replacedValue()))
              .append(" from ")
              .append(describe(p.replaced()))
              .append('\n');
        }
      }
      if (!c.config().isEmpty()) {
        out.append("  Merged result: ").append(compact(c.result().config())).append('\n');
      }
    }
    if (!e.alerts().isEmpty()) {
      out.append('\n').append("Alert rules\n");
    }
    for (TargetAlerts.Covering a : e.alerts()) {
      out.append("    Rule \"")
          .append(a.ruleId())
          .append("\" (")
          .append(a.groupId() == null ? "global" : "group " + a.groupId())
          .append(") at ")
          .append(a.at())
          .append(": alert ")
          .append(a.alert())
          .append('\n');
      if (a.forDuration() != null || a.keepFiringFor() != null) {
        out.append("      Fires after ")
            .append(a.forDuration() == null ? "0s" : a.forDuration())
            .append(", keeps firing for ")
            .append(a.keepFiringFor() == null ? "0s" : a.keepFiringFor())
            .append(" after the condition clears\n");
      }
      if (!a.covers()) {
        out.append("      Not for this target: replaced by the rule of its group")
            .append(a.replacedBy().size() == 1 ? " " : "s ")
            .append(String.join(", ", a.replacedBy()))
            .append('\n');
      }
    }
    if (!e.recordingRules().isEmpty()) {
      out.append('\n').append("Recording rules\n");
    }
    for (TargetAlerts.Covering r : e.recordingRules()) {
      out.append("    Rule \"")
          .append(r.ruleId())
          .append("\" (")
          .append(r.groupId() == null ? "global" : "group " + r.groupId())
          .append(") at ")
          .append(r.at())
          .append(": records ")
          .append(r.alert())
          .append('\n');
    }
    for (UnreachedCheck u : e.unreached()) {
      out.append('\n')
          .append("Not run: check \"")
          .append(u.check())
          .append("\" has policies only for groups the target is not in\n");
      for (UnreachedCheck.Policy p : u.policies()) {
        out.append("    Policy \"")
            .append(p.id())
            .append("\" (group ")
            .append(p.groupId())
            .append(") at ")
            .append(p.at())
            .append('\n');
        out.append("      Not a candidate: the target is not in group ")
            .append(p.groupId())
            .append(p.active() ? "" : " (and the policy is inactive)")
            .append('\n');
      }
    }
    return out.toString();
  }

  private static void header(StringBuilder out, Target t) {
    out.append("Target \"")
        .append(t.id())
        .append("\" (hostname ")
        .append(t.hostname())
        .append("), groups: ")
        .append(t.groups().isEmpty() ? "none (global checks only)" : String.join(", ", t.groups()))
        .append('\n');
  }

  private static void section(
      StringBuilder out,
      String title,
      List<CandidateExplanation> all,
      Predicate<CandidateExplanation> filter) {
    List<CandidateExplanation> selected = all.stream().filter(filter).toList();
    if (selected.isEmpty()) {
      return;
    }
    out.append("  ").append(title).append('\n');
    for (CandidateExplanation k : selected) {
      out.append("    Policy \"").append(k.policyId()).append('"');
      if (k.groupId() != null) {
        out.append(" (group ").append(k.groupId()).append(')');
      }
      out.append(" at ").append(k.at()).append('\n');
      out.append("      priority ").append(k.priority());
      if (k.groupPriority() != null) {
        out.append(", group priority ").append(k.groupPriority());
      }
      out.append('\n');
      out.append("      ")
          .append(verdict(k.outcome()))
          .append(": ")
          .append(k.reason())
          .append('\n');
    }
  }

  private static String verdict(CandidateOutcome outcome) {
    return switch (outcome) {
      case SELECTED -> "Selected";
      case INACTIVE -> "Ignored";
      case LOWER_PRIORITY, LOWER_GROUP_PRIORITY, SHADOWED_BY_GROUP, TIED -> "Lost";
    };
  }

  private static void script(StringBuilder out, ScriptSource s, EffectiveCheck check) {
    out.append("  Script: ")
        .append(s.direct() ? "direct policy \"" : "template \"")
        .append(s.owner())
        .append("\" version ")
        .append(s.version())
        .append(", timeout ")
        .append(check.timeoutSeconds())
        .append("s, at ")
        .append(s.at())
        .append('\n');
    out.append("    ")
        .append(s.scriptFile() == null ? "inline script_content" : "script_file " + s.scriptFile())
        .append(", sha256 ")
        .append(s.sha256())
        .append('\n');
  }

  private static String describe(ValueSource s) {
    return switch (s.layer()) {
      case TEMPLATE_DEFAULT -> "template \"" + s.owner() + "\" default_config at " + s.at();
      case POLICY_DEFAULT -> "policy \"" + s.owner() + "\" default_config at " + s.at();
      case POLICY_OVERRIDE -> "policy \"" + s.owner() + "\" config at " + s.at();
    };
  }

  static String compact(Object value) {
    return CanonicalJson.oneLine(value);
  }
}
