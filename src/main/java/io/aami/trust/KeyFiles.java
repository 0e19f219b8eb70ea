package io.aami.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Key files on disk: a new pair as {@code aami-<key id>.private.pem} (mode 0600 from its creation,
 * never readable by others even briefly) and {@code aami-<key id>.public.pem}; reading them back.
 */
public final class KeyFiles {
  public record Written(String keyId, Path privateKey, Path publicKey) {}

  private static final long MAX_KEY_FILE_BYTES = 64 * 1024;

  private KeyFiles() {}

  /** Writes a new key pair into {@code dir} (created if missing); never overwrites a file. */
  public static Written generate(Path dir) throws IOException {
    SigningKey key = Keys.generate();
    Files.createDirectories(dir);
    String base = "aami-" + key.keyId();
    Path privateFile = dir.resolve(base + ".private.pem");
    Path publicFile = dir.resolve(base + ".public.pem");
    Files.createFile(
        privateFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(privateFile, Keys.privatePem(key.privateKey()), StandardCharsets.US_ASCII);
    Files.writeString(
        publicFile,
        Keys.publicPem(key.publicKey()),
        StandardCharsets.US_ASCII,
        StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    return new Written(key.keyId(), privateFile, publicFile);
  }

  public static List<SigningKey> readPrivateKeys(Path file) throws IOException, KeyFormatException {
    return Keys.readPrivateKeys(read(file), file.toString());
  }

  public static List<PublicKey> readPublicKeys(List<Path> files)
      throws IOException, KeyFormatException {
    List<PublicKey> keys = new ArrayList<>();
    for (Path file : files) {
      keys.add(Keys.readPublicKey(read(file), file.toString()));
    }
    return keys;
  }

  private static String read(Path file) throws IOException, KeyFormatException {
    if (Files.size(file) > MAX_KEY_FILE_BYTES) {
      throw new KeyFormatException(
          file + ": larger than " + MAX_KEY_FILE_BYTES + " bytes; not a key file");
    }
    return Files.readString(file, StandardCharsets.US_ASCII);
  }
}
