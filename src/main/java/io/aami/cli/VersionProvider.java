package io.aami.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Reads the version and commit that the build filters into {@code version.properties}, so neither
 * drifts from the pom or the checkout the jar was built from.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties props = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/io/aami/version.properties")) {
      if (in != null) {
        props.load(in);
      }
    }
    return new String[] {
      "aami " + known(props, "version") + " (commit " + known(props, "commit") + ")"
    };
  }

  /** A property Maven filtered in; a build outside git leaves the placeholder itself. */
  private static String known(Properties props, String key) {
    String value = props.getProperty(key, "");
    return value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }
}
