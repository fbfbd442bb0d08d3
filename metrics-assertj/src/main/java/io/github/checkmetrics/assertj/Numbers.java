package io.github.checkmetrics.assertj;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Number rules of the text formats. Both accept the OpenMetrics {@code number} grammar (which is also
 * what Prometheus's own parser accepts): decimal or scientific notation, {@code [+-]Inf},
 * {@code [+-]Infinity} and {@code NaN}, case-insensitive.
 */
final class Numbers {
  private static final Pattern REAL =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern INF = Pattern.compile("(?i)[+-]?inf(?:inity)?");
  private static final Pattern NAN = Pattern.compile("(?i)nan");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private Numbers() {}

  /** Parses a number, or returns null when the text is not one. */
  static Double parse(String text) {
    if (REAL.matcher(text).matches()) {
      double value = Double.parseDouble(text);
      return Double.isInfinite(value) ? null : value;
    }
    if (INF.matcher(text).matches()) {
      return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (NAN.matcher(text).matches()) {
      return Double.NaN;
    }
    return null;
  }

  static double value(LineCursor cursor, String token, String what) {
    Double value = parse(token);
    if (value == null) {
      throw cursor.error(tokenProblem(token, what + " must be a number, +Inf, -Inf or NaN"));
    }
    return value;
  }

  /** Prometheus text: an int64 number of milliseconds since the epoch, as exact seconds. */
  static BigDecimal millisTimestamp(LineCursor cursor, String token) {
    if (INTEGER.matcher(token).matches()) {
      try {
        return Timestamps.fromMillis(Long.parseLong(token));
      } catch (NumberFormatException tooLong) {
        throw cursor.error("timestamp is out of the int64 range: " + LabelText.quote(token));
      }
    }
    throw cursor.error(tokenProblem(token, "timestamp must be an integer number of milliseconds"));
  }

  /**
   * OpenMetrics: a real number of seconds since the epoch, exactly as written: the format bounds
   * neither its range nor its precision.
   */
  static BigDecimal secondsTimestamp(LineCursor cursor, String token) {
    if (REAL.matcher(token).matches()) {
      return new BigDecimal(token);
    }
    throw cursor.error(tokenProblem(token, "timestamp must be a number of seconds"));
  }

  private static String tokenProblem(String token, String rule) {
    if (token.indexOf('\r') >= 0) {
      return "carriage return (\\r) is not allowed here; lines end with \\n alone";
    }
    return rule + ": " + LabelText.quote(token);
  }
}
