package io.aami.live;

/**
 * A request that did not give an answer. {@code unavailable} is true when the server cannot be used
 * for the rest of the run (unreachable, too slow, out of time budget, refusing our credentials,
 * failing with 5xx); false when only this question was refused (a query the server rejects as bad
 * data).
 */
public final class PrometheusException extends Exception {
  private final boolean unavailable;

  public PrometheusException(String message, boolean unavailable) {
    super(message);
    this.unavailable = unavailable;
  }

  public boolean unavailable() {
    return unavailable;
  }
}
