package io.github.checkmetrics.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.testkit.Alert;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PrometheusVersion;
import io.github.checkmetrics.testkit.Sample;
import io.github.checkmetrics.testkit.ScrapeJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * End to end: a health indicator of a real Boot application goes DOWN, and a real Prometheus (2.42
 * and 3.5, see {@link PrometheusVersion}) scraping {@code /actuator/prometheus} with the shipped {@code examples/prometheus/alerts.yml}
 * (its {@code for:} durations shortened) sees {@code check_status} 0 and fires {@code
 * CheckFailing} for that check. Skipped locally without the Prometheus binary; mandatory in CI
 * ({@code -DcheckmetricsTest.requireTools=true}).
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health,prometheus",
      "checkmetrics.health.interval=1s",
      "checkmetrics.health.timeout=500ms",
      // the hanging indicator has its own test; here it would fire CheckFailing too
      "checkmetrics.health.exclude=slow"
    })
class HealthDownPrometheusTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Path ALERTS = Path.of("../examples/prometheus/alerts.yml");

  @LocalServerPort private int port;
  @Autowired private TestApplication.SwitchableHealthIndicator ordersDb;

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void downIndicatorShouldShowAsCheckStatusZeroAndFireCheckFailing(PrometheusVersion version)
      throws Exception {
    ordersDb.set(Health.up().build()); // one application context serves both versions
    String alerts = Files.readString(ALERTS).replaceAll("(?m)^(\\s+for: )\\S+$", "$13s");
    try (PrometheusServer prometheus =
        PrometheusServer.builder()
            .version(version)
            .scrapeInterval(Duration.ofSeconds(1))
            .evaluationInterval(Duration.ofSeconds(1))
            .scrapeJob(
                ScrapeJob.builder("boot")
                    .target("127.0.0.1:" + port)
                    .metricsPath("/actuator/prometheus")
                    .build())
            .ruleFile("alerts.yml", alerts)
            .start()) {
      prometheus.awaitTargetHealth("boot", "up", WAIT);
      prometheus.awaitQuery(
          "check_status{check_id=\"ordersDb\"}",
          samples -> samples.size() == 1 && samples.get(0).value() == 1.0,
          WAIT);

      ordersDb.set(Health.down().withDetail("error", "connection refused").build());

      List<Sample> down =
          prometheus.awaitQuery(
              "check_status{check_id=\"ordersDb\"}",
              samples -> samples.size() == 1 && samples.get(0).value() == 0.0,
              WAIT);
      assertThat(down.get(0).label("check_type")).isEqualTo("health");
      Scrapes.await(
          "CheckFailing firing for ordersDb",
          () ->
              prometheus.alerts().stream()
                  .anyMatch(
                      alert ->
                          alert.name().equals("CheckFailing")
                              && alert.state().equals("firing")
                              && "ordersDb".equals(alert.labels().get("check_id"))));
      assertThat(prometheus.alerts())
          .filteredOn(alert -> alert.name().equals("CheckFailing"))
          .extracting(Alert::labels)
          .extracting(labels -> labels.get("check_id"))
          .containsOnly("ordersDb");
    }
  }
}
