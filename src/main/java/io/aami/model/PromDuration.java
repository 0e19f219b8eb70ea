package io.aami.model;

import io.aami.promql.PromQL;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** A Prometheus duration ({@code 1h30m}, {@code 90s}, {@code 0}), kept with its original text. */
public record PromDuration(String text, Duration value) {
  /** {@code text} when it is a duration as a query reads it ({@link PromQL#isDuration}). */
  public static Optional<PromDuration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    OptionalLong millis = PromQL.durationMillis(text);
    return millis.isPresent()
        ? Optional.of(new PromDuration(text, Duration.ofMillis(millis.getAsLong())))
        : Optional.empty();
  }

  /** Whole seconds, rounded up, at least 1: what a node agent's timeout needs. */
  public long ceilSeconds() {
    long seconds = (value.toMillis() + 999) / 1000;
    return Math.max(1, seconds);
  }

  @Override
  public String toString() {
    return text;
  }
}
