package io.aami.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.diag.Diagnostic;
import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.model.Repository;
import io.aami.source.WorkTreeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A repository written file by file into a temporary directory, for focused tests. */
public final class TestRepo {
  private final Path root;

  public TestRepo(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public TestRepo file(String path, String content) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public LoadResult loadResult() {
    try {
      return new RepositoryLoader().load(new WorkTreeSource(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads and fails the test on any loader diagnostic: fixtures must be well-formed. */
  public Repository load() {
    LoadResult result = loadResult();
    assertEquals(List.<Diagnostic>of(), result.diagnostics(), "fixture has loader diagnostics");
    return result.repository();
  }

  /**
   * A ScriptTemplate document with an inline script and the given default_config (YAML flow map).
   */
  public static String template(String name, String defaults) {
    return "apiVersion: aami/v1\nkind: ScriptTemplate\nname: "
        + name
        + "\nscript_type: test\n"
        + "language: bash\nversion: 1.0.0\nscript_content: |\n  #!/bin/bash\n  echo "
        + name
        + "\n"
        + "default_config: "
        + defaults
        + "\n";
  }

  /** A ScriptPolicy document; {@code group} null for a global policy; {@code extra} raw lines. */
  public static String policy(String id, String group, String template, String extra) {
    return "apiVersion: aami/v1\nkind: ScriptPolicy\nid: "
        + id
        + "\n"
        + (group == null ? "scope: global\n" : "scope: group\ngroup_id: " + group + "\n")
        + "template_id: "
        + template
        + "\n"
        + extra;
  }

  public static String group(String id, int priority) {
    return "apiVersion: aami/v1\nkind: Group\nid: "
        + id
        + "\nname: "
        + id
        + "\npriority: "
        + priority
        + "\n";
  }

  public static String target(String id, String... groups) {
    return "apiVersion: aami/v1\nkind: Target\nid: "
        + id
        + "\nhostname: "
        + id
        + ".example.internal\n"
        + "address: "
        + id
        + ".example.internal:9100\ngroups: ["
        + String.join(", ", groups)
        + "]\n";
  }

  /** Joins documents into one multi-document YAML file. */
  public static String docs(String... documents) {
    return String.join("---\n", documents);
  }
}
