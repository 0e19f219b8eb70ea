package io.aami.promql;

/** The four types a PromQL expression evaluates to, named as Prometheus's messages name them. */
public enum ValueType {
  SCALAR("scalar"),
  VECTOR("instant vector"),
  MATRIX("range vector"),
  STRING("string");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
