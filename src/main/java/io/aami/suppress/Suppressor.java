package io.aami.suppress;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Applies suppressions as code to the problems of one validation: the {@code # aami-disable}
 * comments of every file and the {@code validate} section of {@code aami.yaml}. Suppressions are
 * generic over codes (an exact code or a family {@code x/*}), so codes added later, such as the
 * live checks' {@code live/*}, are covered without a change here.
 *
 * <p>Errors that would make render fail cannot be silenced, neither by a comment nor by {@code
 * disable} or a lower {@code severity}: they stay, and the suppression that tried gets a located
 * {@code suppress/not-allowed} error. Only warnings and the errors render tolerates ({@link
 * #RENDER_SAFE_ERRORS}) can be silenced. A comment code or a {@code disable} entry that silenced
 * nothing is a {@code suppress/unused} warning, unless its checks did not run (the live checks
 * without a Prometheus). Notes (info diagnostics) are hidden like warnings but never re-graded.
 * Cost: one pass over the problems, with each file's suppressions indexed by line.
 */
public final class Suppressor {
  /** Errors whose finding render ignores (it drops the key, or only compares with a base). */
  static final Set<String> RENDER_SAFE_ERRORS =
      Set.of(Code.ALERT_CONFIG_KEY.id(), Code.VERSION_NOT_BUMPED.id());

  /** The problems that remain, and how many the suppressions silenced. */
  public record Outcome(List<Diagnostic> diagnostics, long suppressed) {
    public Outcome {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  private Suppressor() {}

  public static boolean silenceable(Diagnostic d) {
    return !d.isError() || RENDER_SAFE_ERRORS.contains(d.code());
  }

  /**
   * Applies suppression comments and aami.yaml settings to the problems of one run.
   *
   * @param texts every file's text, to find its comments
   * @param files the files to look for comments in
   */
  public static Outcome apply(
      List<Diagnostic> problems,
      Iterable<String> files,
      Function<String, Optional<String>> texts,
      ValidateSettings settings) {
    return apply(problems, files, texts, settings, code -> false);
  }

  /**
   * Applies them, knowing which codes' checks did not run.
   *
   * @param notChecked whether a code (or family) belongs to checks that did not run this time (the
   *     live checks without a Prometheus): a suppression of it is not {@code suppress/unused},
   *     since nothing could have matched it
   */
  public static Outcome apply(
      List<Diagnostic> problems,
      Iterable<String> files,
      Function<String, Optional<String>> texts,
      ValidateSettings settings,
      Predicate<String> notChecked) {
    Map<String, List<List<Suppression>>> byLine = new HashMap<>();
    List<Suppression> comments = new ArrayList<>();
    List<Diagnostic> generated = new ArrayList<>();
    for (String file : files) {
      Optional<String> text = texts.apply(file);
      if (text.isEmpty() || !text.get().contains(SuppressionComments.MARKER)) {
        continue;
      }
      SuppressionComments.Found found = SuppressionComments.in(file, text.get());
      generated.addAll(found.problems());
      comments.addAll(found.suppressions());
      byLine.put(file, index(found.suppressions()));
    }
    IdentityHashMap<Suppression, Set<String>> usedComments = new IdentityHashMap<>();
    Set<ValidateSettings.Entry> usedSettings = new LinkedHashSet<>();
    Set<String> refusals = new LinkedHashSet<>();
    List<Diagnostic> kept = new ArrayList<>();
    long suppressed = 0;
    for (Diagnostic d : problems) {
      boolean silenceable = silenceable(d);
      Optional<ValidateSettings.Entry> setting = setting(settings, d.code());
      setting.ifPresent(usedSettings::add);
      Optional<Suppression> comment = comment(byLine, d);
      comment.ifPresent(
          c ->
              usedComments
                  .computeIfAbsent(c, x -> new LinkedHashSet<>())
                  .add(matchingCode(c, d.code())));
      boolean off = setting.map(e -> e.level() == ValidateSettings.Level.OFF).orElse(false);
      if ((off || comment.isPresent()) && silenceable) {
        suppressed++;
        continue;
      }
      if (!silenceable
          && (off
              || comment.isPresent()
              || setting.map(e -> e.level() == ValidateSettings.Level.WARNING).orElse(false))) {
        refuse(d, comment, setting, refusals, generated);
      }
      kept.add(withSeverity(d, setting, silenceable));
    }
    generated.addAll(unused(comments, usedComments, settings, usedSettings, notChecked));
    for (Diagnostic g : generated) {
      Optional<ValidateSettings.Entry> setting = setting(settings, g.code());
      if (setting.map(e -> e.level() == ValidateSettings.Level.OFF).orElse(false)
          && silenceable(g)) {
        suppressed++;
      } else {
        kept.add(withSeverity(g, setting, silenceable(g)));
      }
    }
    return new Outcome(kept, suppressed);
  }

  /** The exact code's setting, else the family with the longest prefix; disable counts as off. */
  private static Optional<ValidateSettings.Entry> setting(ValidateSettings settings, String code) {
    ValidateSettings.Entry best = settings.severity().get(code);
    if (best != null) {
      return Optional.of(best);
    }
    for (ValidateSettings.Entry e : settings.disable()) {
      if (e.code().equals(code)) {
        return Optional.of(e);
      }
    }
    List<ValidateSettings.Entry> all = new ArrayList<>(settings.severity().values());
    all.addAll(settings.disable());
    for (ValidateSettings.Entry e : all) {
      if (CodePattern.matches(e.code(), code)
          && (best == null || e.code().length() > best.code().length())) {
        best = e;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Diagnostic withSeverity(
      Diagnostic d, Optional<ValidateSettings.Entry> setting, boolean silenceable) {
    Severity severity = d.severity();
    if (d.isInfo()) {
      return d; // a note is no problem to grade; only disable (or off) hides it
    }
    if (setting.isPresent() && setting.get().level() == ValidateSettings.Level.ERROR) {
      severity = Severity.ERROR;
    } else if (setting.isPresent()
        && setting.get().level() == ValidateSettings.Level.WARNING
        && silenceable) {
      severity = Severity.WARNING;
    }
    return severity == d.severity()
        ? d
        : new Diagnostic(d.file(), d.line(), d.column(), severity, d.code(), d.message());
  }

  private static void refuse(
      Diagnostic d,
      Optional<Suppression> comment,
      Optional<ValidateSettings.Entry> setting,
      Set<String> refusals,
      List<Diagnostic> out) {
    String why = "render would fail on it, so it cannot be silenced; fix the problem instead";
    boolean lowers = setting.isPresent() && setting.get().level() != ValidateSettings.Level.ERROR;
    if (comment.isPresent()) {
      Suppression c = comment.get();
      if (refusals.add(c.at() + " " + d.code())) {
        out.add(
            Diagnostic.error(
                c.at(),
                Code.SUPPRESS_NOT_ALLOWED,
                "'# aami-disable "
                    + matchingCode(c, d.code())
                    + "' tries to silence the error "
                    + d.code()
                    + " at line "
                    + d.line()
                    + ": "
                    + why));
      }
    }
    if (lowers
        && !setting.get().code().endsWith("/*")
        && refusals.add(setting.get().at() + " " + d.code())) {
      out.add(
          Diagnostic.error(
              setting.get().at(),
              Code.SUPPRESS_NOT_ALLOWED,
              "validate settings" + " cannot silence or lower the error " + d.code() + ": " + why));
    }
  }

  private static List<Diagnostic> unused(
      List<Suppression> comments,
      Map<Suppression, Set<String>> usedComments,
      ValidateSettings settings,
      Set<ValidateSettings.Entry> usedSettings,
      Predicate<String> notChecked) {
    List<Diagnostic> found = new ArrayList<>();
    for (Suppression c : comments) {
      Set<String> used = usedComments.getOrDefault(c, Set.of());
      List<String> idle =
          c.codes().stream()
              .filter(code -> !used.contains(code) && !notChecked.test(code))
              .toList();
      if (!idle.isEmpty()) {
        found.add(
            Diagnostic.warning(
                c.at(),
                Code.SUPPRESS_UNUSED,
                "'# aami-disable "
                    + String.join(",", idle)
                    + "' silences nothing in the node below it (lines "
                    + c.firstLine()
                    + "-"
                    + c.lastLine()
                    + "); remove "
                    + (idle.size() == 1 ? "it" : "them")));
      }
    }
    for (ValidateSettings.Entry e : settings.disable()) {
      if (!usedSettings.contains(e) && !notChecked.test(e.code())) {
        found.add(
            Diagnostic.warning(
                e.at(),
                Code.SUPPRESS_UNUSED,
                "validate.disable entry '"
                    + e.code()
                    + "' silences nothing in this repository; remove it"));
      }
    }
    return found;
  }

  private static Optional<Suppression> comment(
      Map<String, List<List<Suppression>>> byLine, Diagnostic d) {
    List<List<Suppression>> lines = byLine.get(d.file());
    if (lines == null || d.line() <= 0 || d.line() >= lines.size() || lines.get(d.line()) == null) {
      return Optional.empty();
    }
    for (Suppression s : lines.get(d.line())) {
      if (s.codes().stream().anyMatch(code -> CodePattern.matches(code, d.code()))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static String matchingCode(Suppression s, String code) {
    return s.codes().stream().filter(c -> CodePattern.matches(c, code)).findFirst().orElse(code);
  }

  /** Per line, the suppressions covering it, innermost first. */
  private static List<List<Suppression>> index(List<Suppression> suppressions) {
    int last = suppressions.stream().mapToInt(Suppression::lastLine).max().orElse(0);
    List<List<Suppression>> lines = new ArrayList<>(Collections.nCopies(last + 1, null));
    for (Suppression s : suppressions) {
      for (int line = s.firstLine(); line <= s.lastLine(); line++) {
        if (lines.get(line) == null) {
          lines.set(line, new ArrayList<>(1));
        }
        lines.get(line).add(0, s);
      }
    }
    return lines;
  }
}
