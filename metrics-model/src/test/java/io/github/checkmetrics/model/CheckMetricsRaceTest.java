package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Records racing {@code remove} and {@code update}: {@code record} takes no lock for a series that
 * exists, so these tests pin what it must still guarantee.
 */
class CheckMetricsRaceTest {

  private static final int THREADS = 4;
  private static final int ROUNDS = 30;
  private static final int REGIONS = 8;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();

  @Test
  void recordRacingRemoveShouldLeaveNoSeriesBehind() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      metrics.register(Check.builder("db").build());
      AtomicBoolean stop = new AtomicBoolean();
      // every result in a new region: series are being created when the removal comes
      List<Thread> workers = start(stop, Integer.MAX_VALUE);
      Thread.sleep(2);
      metrics.remove("db");
      stop.set(true);
      join(workers);

      assertThat(Series.of(registry, "check_runs")).isEmpty();
      assertThat(Series.of(registry, "check_duration_seconds")).isEmpty();
      assertThat(Series.of(registry, "check_last_duration_seconds")).isEmpty();
      assertThat(Series.of(registry, "check_status")).isEmpty();
    }
  }

  @Test
  void recordRacingRenameShouldLeaveOnlySeriesOfTheLastNameWithTheirLatestValues()
      throws Exception {
    Check db = Check.builder("db").build();
    metrics.register(db);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = start(stop, REGIONS);
    for (int i = 0; i < 200; i++) {
      metrics.update(db.toBuilder().name("db " + i).build());
    }
    stop.set(true);
    join(workers);

    assertThat(Series.of(registry, "check_last_duration_seconds"))
        .hasSize(REGIONS)
        .allSatisfy(line -> assertThat(line).contains("check_name=\"db 199\"").endsWith(" 0.25"));
    assertThat(Series.of(registry, "check_runs"))
        .hasSize(2 * REGIONS)
        .allSatisfy(line -> assertThat(line).contains("check_name=\"db 199\""));
    assertThat(Series.of(registry, "check_status")).hasSize(1);
  }

  /**
   * Workers recording results of "db" in {@code regions} regions, round robin, until {@code
   * stop} (and at least once in each region); a worker ends when the check is removed.
   */
  private List<Thread> start(AtomicBoolean stop, int regions) {
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread worker =
          new Thread(
              () -> {
                for (int i = 0; !stop.get() || i < Math.min(regions, REGIONS); i++) {
                  CheckResult result =
                      CheckResult.builder("db", "region-" + (i % regions))
                          .outcome(Outcome.PASSED)
                          .duration(Duration.ofMillis(250))
                          .build();
                  try {
                    metrics.record(result);
                  } catch (IllegalArgumentException removed) {
                    return;
                  }
                }
              });
      worker.start();
      workers.add(worker);
    }
    return workers;
  }

  private static void join(List<Thread> workers) throws InterruptedException {
    for (Thread worker : workers) {
      worker.join();
    }
  }
}
