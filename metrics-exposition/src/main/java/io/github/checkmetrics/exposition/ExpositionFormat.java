package io.github.checkmetrics.exposition;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.util.Optional;

/**
 * The exposition formats checkmetrics writes, each through client_java's own writer.
 *
 * <ul>
 *   <li>{@link #PROMETHEUS_TEXT}: the <a
 *       href="https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format">Prometheus
 *       text format 0.0.4</a>, with sample timestamps (if any) in milliseconds as that format
 *       requires;
 *   <li>{@link #OPENMETRICS}: <a href="https://openmetrics.io/">OpenMetrics 1.0.0</a> text, ending
 *       in {@code # EOF};
 *   <li>{@link #PROTOBUF}: length-delimited {@code io.prometheus.client.MetricFamily} messages.
 * </ul>
 *
 * <p>Created timestamps: the text formats never write {@code _created} samples (in Prometheus 2.x,
 * and in 3.x without {@code created-timestamp-zero-ingestion}, each would be one more series per
 * counter and histogram series); protobuf carries every counter's created timestamp as a field,
 * as client_java writes it, which Prometheus 3 with that feature turns into a zero sample at the
 * moment the counter was created (client_java writes none for histograms).
 *
 * <p>The writers are stateless and shared; this type is thread-safe.
 */
public enum ExpositionFormat {
  /** Prometheus text format 0.0.4. */
  PROMETHEUS_TEXT(
      "prometheus",
      // The builder's default writes timestamps in milliseconds, as 0.0.4 requires;
      // ExpositionFormats.init() builds one writing seconds, so it is never used here.
      PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build()),
  /** OpenMetrics 1.0.0 text format. */
  OPENMETRICS(
      "openmetrics",
      OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(false).build()),
  /** Prometheus protobuf format (length-delimited {@code MetricFamily} messages). */
  PROTOBUF("protobuf", new PrometheusProtobufWriter());

  private final String queryValue;
  private final ExpositionFormatWriter writer;

  ExpositionFormat(String queryValue, ExpositionFormatWriter writer) {
    this.queryValue = queryValue;
    this.writer = writer;
  }

  /**
   * The {@code Content-Type} of a response body in this format.
   *
   * @return such as {@code text/plain; version=0.0.4; charset=utf-8}
   */
  public String contentType() {
    return writer.getContentType();
  }

  /**
   * The value of the {@code format} query parameter that selects this format.
   *
   * @return {@code prometheus}, {@code openmetrics} or {@code protobuf}
   */
  public String queryValue() {
    return queryValue;
  }

  /**
   * Whether the format is text (UTF-8).
   *
   * @return {@code false} only for {@link #PROTOBUF}
   */
  public boolean isText() {
    return this != PROTOBUF;
  }

  /**
   * Finds the format a {@code format} query parameter value names.
   *
   * @param queryValue {@code prometheus}, {@code openmetrics} or {@code protobuf}, exactly
   * @return the format, or empty for any other value
   */
  public static Optional<ExpositionFormat> fromQueryValue(String queryValue) {
    for (ExpositionFormat format : values()) {
      if (format.queryValue.equals(queryValue)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  ExpositionFormatWriter writer() {
    return writer;
  }
}
