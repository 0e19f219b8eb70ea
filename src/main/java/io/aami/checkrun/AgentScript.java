package io.aami.checkrun;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node agent packaged in the jar ({@code agent/dynamic-check.sh}, copied at build time), so
 * that {@code aami check run} runs a check through the agent's own code, not a second
 * implementation.
 */
public final class AgentScript {
  static final String RESOURCE = "/io/aami/agent/dynamic-check.sh";

  private AgentScript() {}

  /** Writes the packaged agent into {@code dir} and returns its path. */
  public static Path extractInto(Path dir) throws IOException {
    try (InputStream in = AgentScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the node agent is not packaged in this build (" + RESOURCE + ")");
      }
      Path script = dir.resolve("dynamic-check.sh");
      Files.write(script, in.readAllBytes());
      return script;
    }
  }
}
