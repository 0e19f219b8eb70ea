package io.aami.trust;

import java.nio.charset.StandardCharsets;

/**
 * What a signature vouches for: the document at {@code path} (relative to the site root) has this
 * SHA-256, belongs to generation {@code generation} (larger is newer) and must not be used after
 * {@code expires} (Unix seconds). The signed bytes are these five lines, exactly:
 *
 * <pre>
 * aami-signature 1
 * path api/v1/checks/target/db-01
 * sha256 0b0ed247...
 * generation 1764408235
 * expires 1767052800
 * </pre>
 *
 * The first line separates aami's statements from anything else a key might ever sign.
 */
public record Statement(String path, String sha256, long generation, long expires) {
  public static final String HEADER = "aami-signature 1";

  /** Lines of the payload: a reader can take them with {@code head -n 5}. */
  public static final int LINES = 5;

  /**
   * The largest generation aami publishes: 9999-12-31T23:59:59Z in Unix seconds. Generations are
   * commit times; node agents compare them as 64-bit integers and read at most 18 digits, so a
   * bound far below both keeps every published generation comparable, with room to add one on every
   * change, while no real commit time reaches it. Negative generations are never published either
   * (the format has no sign).
   */
  public static final long MAX_GENERATION = 253_402_300_799L;

  /** Whether render may publish {@code generation}: 0 to {@link #MAX_GENERATION}. */
  public static boolean publishable(long generation) {
    return generation >= 0 && generation <= MAX_GENERATION;
  }

  public byte[] payload() {
    return (HEADER
            + "\npath "
            + path
            + "\nsha256 "
            + sha256
            + "\ngeneration "
            + generation
            + "\nexpires "
            + expires
            + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
