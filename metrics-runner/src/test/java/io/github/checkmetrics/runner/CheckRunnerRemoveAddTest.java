package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Removes a check while its probe is returning and adds a check with the same id at once, from
 * another thread: the new check must never receive the old run's result, and the add must never
 * fail because the old check is still registered. A stress test: each round hits the race at a
 * different moment of the old run's end.
 */
class CheckRunnerRemoveAddTest {

  /** The longest id and region: validating them on the way to the record widens the race. */
  private static final String ID = "c".repeat(128);

  private static final int ROUNDS = 5_000;
  private static final long WAIT_SECONDS = 20;
  /** As interval and timeout: the first run starts at once, no second one. */
  private static final Duration LONG = Duration.ofSeconds(30);
  /** The successor is never run: any series of it holds a result of the removed check. */
  private static final Check SUCCESSOR = Check.builder(ID).activated(false).build();

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();

  @Test
  void checkAddedAgainWhileTheRemovedOneEndsItsRunShouldNeverReceiveThatRun() throws Exception {
    Random random = new Random(7);
    List<Throwable> addFailures = new CopyOnWriteArrayList<>();
    // One probe thread: a witness run after the old run proves the old run has ended.
    try (CheckRunner runner =
        CheckRunner.builder(metrics).threads(1).region("r".repeat(128)).build()) {
      runner.start();
      for (int round = 0; round < ROUNDS; round++) {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        runner.add(
            Check.builder(ID).build(),
            t -> {
              running.countDown();
              release.await();
              return Outcome.PASSED;
            },
            LONG,
            LONG);
        assertThat(running.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        Thread adder = new Thread(() -> addAgain(runner, addFailures), "adder");
        adder.start();
        release.countDown();
        spin(random.nextInt(50_000)); // 0 to 50 µs: the remove meets the run at another moment
        assertThat(runner.remove(ID)).isTrue();
        adder.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(adder.isAlive()).isFalse();
        assertThat(addFailures).as("round " + round).isEmpty();
        awaitWitness(runner);

        assertThat(scrape()).as("round " + round).doesNotContain("check_id=\"" + ID + "\"");
        assertThat(runner.remove(ID)).isTrue();
      }
    }
  }

  /** Adds the successor as soon as the old check is gone from the runner. */
  private static void addAgain(CheckRunner runner, List<Throwable> failures) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      try {
        runner.add(SUCCESSOR, t -> Outcome.PASSED, LONG, LONG);
        return;
      } catch (IllegalStateException e) {
        if (!e.getMessage().equals("check is already scheduled: \"" + ID + "\"")) {
          failures.add(e); // "check is already registered": the old check outlived its removal
          return;
        }
      } catch (RuntimeException e) {
        failures.add(e);
        return;
      }
    }
    failures.add(new AssertionError("not added within " + WAIT_SECONDS + " s"));
  }

  /** Runs a check on the one probe thread: queued behind the old run, it ends after it. */
  private static void awaitWitness(CheckRunner runner) throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    runner.add(
        Check.builder("witness").build(),
        t -> {
          ran.countDown();
          return Outcome.PASSED;
        },
        LONG,
        LONG);
    assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    runner.remove("witness");
  }

  private static void spin(long nanos) {
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }

  private String scrape() {
    return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
  }
}
