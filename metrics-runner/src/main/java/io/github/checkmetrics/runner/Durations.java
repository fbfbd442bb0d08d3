package io.github.checkmetrics.runner;

import java.time.Duration;
import java.util.Objects;

/** Shared checks and messages of the runner's options. */
final class Durations {

  private Durations() {}

  static Duration positive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive: " + value);
    }
    return value;
  }

  static Duration notNegative(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative: " + value);
    }
    return value;
  }

  /** A duration in nanoseconds, saturated so that a huge duration does not overflow. */
  static long nanos(Duration value) {
    try {
      return value.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
