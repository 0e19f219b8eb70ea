package io.aami.yaml;

import io.aami.diag.SourceLocation;

/**
 * A YAML node that remembers where it was written. aami keeps its own small tree (rather than plain
 * maps) so every later diagnostic, explanation and in-place edit can point at the source.
 */
public sealed interface YNode permits YMap, YSeq, YScalar {
  /** Where the node starts. */
  SourceLocation location();

  /** Character offsets [start, end) of the node in its file, for in-place edits. */
  int startOffset();

  int endOffset();

  /** A name for the node's type in messages: "mapping", "sequence", "string", "integer", ... */
  String typeName();
}
