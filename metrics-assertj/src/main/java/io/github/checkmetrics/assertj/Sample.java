package io.github.checkmetrics.assertj;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One sample line of an exposition: a name, labels, a value, an optional timestamp and exemplar.
 *
 * <p>A sample's name is the name on its line ({@code check_runs_total},
 * {@code check_duration_seconds_bucket}); its labels include {@code le} and {@code quantile}.
 * Equality ignores the line number.
 *
 * <pre>{@code
 * for (Sample s : Exposition.parse(text).samples("check_status")) {
 *   System.out.println(s.labels().get("check_id") + " " + s.value());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class Sample {
  private final String name;
  private final LabelSet labels;
  private final double value;
  private final BigDecimal timestampSeconds;
  private final Instant timestamp;
  private final Exemplar exemplar;
  private final int lineNumber;

  Sample(String name, LabelSet labels, double value, BigDecimal timestampSeconds,
      Exemplar exemplar, int lineNumber) {
    this.name = Objects.requireNonNull(name, "name");
    this.labels = Objects.requireNonNull(labels, "labels");
    this.value = value;
    this.timestampSeconds = timestampSeconds;
    this.timestamp = timestampSeconds == null ? null : Timestamps.fromSeconds(timestampSeconds);
    this.exemplar = exemplar;
    this.lineNumber = lineNumber;
  }

  /**
   * The sample name as written, suffix included.
   *
   * @return for example {@code check_duration_seconds_bucket}
   */
  public String name() {
    return name;
  }

  /**
   * The sample's labels, {@code le} and {@code quantile} included.
   *
   * @return the label set, possibly empty
   */
  public LabelSet labels() {
    return labels;
  }

  /**
   * The sample value.
   *
   * @return the value; may be NaN or infinite
   */
  public double value() {
    return value;
  }

  /**
   * The sample's timestamp: milliseconds in Prometheus text, seconds in OpenMetrics, read as an instant.
   * OpenMetrics bounds neither the range nor the precision of a timestamp: it is rounded to the
   * nanosecond and clamped to {@link Instant#MIN} and {@link Instant#MAX}; {@link
   * #timestampSeconds()} has it exactly.
   *
   * @return the timestamp, or empty when the line has none
   */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  /**
   * The sample's timestamp exactly as written, in seconds since the epoch (a Prometheus text
   * timestamp in milliseconds divided by 1000).
   *
   * @return the seconds, or empty when the line has none
   */
  public Optional<BigDecimal> timestampSeconds() {
    return Optional.ofNullable(timestampSeconds);
  }

  /**
   * The exemplar after the value (OpenMetrics only).
   *
   * @return the exemplar, or empty
   */
  public Optional<Exemplar> exemplar() {
    return Optional.ofNullable(exemplar);
  }

  /**
   * Where the sample was read.
   *
   * @return the 1-based line number in the parsed text
   */
  public int lineNumber() {
    return lineNumber;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Sample)) {
      return false;
    }
    Sample other = (Sample) o;
    return name.equals(other.name)
        && labels.equals(other.labels)
        && Double.compare(value, other.value) == 0
        && Objects.equals(timestampSeconds, other.timestampSeconds)
        && Objects.equals(exemplar, other.exemplar);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, labels, value, timestampSeconds, exemplar);
  }

  /** Renders as a sample line without timestamp or exemplar: {@code name{labels} value}. */
  @Override
  public String toString() {
    return name + (labels.isEmpty() ? "" : labels.toString()) + " " + LabelText.formatValue(value);
  }
}
