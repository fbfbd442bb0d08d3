package io.github.checkmetrics.exposition;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Predicate;

/** TEMPORARY compile stub of the lead's ExpositionWriter; main's version replaces it on merge. */
public final class ExpositionWriter {
  private final PrometheusRegistry registry;

  private ExpositionWriter(PrometheusRegistry registry) {
    this.registry = registry;
  }

  /**
   * A builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes.
   *
   * @param out the stream
   * @param format the format
   * @throws IOException on failure
   */
  public void write(OutputStream out, ExpositionFormat format) throws IOException {
    write(out, format, name -> true);
  }

  /**
   * Writes.
   *
   * @param out the stream
   * @param format the format
   * @param familyNameFilter the filter
   * @throws IOException on failure
   */
  public void write(OutputStream out, ExpositionFormat format, Predicate<String> familyNameFilter)
      throws IOException {
    writer(format).write(out, registry.scrape(familyNameFilter));
  }

  private static ExpositionFormatWriter writer(ExpositionFormat format) {
    switch (format) {
      case OPENMETRICS:
        return OpenMetricsTextFormatWriter.create();
      case PROTOBUF:
        return new PrometheusProtobufWriter();
      default:
        return PrometheusTextFormatWriter.builder().setTimestampsInMs(true).build();
    }
  }

  /** Builder. */
  public static final class Builder {
    private PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;

    private Builder() {}

    /**
     * Registry.
     *
     * @param registry the registry
     * @return this
     */
    public Builder registry(PrometheusRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Builds.
     *
     * @return the writer
     */
    public ExpositionWriter build() {
      return new ExpositionWriter(registry);
    }
  }
}
