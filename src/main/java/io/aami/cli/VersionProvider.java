package io.aami.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven filters into {@code version.properties}, so it never drifts from the pom. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties props = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/io/aami/version.properties")) {
      if (in != null) {
        props.load(in);
      }
    }
    return new String[] {"aami " + props.getProperty("version", "unknown")};
  }
}
