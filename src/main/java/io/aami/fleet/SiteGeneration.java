package io.aami.fleet;

import io.aami.git.InputChange;
import java.util.Optional;

/**
 * Which render a node's check list comes from, as a number that only grows: the commit time, in
 * seconds, of the last commit that changed the render inputs (so committing rendered output or
 * documentation does not move it, and a re-render of unchanged inputs keeps it). Published at
 * {@link #PATH}; the agent reads it before its list and exports it as {@code
 * aami_agent_list_generation} once the list is current, and {@code AamiNodeBehind} compares it with
 * the generation the rules were rendered with. A repository that is not a git work tree has no
 * generation (no file, no rule).
 */
public record SiteGeneration(long generation, String commit) {
  public static final String PATH = "api/v1/generation";

  public static Optional<SiteGeneration> of(Optional<InputChange> change) {
    return change.map(c -> new SiteGeneration(c.time().getEpochSecond(), c.commit()));
  }
}
