package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Races {@code record} against {@code remove} with a schema whose runs counter creates a status
 * series on its first run ({@link CheckSchema#APPCLACKS}), and counts the rounds that leave a
 * series behind for the removed check (see docs/benchmarks.md): {@code java -cp
 * benchmarks/target/benchmarks.jar io.github.checkmetrics.benchmarks.RecordRemoveRace [rounds]}.
 * A stress check to run by hand, not a benchmark and not a test.
 */
public final class RecordRemoveRace {

  private static final int REGIONS = 64;

  private RecordRemoveRace() {}

  /**
   * Runs the rounds and prints how many left a series behind.
   *
   * @param args optionally the number of rounds, default 3000
   * @throws InterruptedException when interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int leaks = 0;
    for (int round = 0; round < rounds; round++) {
      if (leftBehind(round)) {
        leaks++;
      }
    }
    System.out.printf(Locale.ROOT, "rounds: %d, rounds with a series left after remove: %d%n",
        rounds, leaks);
  }

  private static boolean leftBehind(int round) throws InterruptedException {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).schema(CheckSchema.APPCLACKS).build();
    metrics.register(Check.builder("db").build());
    CheckResult[] failures = new CheckResult[REGIONS];
    for (int r = 0; r < REGIONS; r++) {
      metrics.record(result("r" + r, Outcome.PASSED)); // only the success series exists
      failures[r] = result("r" + r, Outcome.FAILED);
    }
    CountDownLatch go = new CountDownLatch(1);
    Thread recorder =
        new Thread(
            () -> {
              try {
                go.await();
                for (CheckResult failure : failures) {
                  metrics.record(failure);
                }
              } catch (InterruptedException | IllegalArgumentException removed) {
                // IllegalArgumentException: the check is gone, as intended
              }
            });
    recorder.start();
    go.countDown();
    for (int spin = 0; spin < (round % 200) * 20; spin++) {
      Thread.onSpinWait(); // moves the removal across the recorder's writes from round to round
    }
    metrics.remove("db");
    recorder.join();
    for (MetricSnapshot snapshot : registry.scrape()) {
      String name = snapshot.getMetadata().getPrometheusName();
      if (!snapshot.getDataPoints().isEmpty() && !name.endsWith("series_rejected")) {
        System.out.printf(Locale.ROOT, "round %d: %s%s%n", round, name,
            snapshot.getDataPoints().get(0).getLabels());
        return true;
      }
    }
    return false;
  }

  private static CheckResult result(String region, Outcome outcome) {
    return CheckResult.builder("db", region)
        .outcome(outcome)
        .duration(Duration.ofMillis(1))
        .build();
  }
}
