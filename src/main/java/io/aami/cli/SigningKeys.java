package io.aami.cli;

import io.aami.trust.KeyFiles;
import io.aami.trust.KeyFormatException;
import io.aami.trust.Keys;
import io.aami.trust.SigningKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The signing keys of {@code render}: {@code --sign-key FILE} options, else the file named by
 * {@code AAMI_SIGN_KEY_FILE}, else the PEM text in {@code AAMI_SIGN_KEY} (CI secrets that are
 * variables, not files). Each source may hold several keys, for a rollover.
 */
final class SigningKeys {
  static final String FILE_VARIABLE = "AAMI_SIGN_KEY_FILE";
  static final String PEM_VARIABLE = "AAMI_SIGN_KEY";

  private SigningKeys() {}

  /** Empty when no key is configured anywhere: render then signs nothing. */
  static List<SigningKey> load(List<Path> files, Map<String, String> environment)
      throws IOException, KeyFormatException {
    List<Path> sources = files;
    if (sources.isEmpty() && !environment.getOrDefault(FILE_VARIABLE, "").isEmpty()) {
      sources = List.of(Path.of(environment.get(FILE_VARIABLE)));
    }
    List<SigningKey> keys = new ArrayList<>();
    for (Path file : sources) {
      keys.addAll(KeyFiles.readPrivateKeys(file));
    }
    if (sources.isEmpty() && !environment.getOrDefault(PEM_VARIABLE, "").isEmpty()) {
      keys.addAll(Keys.readPrivateKeys(environment.get(PEM_VARIABLE), "$" + PEM_VARIABLE));
    }
    return keys;
  }
}
