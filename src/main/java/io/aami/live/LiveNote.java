package io.aami.live;

import io.aami.diag.SourceLocation;
import java.util.Comparator;

/**
 * An informational line of the live checks, never a warning: a metric of a check that is assigned
 * but not deployed yet. Text output shows it as {@code file:line:col: info[code]: message}.
 */
public record LiveNote(SourceLocation at, String code, String message) {
  static final Comparator<LiveNote> ORDER =
      Comparator.comparing((LiveNote n) -> n.at().file())
          .thenComparingInt(n -> n.at().line())
          .thenComparingInt(n -> n.at().column())
          .thenComparing(LiveNote::code)
          .thenComparing(LiveNote::message);

  public String text() {
    return at.file() + ":" + at.line() + ":" + at.column() + ": info[" + code + "]: " + message;
  }
}
