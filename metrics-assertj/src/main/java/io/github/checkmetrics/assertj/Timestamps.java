package io.github.checkmetrics.assertj;

import java.math.BigDecimal;
import java.time.Instant;

/** Conversions between exposition timestamps and {@link Instant}. */
final class Timestamps {
  private Timestamps() {}

  /** OpenMetrics seconds (a real number, possibly with a fraction) to an instant. */
  static Instant fromSeconds(BigDecimal seconds) {
    BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
    long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN)
        .longValueExact();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }

  /** An instant as OpenMetrics seconds, without trailing zeros: {@code 1700000000.123}. */
  static String toSeconds(Instant instant) {
    BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond())
        .add(BigDecimal.valueOf(instant.getNano(), 9));
    return seconds.stripTrailingZeros().toPlainString();
  }
}
