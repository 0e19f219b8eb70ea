package io.aami.model;

/** Where a script policy applies. More specific scopes win during resolution. */
public sealed interface Scope permits Scope.Global, Scope.InGroup {

  /** Resolution level: higher wins ("group over global"). */
  int specificity();

  String id();

  record Global() implements Scope {
    @Override
    public int specificity() {
      return 0;
    }

    @Override
    public String id() {
      return "global";
    }
  }

  record InGroup(String groupId) implements Scope {
    @Override
    public int specificity() {
      return 1;
    }

    @Override
    public String id() {
      return "group";
    }
  }
}
