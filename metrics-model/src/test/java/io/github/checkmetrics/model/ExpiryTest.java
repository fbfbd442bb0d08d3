package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Expiry with a controllable ticker and a scheduler whose task runs when the test says so. */
class ExpiryTest {

  private static final Instant END = Instant.parse("2026-11-20T10:00:00Z");
  private static final Duration IDLE = Duration.ofMinutes(5);

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final AtomicLong nanos = new AtomicLong(-7_000_000_000L);
  private final ManualScheduler scheduler = new ManualScheduler();
  private final CheckMetrics metrics = expiring(registry, Integer.MAX_VALUE);

  private CheckMetrics expiring(PrometheusRegistry target, int maxSeries) {
    return CheckMetrics.builder()
        .registry(target)
        .expireAfter(IDLE)
        .ticker(nanos::get)
        .expiryScheduler(scheduler)
        .maxSeriesPerFamily(maxSeries)
        .build();
  }

  @AfterEach
  void stop() {
    metrics.close();
    scheduler.shutdownNow();
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  private static CheckResult result(String region, Outcome outcome, long millis) {
    return CheckResult.builder("db", region)
        .outcome(outcome)
        .duration(Duration.ofMillis(millis))
        .finishedAt(END)
        .build();
  }

  @Test
  void idleSeriesShouldBeRemovedByTheScheduledTaskNotByAScrape() {
    metrics.register(Check.builder("db").build());
    metrics.record(result("eu", Outcome.FAILED, 1));
    metrics.record(result("us", Outcome.PASSED, 1));
    advance(IDLE.minusMinutes(1));
    metrics.record(result("us", Outcome.PASSED, 1));
    advance(Duration.ofMinutes(1));

    // A scrape never expires anything: it neither waits for nor does the removal.
    assertThat(Series.of(registry, "check_last_run_timestamp_seconds")).hasSize(2);

    scheduler.tick();

    for (String family :
        new String[] {
          "check_last_duration_seconds", "check_duration_seconds", "check_last_run_timestamp_seconds"
        }) {
      assertThat(Series.of(registry, family)).as(family).singleElement().asString()
          .contains("region=\"us\"");
    }
    assertThat(Series.of(registry, "check_runs")).hasSize(2).allMatch(s -> s.contains("\"us\""));
    assertThat(Series.of(registry, "check_status")).singleElement().asString().endsWith(" 1.0");
  }

  @Test
  void expiredSeriesShouldComeBackCleanlyWithItsNextResult() {
    metrics.register(Check.builder("db").build());
    metrics.record(result("eu", Outcome.FAILED, 500));
    metrics.record(result("eu", Outcome.FAILED, 500));
    advance(IDLE);
    scheduler.tick();
    assertThat(Series.of(registry, "check_status")).isEmpty();
    assertThat(Series.of(registry, "check_runs")).isEmpty();

    metrics.record(result("eu", Outcome.PASSED, 250));

    assertThat(Series.of(registry, "check_runs"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"db\", region=\"eu\", status=\"failure\"} 0.0",
            "{check_id=\"db\", check_name=\"db\", region=\"eu\", status=\"success\"} 1.0");
    assertThat(Series.of(registry, "check_duration_seconds"))
        .containsExactly("{check_id=\"db\", check_name=\"db\", region=\"eu\"} count=1 sum=0.25");
    assertThat(Series.of(registry, "check_status")).singleElement().asString().endsWith(" 1.0");
  }

  @Test
  void seriesShouldStayWhileResultsKeepComing() {
    metrics.register(Check.builder("db").build());
    for (int i = 0; i < 10; i++) {
      metrics.record(result("eu", Outcome.PASSED, 1));
      advance(IDLE.minusSeconds(1));
      scheduler.tick();
    }
    assertThat(Series.of(registry, "check_runs"))
        .contains("{check_id=\"db\", check_name=\"db\", region=\"eu\", status=\"success\"} 10.0");
  }

  @Test
  void expiryShouldFreeRoomUnderTheSeriesLimit() {
    PrometheusRegistry limited = new PrometheusRegistry();
    CheckMetrics small = expiring(limited, 1);
    try {
      small.register(Check.builder("db").build());
      small.record(result("eu", Outcome.PASSED, 1));
      small.record(result("us", Outcome.PASSED, 1));
      assertThat(Series.of(limited, "check_series_rejected")).containsExactly("{} 1.0");

      advance(IDLE);
      scheduler.tick();
      small.record(result("us", Outcome.PASSED, 1));

      assertThat(Series.of(limited, "check_last_duration_seconds"))
          .singleElement().asString().contains("region=\"us\"");
      assertThat(Series.of(limited, "check_series_rejected")).containsExactly("{} 1.0");
    } finally {
      small.close();
    }
  }

  @Test
  void removedCheckShouldBeSkippedByExpiry() {
    metrics.register(Check.builder("db").build());
    metrics.record(result("eu", Outcome.PASSED, 1));
    metrics.remove("db");
    advance(IDLE);
    assertThat(metrics.expireIdleSeries()).isZero();
  }

  @Test
  void expireIdleSeriesShouldReportHowManyPairsExpired() {
    metrics.register(Check.builder("db").build());
    metrics.record(result("eu", Outcome.PASSED, 1));
    metrics.record(result("us", Outcome.PASSED, 1));
    assertThat(metrics.expireIdleSeries()).isZero();
    advance(IDLE);
    assertThat(metrics.expireIdleSeries()).isEqualTo(2);
  }

  @Test
  void taskShouldRunEveryQuarterOfTheExpiryTimeWithinOneSecondToOneMinute() {
    assertThat(scheduler.delayNanos).isEqualTo(Duration.ofMinutes(1).toNanos());
    assertThat(Expiry.period(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(5));
    assertThat(Expiry.period(Duration.ofMillis(100))).isEqualTo(Duration.ofSeconds(1));
    assertThat(Expiry.period(Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void closeShouldCancelTheTaskButNotShutDownAGivenScheduler() {
    metrics.close();
    assertThat(scheduler.futures).singleElement().matches(f -> f.isCancelled());
    assertThat(scheduler.isShutdown()).isFalse();
  }

  @Test
  void ownSchedulerShouldBeADaemonThreadThatCloseStops() throws InterruptedException {
    CheckMetrics owned =
        CheckMetrics.builder()
            .registry(new PrometheusRegistry())
            .schema(CheckSchema.DEFAULT.toBuilder().namespace("owned").build())
            .expireAfter(IDLE)
            .build();
    Thread thread;
    try {
      thread = expiryThread("owned").orElseThrow();
      assertThat(thread.isDaemon()).isTrue();
    } finally {
      owned.close();
    }
    thread.join(Duration.ofSeconds(30).toMillis());
    assertThat(thread.isAlive()).isFalse();
  }

  @Test
  void expiryShouldBeOffByDefault() {
    CheckMetrics plain =
        CheckMetrics.builder()
            .registry(new PrometheusRegistry())
            .schema(CheckSchema.DEFAULT.toBuilder().namespace("plain").build())
            .build();
    try {
      plain.register(Check.builder("db").build());
      plain.record(result("eu", Outcome.PASSED, 1));
      assertThat(expiryThread("plain")).isEmpty();
    } finally {
      plain.close();
    }
  }

  @Test
  void hugeExpiryShouldNeverExpire() {
    PrometheusRegistry other = new PrometheusRegistry();
    CheckMetrics forever =
        CheckMetrics.builder()
            .registry(other)
            .expireAfter(Duration.ofDays(365L * 1000))
            .ticker(nanos::get)
            .expiryScheduler(scheduler)
            .build();
    try {
      forever.register(Check.builder("db").build());
      forever.record(result("eu", Outcome.PASSED, 1));
      advance(Duration.ofDays(365L * 200));
      assertThat(forever.expireIdleSeries()).isZero();
    } finally {
      forever.close();
    }
  }

  @Test
  void expiryRacingRecordsShouldKeepTheSeriesCountExact() throws Exception {
    PrometheusRegistry limited = new PrometheusRegistry();
    CheckMetrics small = expiring(limited, 8);
    try {
      small.register(Check.builder("db").build());
      Thread[] workers = new Thread[4];
      for (int t = 0; t < workers.length; t++) {
        String region = "r" + t;
        workers[t] =
            new Thread(
                () -> {
                  for (int i = 0; i < 20_000; i++) {
                    small.record(result(region, Outcome.PASSED, 1));
                  }
                });
        workers[t].start();
      }
      for (int i = 0; i < 500; i++) {
        advance(IDLE);
        small.expireIdleSeries();
      }
      for (Thread worker : workers) {
        worker.join();
      }
      advance(IDLE);
      small.expireIdleSeries();
      assertThat(Series.of(limited, "check_runs")).isEmpty();
      assertThat(Series.of(limited, "check_duration_seconds")).isEmpty();

      // Every created or expired pair was counted once: exactly 8 new pairs fit again.
      for (int i = 0; i < 9; i++) {
        small.record(result("after-" + i, Outcome.PASSED, 1));
      }
      assertThat(Series.of(limited, "check_duration_seconds")).hasSize(8);
      assertThat(Series.of(limited, "check_series_rejected")).containsExactly("{} 1.0");
    } finally {
      small.close();
    }
  }

  private static Optional<Thread> expiryThread(String namespace) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("checkmetrics-expiry-" + namespace))
        .findFirst();
  }
}
