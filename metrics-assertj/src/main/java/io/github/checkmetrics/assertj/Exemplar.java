package io.github.checkmetrics.assertj;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An OpenMetrics exemplar attached to a sample: {@code # {trace_id="abc"} 0.3 1700000000.123}.
 *
 * <p>See <a href="https://prometheus.io/docs/specs/om/open_metrics_spec/#exemplars">OpenMetrics
 * exemplars</a>; Prometheus text 0.0.4 has none.
 *
 * <pre>{@code
 * Sample bucket = exposition.samples("check_duration_seconds_bucket").get(0);
 * bucket.exemplar().map(e -> e.labels().get("trace_id"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class Exemplar {
  private final LabelSet labels;
  private final double value;
  private final Instant timestamp;

  Exemplar(LabelSet labels, double value, Instant timestamp) {
    this.labels = Objects.requireNonNull(labels, "labels");
    this.value = value;
    this.timestamp = timestamp;
  }

  /**
   * The exemplar's labels, such as {@code trace_id} and {@code span_id}.
   *
   * @return the label set, possibly empty
   */
  public LabelSet labels() {
    return labels;
  }

  /**
   * The observed value.
   *
   * @return the value in the family's unit
   */
  public double value() {
    return value;
  }

  /**
   * When the value was observed.
   *
   * @return the timestamp, or empty when the exemplar has none
   */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Exemplar)) {
      return false;
    }
    Exemplar other = (Exemplar) o;
    return labels.equals(other.labels)
        && Double.compare(value, other.value) == 0
        && Objects.equals(timestamp, other.timestamp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(labels, value, timestamp);
  }

  /** Renders as OpenMetrics writes it, with the timestamp in seconds. */
  @Override
  public String toString() {
    return "# " + labels + " " + LabelText.formatValue(value)
        + (timestamp == null ? "" : " " + Timestamps.toSeconds(timestamp));
  }
}
