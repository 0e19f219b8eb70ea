package io.aami.publish;

import io.aami.trust.Statement;
import java.io.IOException;

/**
 * A generation that node agents could not compare (see {@link Statement#MAX_GENERATION}): a commit
 * dated before 1970 or after the year 9999, or a previously published signature claiming one.
 * Render refuses the whole site rather than publish signatures nodes refuse, and nothing is
 * written.
 */
public class UnpublishableGenerationException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnpublishableGenerationException(String message) {
    super(message);
  }

  /** Throws unless {@code generation} is publishable; {@code source} says where it comes from. */
  static void require(long generation, String source) throws UnpublishableGenerationException {
    if (!Statement.publishable(generation)) {
      throw new UnpublishableGenerationException(
          source
              + " gives generation "
              + generation
              + ", outside the generations node agents compare (0 to "
              + Statement.MAX_GENERATION
              + ", the end of the year 9999 UTC)");
    }
  }
}
