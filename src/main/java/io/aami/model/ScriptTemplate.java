package io.aami.model;

/** A reusable check script. Its name is also its id. {@code declaredHash} may be null. */
public record ScriptTemplate(
    CheckDefinition definition, String description, String declaredHash, Origin origin) {

  public String name() {
    return definition.name();
  }
}
