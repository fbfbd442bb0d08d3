package io.github.checkmetrics.assertj;

import io.prometheus.metrics.model.registry.MetricType;

/**
 * The type of a metric family, as declared by its {@code # TYPE} line.
 *
 * <p>Prometheus text 0.0.4 knows {@code counter}, {@code gauge}, {@code histogram}, {@code summary}
 * and {@code untyped} (read as {@link #UNKNOWN}); OpenMetrics 1.0 adds {@code gaugehistogram},
 * {@code stateset} and {@code info}. A family without a {@code # TYPE} line is {@link #UNKNOWN}. See the
 * <a href="https://prometheus.io/docs/specs/om/open_metrics_spec/#metric-types">OpenMetrics metric
 * types</a>.
 *
 * <p>Not public: assertions name a type with client_java's {@link MetricType}, which has no
 * gaugehistogram (client_java models one as a histogram); {@link #metricType()} maps one to the other.
 */
enum FamilyType {
  /** {@code counter}: a monotonic total, exposed as {@code <name>_total} in OpenMetrics. */
  COUNTER("counter", MetricType.COUNTER),
  /** {@code gauge}: a value that goes up and down. */
  GAUGE("gauge", MetricType.GAUGE),
  /** {@code histogram}: {@code _bucket}, {@code _count} and {@code _sum} samples. */
  HISTOGRAM("histogram", MetricType.HISTOGRAM),
  /** {@code gaugehistogram} (OpenMetrics only): {@code _bucket}, {@code _gcount}, {@code _gsum}. */
  GAUGE_HISTOGRAM("gaugehistogram", MetricType.HISTOGRAM),
  /** {@code summary}: quantile samples, {@code _count} and {@code _sum}. */
  SUMMARY("summary", MetricType.SUMMARY),
  /** {@code info} (OpenMetrics only): one {@code <name>_info} sample of value 1 per series. */
  INFO("info", MetricType.INFO),
  /** {@code stateset} (OpenMetrics only): one sample per state, valued 0 or 1. */
  STATESET("stateset", MetricType.STATESET),
  /** {@code unknown} in OpenMetrics, {@code untyped} in Prometheus text, or no {@code # TYPE} line. */
  UNKNOWN("unknown", MetricType.UNKNOWN);

  private final String openMetricsName;
  private final MetricType metricType;

  FamilyType(String openMetricsName, MetricType metricType) {
    this.openMetricsName = openMetricsName;
    this.metricType = metricType;
  }

  /** client_java's type of such a family: a gaugehistogram is a {@link MetricType#HISTOGRAM} there. */
  MetricType metricType() {
    return metricType;
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
