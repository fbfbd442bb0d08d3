package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The scrape peers over equal content: a registry of checkmetrics with {@code checks} checks that
 * ran in every one of {@link Fixtures#REGIONS}, written by {@link ExpositionWriter} and by
 * client_java's own writers, and a Micrometer registry holding the same series.
 */
final class Scrapes {

  /** How many results each (check, region) has seen before the scrapes. */
  private static final int RUNS = 3;

  final PrometheusRegistry registry = new PrometheusRegistry();
  final ExpositionWriter writer = ExpositionWriter.of(registry);
  /** client_java's writers, configured as its own exporters configure them. */
  final ExpositionFormats clientJava = ExpositionFormats.init();
  final MicrometerChecks micrometer = new MicrometerChecks();

  Scrapes(int checks) {
    CheckMetrics metrics = LookupBenchmark.unlimited(registry, checks * Fixtures.REGIONS.length);
    for (int n = 0; n < checks; n++) {
      Check check = Fixtures.check(n);
      metrics.register(check);
      List<MicrometerChecks.Series> regions = new ArrayList<>();
      for (String region : Fixtures.REGIONS) {
        MicrometerChecks.Series series = micrometer.series(check, region);
        regions.add(series);
        for (int run = 0; run < RUNS; run++) {
          // n + run varies the outcome and duration across checks
          metrics.record(Fixtures.result(check, region, n + run));
          series.record(Fixtures.result(check, region, n + run));
        }
      }
      micrometer.checkGauges(check, regions);
    }
  }

  /**
   * A registry holding only checkmetrics' families, filled as the scrape benchmarks fill it.
   *
   * @param checks the number of checks; each ran in every one of {@link Fixtures#REGIONS}
   * @return the registry
   */
  static PrometheusRegistry checkMetricsOnly(int checks) {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = LookupBenchmark.unlimited(registry, checks * Fixtures.REGIONS.length);
    for (int n = 0; n < checks; n++) {
      Check check = Fixtures.check(n);
      metrics.register(check);
      for (String region : Fixtures.REGIONS) {
        for (int run = 0; run < RUNS; run++) {
          metrics.record(Fixtures.result(check, region, n + run));
        }
      }
    }
    return registry;
  }

  /** Writes with checkmetrics' stream writer. */
  void checkMetrics(OutputStream out, ExpositionFormat format) throws IOException {
    writer.write(out, format);
  }

  /** Writes the same registry with client_java's writer for the format. */
  void clientJava(OutputStream out, ExpositionFormat format) throws IOException {
    clientJavaWriter(format).write(out, registry.scrape());
  }

  /** Writes the equivalent Micrometer registry in the format. */
  void micrometer(OutputStream out, ExpositionFormat format) throws IOException {
    micrometer.registry.scrape(out, format.contentType());
  }

  private ExpositionFormatWriter clientJavaWriter(ExpositionFormat format) {
    switch (format) {
      case PROMETHEUS_TEXT:
        return clientJava.getPrometheusTextFormatWriter();
      case OPENMETRICS:
        return clientJava.getOpenMetricsTextFormatWriter();
      case PROTOBUF:
        return clientJava.getPrometheusProtobufWriter();
      default:
        throw new IllegalArgumentException("format: " + format);
    }
  }

  /** A peer's way of writing a scrape. */
  @FunctionalInterface
  interface Peer {
    void write(Scrapes scrapes, OutputStream out, ExpositionFormat format) throws IOException;
  }

  /** The bytes one scrape of a peer writes. */
  long size(Peer peer, ExpositionFormat format) {
    CountingOutputStream out = new CountingOutputStream();
    try {
      peer.write(this, out, format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.count();
  }
}
