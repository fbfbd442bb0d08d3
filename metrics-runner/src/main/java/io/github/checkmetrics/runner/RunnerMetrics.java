package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.CheckMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The runner's own metric families, registered once per {@link CheckMetrics} (in its registry,
 * under its namespace) and shared by every runner that records there.
 *
 * <ul>
 *   <li>{@code <ns>_runner_skipped_runs_total{reason}}: runs not started, because the check's
 *       previous run was still going ({@code still_running}) or still waiting for a free slot
 *       under the in-flight limit ({@code saturated});
 *   <li>{@code <ns>_runner_schedule_lag_seconds}: histogram of how late each run started after
 *       its scheduled time;
 *   <li>{@code <ns>_tls_cert_expiry_timestamp_seconds{check_id,region}}: the earliest {@code
 *       notAfter} of the certificate chain of the latest HTTPS run (blackbox_exporter's {@code
 *       probe_ssl_earliest_cert_expiry});
 *   <li>{@code <ns>_http_duration_seconds{check_id,region,phase}}: the latest HTTP run's time to
 *       the response headers ({@code phase="headers"}, connection set-up included when the
 *       connection was new) and to the end of the body ({@code phase="body"}).
 * </ul>
 */
final class RunnerMetrics {

  static final String STILL_RUNNING = "still_running";
  static final String SATURATED = "saturated";

  private static final double[] LAG_BUCKETS = {
    .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60
  };

  private static final Map<CheckMetrics, RunnerMetrics> SHARED = new WeakHashMap<>();

  private final Counter skipped;
  private final Histogram lag;
  private final Gauge certExpiry;
  private final Gauge httpDuration;

  private RunnerMetrics(CheckMetrics metrics) {
    String ns = metrics.namespace();
    PrometheusRegistry registry = metrics.registry();
    String skippedName = ns + "_runner_skipped_runs_total";
    String lagName = ns + "_runner_schedule_lag_seconds";
    String expiryName = ns + "_tls_cert_expiry_timestamp_seconds";
    String durationName = ns + "_http_duration_seconds";
    // client_java releases the names of an existing metric when a clashing registration fails:
    // look for a clash first, never attempt a failing registration.
    Set<String> ours =
        Set.of(ns + "_runner_skipped_runs", lagName, expiryName, durationName);
    for (MetricSnapshot existing : registry.scrape(ours::contains)) {
      throw new IllegalStateException(
          "the runner's metric family exists in the registry: "
              + existing.getMetadata().getPrometheusName());
    }
    skipped =
        Counter.builder()
            .name(skippedName)
            .help("Runs of checks not started: their previous run was still going, or waiting for a slot under the in-flight limit")
            .labelNames("reason")
            // No exemplars: none is useful here, and sampling them needs client_java's
            // tracer-initializer, which an application (Spring Boot's) may leave off the class path.
            .withoutExemplars()
            .register(registry);
    skipped.labelValues(STILL_RUNNING);
    skipped.labelValues(SATURATED);
    lag =
        Histogram.builder()
            .name(lagName)
            .help("How late runs of checks started after their scheduled time")
            .classicOnly()
            .classicUpperBounds(LAG_BUCKETS)
            .withoutExemplars()
            .register(registry);
    certExpiry =
        Gauge.builder()
            .name(expiryName)
            .help("Earliest expiry (notAfter) of the certificate chain presented to the latest HTTPS run, in Unix time")
            .labelNames("check_id", "region")
            .register(registry);
    httpDuration =
        Gauge.builder()
            .name(durationName)
            .help("Latest HTTP run of the check by phase: headers (request sent, connection set up if new, to response headers) and body (headers to end of body)")
            .labelNames("check_id", "region", "phase")
            .register(registry);
  }

  /** The runner metrics of {@code metrics}, registered on first use. */
  static RunnerMetrics of(CheckMetrics metrics) {
    synchronized (SHARED) {
      return SHARED.computeIfAbsent(metrics, RunnerMetrics::new);
    }
  }

  void skipped(String reason) {
    skipped.labelValues(reason).inc();
  }

  void lag(long lateNanos) {
    lag.observe(Math.max(0, lateNanos) / 1e9);
  }

  void report(String checkId, String region, ProbeReport report) {
    if (!Double.isNaN(report.certNotAfterEpochSeconds())) {
      certExpiry.labelValues(checkId, region).set(report.certNotAfterEpochSeconds());
    }
    if (report.headersNanos() >= 0) {
      httpDuration.labelValues(checkId, region, "headers").set(report.headersNanos() / 1e9);
    }
    if (report.bodyNanos() >= 0) {
      httpDuration.labelValues(checkId, region, "body").set(report.bodyNanos() / 1e9);
    }
  }

  /** Removes the series of a removed check. */
  void remove(String checkId, String region) {
    certExpiry.remove(checkId, region);
    httpDuration.remove(checkId, region, "headers");
    httpDuration.remove(checkId, region, "body");
  }
}
