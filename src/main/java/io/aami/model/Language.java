package io.aami.model;

import java.util.Arrays;
import java.util.Optional;

/** Script languages a node agent can run, with the interpreter it runs them with. */
public enum Language {
  BASH("bash", "bash"),
  SH("sh", "sh"),
  PYTHON("python", "python3");

  private final String id;
  private final String interpreter;

  Language(String id, String interpreter) {
    this.id = id;
    this.interpreter = interpreter;
  }

  public String id() {
    return id;
  }

  public String interpreter() {
    return interpreter;
  }

  public static Optional<Language> fromId(String id) {
    return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
  }
}
