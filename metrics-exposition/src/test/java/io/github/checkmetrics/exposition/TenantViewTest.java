package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantViewTest {

  private static final EscapingScheme UNDERSCORES = EscapingScheme.UNDERSCORE_ESCAPING;
  private static final Instant FINISHED = Instant.parse("2026-12-05T12:00:00Z");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CheckMetrics checks = CheckMetrics.builder().registry(registry).build();

  TenantViewTest() {
    Counter.builder().name("platform_requests").help("r").register(registry).inc();
    Counter.builder().name("platform_logins").help("l").register(registry).inc();
    for (String tenant : List.of("acme", "globex")) {
      checks.register(Check.builder("db").tenant(tenant).build());
      checks.record(
          CheckResult.builder("db", "eu")
              .tenant(tenant)
              .outcome(Outcome.PASSED)
              .duration(Duration.ofMillis(1))
              .finishedAt(FINISHED)
              .build());
    }
    checks.register(Check.builder("db").build()); // the platform's own, same id
    checks.record(
        CheckResult.builder("db", "eu").outcome(Outcome.FAILED).duration(Duration.ZERO).build());
  }

  @Test
  void viewShouldHoldTheTenantsFamiliesAndTheSharedOnesWithConstantLabels() {
    ExpositionWriter writer =
        ExpositionWriter.builder().registry(registry).constantLabel("platform", "p1").build();
    TenantView view = new TenantView(checks, writer, Set.of("platform_requests"));

    MetricSnapshots snapshots = view.collect("acme", null);

    assertThat(names(snapshots))
        .contains("check_status", "platform_requests")
        .doesNotContain("platform_logins", "check_registrations_rejected");
    for (MetricSnapshot snapshot : snapshots) {
      snapshot
          .getDataPoints()
          .forEach(
              point -> {
                assertThat(point.getLabels().get("platform")).isEqualTo("p1");
                assertThat(point.getLabels().contains("tenant")).isFalse();
              });
    }
    assertThat(names(view.collect("acme", "platform_requests"::equals)))
        .containsExactly("platform_requests");
    assertThat(names(view.collect("acme", "check_status"::equals)))
        .containsExactly("check_status");
  }

  @Test
  void viewShouldWriteWhatACheckMetricsOfThatTenantAloneWrites() throws Exception {
    PrometheusRegistry alone = new PrometheusRegistry();
    CheckMetrics acme = CheckMetrics.builder().registry(alone).build();
    acme.register(Check.builder("db").build());
    acme.record(
        CheckResult.builder("db", "eu")
            .outcome(Outcome.PASSED)
            .duration(Duration.ofMillis(1))
            .finishedAt(FINISHED)
            .build());
    TenantView view =
        new TenantView(checks, ExpositionWriter.builder().registry(registry).build(), Set.of());

    for (ExpositionFormat format : ExpositionFormat.values()) {
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      format.writer().write(expected, alone.scrape(n -> !n.endsWith("_rejected")), UNDERSCORES);
      ByteArrayOutputStream actual = new ByteArrayOutputStream();
      format.writer().write(actual, view.collect("acme", null), UNDERSCORES);
      if (format == ExpositionFormat.PROTOBUF) {
        // Byte for byte but for the counters' and histograms' created timestamps: the two
        // CheckMetrics were not created at the same moment.
        assertThat(withoutCreated(actual.toByteArray()))
            .isEqualTo(withoutCreated(expected.toByteArray()));
      } else {
        assertThat(actual.toString(StandardCharsets.UTF_8))
            .as("%s", format)
            .isEqualTo(expected.toString(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void checkFamilyShouldNotBeShared() {
    ExpositionWriter writer = ExpositionWriter.builder().registry(registry).build();

    assertThatThrownBy(() -> new TenantView(checks, writer, Set.of("check_status")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenant shared family must not be a family of the checks: \"check_status\"");
  }

  /** The families of a protobuf body, read by client_java's classes, without created times. */
  static List<Metrics.MetricFamily> withoutCreated(byte[] body) throws IOException {
    List<Metrics.MetricFamily> families = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(body)) {
      Metrics.MetricFamily family;
      while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
        Metrics.MetricFamily.Builder builder = family.toBuilder();
        for (Metrics.Metric.Builder metric : builder.getMetricBuilderList()) {
          if (metric.hasCounter()) {
            metric.getCounterBuilder().clearCreatedTimestamp();
          }
          if (metric.hasHistogram()) {
            metric.getHistogramBuilder().clearCreatedTimestamp();
          }
        }
        families.add(builder.build());
      }
    }
    return families;
  }

  private static List<String> names(MetricSnapshots snapshots) {
    return snapshots.stream().map(s -> s.getMetadata().getPrometheusName()).toList();
  }
}
