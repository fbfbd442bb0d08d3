package io.github.checkmetrics.assertj;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Conversions between exposition timestamps and {@link Instant}. */
final class Timestamps {
  private static final BigDecimal MIN = BigDecimal.valueOf(Instant.MIN.getEpochSecond());
  private static final BigDecimal MAX =
      BigDecimal.valueOf(Instant.MAX.getEpochSecond()).add(new BigDecimal("0.999999999"));

  private Timestamps() {}

  /**
   * OpenMetrics seconds (a real number, possibly with a fraction) to an instant: rounded to the
   * nanosecond, and clamped to {@link Instant#MIN} and {@link Instant#MAX}, since OpenMetrics puts
   * no bound on a timestamp's range or precision.
   */
  static Instant fromSeconds(BigDecimal seconds) {
    BigDecimal rounded = seconds.setScale(9, RoundingMode.HALF_EVEN);
    if (rounded.compareTo(MIN) < 0) {
      return Instant.MIN;
    }
    if (rounded.compareTo(MAX) > 0) {
      return Instant.MAX;
    }
    BigDecimal whole = rounded.setScale(0, RoundingMode.FLOOR);
    long nanos = rounded.subtract(whole).movePointRight(9).longValueExact();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }

  /** Prometheus text milliseconds as exact seconds. */
  static BigDecimal fromMillis(long millis) {
    return BigDecimal.valueOf(millis, 3);
  }

  /** An instant as OpenMetrics seconds, without trailing zeros: {@code 1700000000.123}. */
  static String toSeconds(Instant instant) {
    BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond())
        .add(BigDecimal.valueOf(instant.getNano(), 9));
    return seconds.stripTrailingZeros().toPlainString();
  }
}
