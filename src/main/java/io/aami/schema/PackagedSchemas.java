package io.aami.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** The schema files packaged into aami (its {@code schemas/} directory), for new repositories. */
public final class PackagedSchemas {
  private PackagedSchemas() {}

  /** File name to content, sorted by name. */
  public static Map<String, byte[]> files() {
    Map<String, byte[]> files = new TreeMap<>();
    for (String name : SchemaFiles.allFileNames()) {
      try (InputStream in =
          PackagedSchemas.class
              .getClassLoader()
              .getResourceAsStream(SchemaFiles.RESOURCE_DIR + name)) {
        if (in == null) {
          throw new IllegalStateException("schema " + name + " is missing from the aami jar");
        }
        files.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }
}
