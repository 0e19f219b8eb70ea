package io.aami.suppress;

import io.aami.diag.SourceLocation;
import java.util.List;

/**
 * One {@code # aami-disable CODE[,CODE...] [-- reason]} comment: the codes it silences, the reason
 * given (empty when none), where the comment is, and the lines of the node it covers (the document,
 * mapping entry or list item that directly follows it, with everything under it).
 */
public record Suppression(
    SourceLocation at, List<String> codes, String reason, int firstLine, int lastLine) {
  public Suppression {
    codes = List.copyOf(codes);
  }

  public boolean covers(String file, int line) {
    return at.file().equals(file) && line >= firstLine && line <= lastLine;
  }
}
