package io.aami.load;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.model.Script;
import io.aami.source.RepoPaths;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code script_file} references, refusing anything that would leave the repository. Each
 * file is read once even when several templates share it.
 */
final class ScriptFiles {
  static final int MAX_SCRIPT_BYTES = 1024 * 1024;

  private final RepositorySource source;
  private final Diagnostics problems;
  private final Map<String, Script> cache = new HashMap<>();

  ScriptFiles(RepositorySource source, Diagnostics problems) {
    this.source = source;
    this.problems = problems;
  }

  /** The script at {@code relative} from {@code yamlFile}, or null after reporting why not. */
  Script read(String yamlFile, String relative, SourceLocation at) {
    Optional<String> resolved = RepoPaths.resolveSibling(yamlFile, relative);
    if (resolved.isEmpty() || resolved.get().isEmpty()) {
      problems.error(
          at,
          Code.SCRIPT_FILE,
          "script_file '"
              + relative
              + "' leaves the repository; use a path relative to "
              + yamlFile
              + " that stays inside it");
      return null;
    }
    String path = resolved.get();
    Script cached = cache.get(path);
    if (cached != null) {
      return cached;
    }
    try {
      switch (source.status(path)) {
        case MISSING -> {
          problems.error(
              at,
              Code.SCRIPT_FILE,
              "script_file '" + relative + "' not found (looked for " + path + ")");
          return null;
        }
        case DIRECTORY -> {
          problems.error(at, Code.SCRIPT_FILE, "script_file '" + relative + "' is a directory");
          return null;
        }
        case OUTSIDE_REPOSITORY -> {
          problems.error(
              at,
              Code.SCRIPT_FILE,
              "script_file '" + relative + "' is a symlink that leads outside the repository");
          return null;
        }
        case SPECIAL -> {
          problems.error(
              at,
              Code.SCRIPT_FILE,
              "script_file '" + relative + "' is not a regular file (a FIFO, device or socket)");
          return null;
        }
        case FILE -> {}
      }
      if (source.size(path) > MAX_SCRIPT_BYTES) {
        problems.error(
            at,
            Code.SCRIPT_FILE,
            "script_file '" + relative + "' is larger than " + MAX_SCRIPT_BYTES + " bytes");
        return null;
      }
      byte[] bytes = source.read(path);
      String content;
      try {
        content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        problems.error(at, Code.SCRIPT_FILE, "script_file '" + relative + "' is not valid UTF-8");
        return null;
      }
      Script script = Script.of(content, path);
      cache.put(path, script);
      return script;
    } catch (IOException e) {
      problems.error(
          at, Code.IO, "cannot read script_file '" + relative + "': " + FilePreparer.reason(e));
      return null;
    }
  }
}
