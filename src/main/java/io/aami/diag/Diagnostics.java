package io.aami.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects problems so a pass can report all of them instead of stopping at the first. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void error(SourceLocation at, Code code, String message) {
    items.add(Diagnostic.error(at, code, message));
  }

  public void warning(SourceLocation at, Code code, String message) {
    items.add(Diagnostic.warning(at, code, message));
  }

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(Collection<Diagnostic> diagnostics) {
    items.addAll(diagnostics);
  }

  /** Sorted by location, de-duplicated. */
  public List<Diagnostic> sorted() {
    return items.stream().distinct().sorted(Diagnostic.ORDER).toList();
  }
}
