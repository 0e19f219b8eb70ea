package io.aami.resolve;

import java.util.ArrayList;
import java.util.List;

/**
 * How one check was decided for one set of groups: every active candidate, best first. The first is
 * the winner; the others lost to it.
 */
public record CheckDecision(String checkName, List<Candidate> ranked) {
  public CheckDecision {
    ranked = List.copyOf(ranked);
    if (ranked.isEmpty()) {
      throw new IllegalArgumentException("a decision needs at least one candidate");
    }
  }

  public Candidate winner() {
    return ranked.get(0);
  }

  /** The candidates that tie with the winner, winner included; one element when unambiguous. */
  public List<Candidate> tiedForTheWin() {
    List<Candidate> tied = new ArrayList<>();
    for (Candidate c : ranked) {
      if (c.tiesWith(winner())) {
        tied.add(c);
      }
    }
    return tied;
  }
}
