package io.aami.live;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every request to Prometheus passes through: at most {@code concurrency} at once, none
 * started after the run's time budget is spent, and none allowed to run past it. Counts the
 * requests and the most that were ever in flight together, which the benchmark reports.
 */
public final class RequestGate {
  /** One request, given how long it may take at most. */
  @FunctionalInterface
  public interface Call<T> {
    T run(Duration timeLeft) throws PrometheusException;
  }

  private final Semaphore permits;
  private final long deadlineNanos;
  private final Duration budget;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();

  public RequestGate(int concurrency, Duration budget) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.permits = new Semaphore(concurrency, true);
    this.budget = budget;
    this.deadlineNanos = System.nanoTime() + budget.toNanos();
  }

  public <T> T pass(Call<T> call) throws PrometheusException {
    long left = deadlineNanos - System.nanoTime();
    try {
      if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
        throw spent();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException("interrupted while waiting for a request slot", true);
    }
    try {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      requests.incrementAndGet();
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        throw spent();
      }
      return call.run(Duration.ofNanos(remaining));
    } finally {
      inFlight.decrementAndGet();
      permits.release();
    }
  }

  private PrometheusException spent() {
    return new PrometheusException(
        "the time budget of " + budget.toSeconds() + "s for live checks" + " is spent", true);
  }

  public long requests() {
    return requests.get();
  }

  /** The largest number of requests that were in flight at one moment. */
  public int peakInFlight() {
    return peak.get();
  }
}
