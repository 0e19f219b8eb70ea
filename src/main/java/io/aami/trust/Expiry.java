package io.aami.trust;

/**
 * When signatures made at a time expire. The clock is cut into windows of half the validity; a
 * signature made in a window expires one validity after the window's start. Every render within one
 * window therefore writes the same expiry (the same bytes, the same ETags), and every signature has
 * between half and all of its validity left when it is made.
 */
public final class Expiry {
  private Expiry() {}

  /**
   * The expiry of a statement made at {@code now}, rounded to a window so that renders close in
   * time agree on it.
   *
   * @param now Unix seconds
   * @param validitySeconds at least 2
   */
  public static long of(long now, long validitySeconds) {
    long window = validitySeconds / 2;
    return Math.floorDiv(now, window) * window + validitySeconds;
  }
}
