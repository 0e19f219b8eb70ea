package io.aami.git;

import java.time.Instant;

/**
 * The git state a render came from. {@code commit} is HEAD's id, or null in a repository without
 * commits; {@code dirty} is true when the render inputs differ from HEAD (modified, staged, deleted
 * or untracked files), so the output cannot be reproduced from the commit alone.
 */
public record GitRevision(String commit, Instant commitTime, boolean dirty) {}
