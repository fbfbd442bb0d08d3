package io.github.checkmetrics.testkit;

import java.util.Map;
import java.util.Objects;

/**
 * One element of an instant query result: a series' label set and its value at the query time.
 *
 * <pre>{@code
 * Sample up = prometheus.query("up{job=\"app\"}").get(0);
 * assertThat(up.value()).isEqualTo(1.0);
 * assertThat(up.label("instance")).isEqualTo(prometheus.address());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param labels the series' labels, including {@code __name__} unless the query dropped it
 *     (e.g. {@code sum(...)}); empty for a scalar result; unmodifiable
 * @param value the sample value; {@code +Inf}, {@code -Inf} and {@code NaN} map to the
 *     corresponding doubles
 * @param timestampSeconds the evaluation time, Unix seconds with millisecond precision
 */
public record Sample(Map<String, String> labels, double value, double timestampSeconds) {

  /**
   * Creates a sample, copying the labels.
   *
   * @throws NullPointerException if {@code labels} is null
   */
  public Sample {
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
  }

  /**
   * Returns the metric name.
   *
   * @return the {@code __name__} label, or null when the result has none
   */
  public String name() {
    return labels.get("__name__");
  }

  /**
   * Returns one label's value.
   *
   * @param name the label name
   * @return its value, or null when the series has no such label
   */
  public String label(String name) {
    return labels.get(Objects.requireNonNull(name, "name"));
  }
}
