package io.aami.resolve;

import io.aami.diag.Suggestions;
import io.aami.model.Repository;
import io.aami.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** What {@code aami resolve} computes: one target's effective checks, optionally explained. */
public final class ResolveService {

  /** {@code target} is a target id or a hostname. */
  public record Request(String target, boolean explain) {}

  public sealed interface Outcome permits Found, UnknownTarget {}

  /** {@code explanation} is null unless it was requested. */
  public record Found(Target target, List<EffectiveCheck> checks, TargetExplanation explanation)
      implements Outcome {}

  /**
   * No target has that id or hostname. {@code suggestion} is the closest id or hostname when it is
   * plausibly a typo; {@code known} lists the target ids closest to the request, sorted (every id
   * when there are at most {@value #KNOWN_LISTED}).
   */
  public record UnknownTarget(
      String requested, Optional<String> suggestion, List<String> known, int targetCount)
      implements Outcome {}

  static final int KNOWN_LISTED = 10;

  public Outcome resolve(Repository repository, Request request) {
    Optional<Target> target =
        repository.target(request.target()).or(() -> repository.targetByHostname(request.target()));
    if (target.isEmpty()) {
      return unknown(repository, request.target());
    }
    CheckResolver resolver = CheckResolver.of(repository);
    List<EffectiveCheck> checks = resolver.resolve(target.get()).checks();
    TargetExplanation explanation =
        request.explain() ? new Explainer(resolver).explain(target.get()) : null;
    return new Found(target.get(), checks, explanation);
  }

  private static UnknownTarget unknown(Repository repository, String requested) {
    TreeSet<String> ids = new TreeSet<>();
    List<String> names = new ArrayList<>();
    for (Target t : repository.targets()) {
      ids.add(t.id());
      names.add(t.id());
      names.add(t.hostname());
    }
    List<String> known = new ArrayList<>(Suggestions.nearest(requested, ids, KNOWN_LISTED));
    known.sort(null);
    return new UnknownTarget(requested, Suggestions.closest(requested, names), known, ids.size());
  }
}
