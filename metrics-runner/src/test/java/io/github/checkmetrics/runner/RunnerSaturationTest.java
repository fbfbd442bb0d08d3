package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hung probes starve nobody; falling behind is counted, timed and seen by the health. */
class RunnerSaturationTest {

  private static final int NORMAL_CHECKS = 100;
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final Duration TIMEOUT = Duration.ofMillis(100);
  /** Results counted in this window only: after the start-up, before the end. */
  private static final long WINDOW_START_MILLIS = 2_000;
  private static final long WINDOW_MILLIS = 10_000;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseHungProbes() {
    release.countDown();
  }

  @ParameterizedTest(name = "{0} hung probes")
  @ValueSource(ints = {4, 40})
  void hungProbesShouldNotTakeRunsFromOtherChecks(int hung) throws Exception {
    Map<String, AtomicInteger> runsInWindow = new ConcurrentHashMap<>();
    long[] window = new long[2];
    AtomicInteger hungStarts = new AtomicInteger();
    CheckRunner.Builder builder =
        CheckRunner.builder(metrics)
            .onResult(
                result -> {
                  long now = System.nanoTime();
                  if (now >= window[0] && now < window[1]) {
                    runsInWindow
                        .computeIfAbsent(result.checkId(), id -> new AtomicInteger())
                        .incrementAndGet();
                  }
                });
    try (CheckRunner runner = builder.build()) {
      for (int i = 0; i < hung; i++) {
        runner.add(
            Check.builder("hung-" + i).build(),
            timeout -> {
              hungStarts.incrementAndGet();
              CheckRunnerTest.awaitUninterruptibly(release); // ignores the runner's interruption
              return Outcome.PASSED;
            },
            INTERVAL,
            TIMEOUT);
      }
      for (int i = 0; i < NORMAL_CHECKS; i++) {
        runner.add(Check.builder("normal-" + i).build(), t -> Outcome.PASSED, INTERVAL, TIMEOUT);
      }
      long start = System.nanoTime();
      window[0] = start + TimeUnit.MILLISECONDS.toNanos(WINDOW_START_MILLIS);
      window[1] = window[0] + TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
      runner.start();
      Thread.sleep(WINDOW_START_MILLIS + WINDOW_MILLIS + 200);

      long due = WINDOW_MILLIS / INTERVAL.toMillis();
      long atLeast = (long) Math.ceil(due * 0.95);
      for (int i = 0; i < NORMAL_CHECKS; i++) {
        AtomicInteger runs = runsInWindow.get("normal-" + i);
        assertThat(runs == null ? 0 : runs.get())
            .as("runs of normal-%d in %d ms (%d due)", i, WINDOW_MILLIS, due)
            .isGreaterThanOrEqualTo((int) atLeast);
      }
      // Each hung check ran once, then skipped every run while its probe hangs.
      assertThat(hungStarts).hasValue(hung);
      assertThat(skipped("still_running")).isGreaterThanOrEqualTo(hung * (due - 5));
      RunnerHealth health = runner.health();
      assertThat(health.checksOverdue()).isEqualTo(hung);
      assertThat(runner.isHealthy()).isFalse();
    }
  }

  @Test
  void runsBeyondTheInFlightLimitShouldWaitAndBeCountedLate() throws Exception {
    try (LoopbackTargets.Http target = new LoopbackTargets.Http(300);
        CheckRunner runner = CheckRunner.builder(metrics).maxInFlight(1).build()) {
      for (int i = 0; i < 3; i++) {
        runner.add(
            Check.builder("slow-" + i).build(),
            HttpProbe.builder(target.url("/slow")).build(),
            Duration.ofMillis(500),
            Duration.ofMillis(450));
      }
      runner.start();
      // Three runs of 300 ms every 500 ms through one slot: runs wait, start late, get skipped.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (skipped("saturated") < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(skipped("saturated")).isGreaterThanOrEqualTo(2);
      String text = scrape();
      assertThat(value(text, "check_runner_schedule_lag_seconds_count")).isGreaterThan(0);
      assertThat(value(text, "check_runner_schedule_lag_seconds_bucket\\{le=\"\\+Inf\"\\}"))
          .isGreaterThan(value(text, "check_runner_schedule_lag_seconds_bucket\\{le=\"0.1\"\\}"));
      assertThat(text).contains("check_http_duration_seconds{check_id=\"slow-0\",phase=\"headers\",region=\"local\"}");
    }
  }

  @Test
  void checkWithoutResultForThreeIntervalsShouldMakeTheRunnerUnhealthy() throws Exception {
    try (CheckRunner runner = CheckRunner.builder(metrics).build()) {
      AtomicInteger runs = new AtomicInteger();
      runner.add(
          Check.builder("sometimes-hangs").build(),
          timeout -> {
            if (runs.incrementAndGet() > 1) {
              CheckRunnerTest.awaitUninterruptibly(release);
            }
            return Outcome.PASSED;
          },
          Duration.ofMillis(100),
          Duration.ofMillis(50));
      runner.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!runner.isHealthy() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(runner.health().checksWithResult()).isEqualTo(1);
      // The second run hangs: a timeout is recorded, then nothing for 3 intervals.
      while (runner.health().checksOverdue() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(runner.health()).isEqualTo(new RunnerHealth(true, 1, 1, 1));
      assertThat(runner.isHealthy()).isFalse();
      release.countDown();
      // The probe returns; the next run is recorded and the check is no longer overdue.
      while (runner.health().checksOverdue() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(runner.isHealthy()).isTrue();
    }
  }

  private double skipped(String reason) {
    return value(scrape(), "check_runner_skipped_runs_total\\{reason=\"" + reason + "\"\\}");
  }

  private String scrape() {
    return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
  }

  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
    assertThat(m.find()).as(series + " in\n" + text).isTrue();
    return Double.parseDouble(m.group(1));
  }

}
