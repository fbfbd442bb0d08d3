package io.github.checkmetrics.assertj;

/**
 * The type of a metric family, as declared by its {@code # TYPE} line.
 *
 * <p>Prometheus text 0.0.4 knows {@code counter}, {@code gauge}, {@code histogram}, {@code summary}
 * and {@code untyped} (read as {@link #UNKNOWN}); OpenMetrics 1.0 adds {@code gaugehistogram},
 * {@code stateset} and {@code info}. A family without a {@code # TYPE} line is {@link #UNKNOWN}. See the
 * <a href="https://prometheus.io/docs/specs/om/open_metrics_spec/#metric-types">OpenMetrics metric
 * types</a>.
 *
 * <pre>{@code
 * assertThat(exposition).hasFamily("check_status").ofType(MetricType.GAUGE);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum MetricType {
  /** {@code counter}: a monotonic total, exposed as {@code <name>_total} in OpenMetrics. */
  COUNTER("counter"),
  /** {@code gauge}: a value that goes up and down. */
  GAUGE("gauge"),
  /** {@code histogram}: {@code _bucket}, {@code _count} and {@code _sum} samples. */
  HISTOGRAM("histogram"),
  /** {@code gaugehistogram} (OpenMetrics only): {@code _bucket}, {@code _gcount}, {@code _gsum}. */
  GAUGE_HISTOGRAM("gaugehistogram"),
  /** {@code summary}: quantile samples, {@code _count} and {@code _sum}. */
  SUMMARY("summary"),
  /** {@code info} (OpenMetrics only): one {@code <name>_info} sample of value 1 per series. */
  INFO("info"),
  /** {@code stateset} (OpenMetrics only): one sample per state, valued 0 or 1. */
  STATESET("stateset"),
  /** {@code unknown} in OpenMetrics, {@code untyped} in Prometheus text, or no {@code # TYPE} line. */
  UNKNOWN("unknown");

  private final String openMetricsName;

  MetricType(String openMetricsName) {
    this.openMetricsName = openMetricsName;
  }

  /**
   * The name of this type in an OpenMetrics {@code # TYPE} line.
   *
   * @return the lower-case OpenMetrics name, for example {@code "gaugehistogram"}
   */
  public String openMetricsName() {
    return openMetricsName;
  }
}
