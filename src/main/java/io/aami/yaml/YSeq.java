package io.aami.yaml;

import io.aami.diag.SourceLocation;
import java.util.List;

public record YSeq(List<YNode> items, SourceLocation location, int startOffset, int endOffset)
    implements YNode {
  public YSeq {
    items = List.copyOf(items);
  }

  @Override
  public String typeName() {
    return "array";
  }
}
