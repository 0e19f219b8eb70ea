package io.aami.scaffold;

import io.aami.schema.PackagedSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The files of a new fleet repository: the layout with a minimal working example (one group, one
 * target, one template applied by a global policy, one alert rule), aami.yaml, the JSON Schemas for
 * editors, a .gitignore, and CI for GitHub Actions and GitLab that fetch the released aami jar
 * pinned by version and SHA-256 ({@link JarPin}). Packaged under {@value #RESOURCES}, where names
 * start without their dot (Maven's resource copying drops files such as .gitignore).
 */
public final class Scaffold {
  static final String RESOURCES = "io/aami/scaffold/";

  /** Repository path to packaged resource name, in the order they are listed. */
  private static final Map<String, String> FILES =
      ordered(
          "aami.yaml", "aami.yaml",
          "inventory/groups/all-nodes.yaml", "inventory/groups/all-nodes.yaml",
          "inventory/targets/node-01.yaml", "inventory/targets/node-01.yaml",
          "templates/check-load.yaml", "templates/check-load.yaml",
          "policies/scripts/load-global.yaml", "policies/scripts/load-global.yaml",
          "policies/alerts/load-high.yaml", "policies/alerts/load-high.yaml",
          ".gitignore", "gitignore",
          ".github/workflows/aami.yml", "github/workflows/aami.yml",
          ".gitlab-ci.yml", "gitlab-ci.yml");

  private Scaffold() {}

  /** One file of the new repository. */
  // Bytes are carried, never compared: no caller uses this record's equals or hashCode.
  @SuppressWarnings("ArrayRecordComponent")
  public record File(String path, byte[] content) {}

  public static List<File> files(JarPin pin) {
    List<File> files = new ArrayList<>();
    FILES.forEach(
        (path, resource) -> {
          String text =
              new String(resource(resource), StandardCharsets.UTF_8)
                  .replace("@AAMI_VERSION@", pin.version())
                  .replace("@AAMI_SHA256@", pin.sha256())
                  .replace("@AAMI_JAR_URL@", pin.url());
          files.add(new File(path, text.getBytes(StandardCharsets.UTF_8)));
        });
    PackagedSchemas.files()
        .forEach((name, content) -> files.add(new File("schemas/" + name, content)));
    return files;
  }

  /** This aami's version, from the pom (filtered into version.properties). */
  public static String version() {
    Properties props = new Properties();
    try (InputStream in = Scaffold.class.getResourceAsStream("/io/aami/version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props.getProperty("version", "unknown");
  }

  private static byte[] resource(String name) {
    try (InputStream in = Scaffold.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("scaffold file " + name + " is missing from the aami jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
