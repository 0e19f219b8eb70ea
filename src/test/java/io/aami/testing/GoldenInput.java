package io.aami.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The input repository of a golden case: its {@code input/} directory, or, to share one repository
 * between areas (or use the example repository at the project root), the directory named in {@code
 * input.ref}, relative to the project root.
 */
public final class GoldenInput {
  private GoldenInput() {}

  public static Path of(Path caseDir) {
    Path input = caseDir.resolve("input");
    if (Files.isDirectory(input)) {
      return input;
    }
    try {
      String ref = Files.readString(caseDir.resolve("input.ref")).strip();
      return Golden.projectDir().resolve(ref).normalize();
    } catch (IOException e) {
      throw new UncheckedIOException(caseDir + " has neither input/ nor input.ref", e);
    }
  }
}
