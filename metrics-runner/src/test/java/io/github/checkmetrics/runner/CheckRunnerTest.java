package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckRunnerTest {

  /** Generous bound for waiting on something that happens within milliseconds. */
  private static final long WAIT_SECONDS = 20;

  private static final Duration SHORT = Duration.ofMillis(20);
  /** As interval and timeout: the first run starts at once (no initial delay), no second one. */
  private static final Duration LONG = Duration.ofSeconds(30);

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
  private final BlockingQueue<CheckResult> results = new LinkedBlockingQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private CheckRunner runner;

  @AfterEach
  void closeRunner() {
    release.countDown();
    if (runner != null) {
      runner.close();
    }
  }

  private CheckRunner runner(Consumer<CheckRunner.Builder> options) {
    CheckRunner.Builder builder = CheckRunner.builder(metrics).onResult(results::add);
    options.accept(builder);
    runner = builder.build();
    return runner;
  }

  private CheckResult next() throws InterruptedException {
    CheckResult result = results.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(result).as("a result within " + WAIT_SECONDS + " s").isNotNull();
    return result;
  }

  private CheckResult nextOf(String checkId) throws InterruptedException {
    while (true) {
      CheckResult result = next();
      if (result.checkId().equals(checkId)) {
        return result;
      }
    }
  }

  private String scrape() {
    return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
  }

  private static Check check(String id) {
    return Check.builder(id).build();
  }

  @Test
  void passingProbeShouldBeRecordedInTheRunnersRegion() throws Exception {
    runner(b -> b.region("eu-west-1"));
    runner.add(check("db"), timeout -> Outcome.PASSED, LONG, LONG);
    runner.start();

    CheckResult result = next();

    assertThat(result.checkId()).isEqualTo("db");
    assertThat(result.region()).isEqualTo("eu-west-1");
    assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(result.failureReason()).isEmpty();
    assertThat(scrape())
        .contains(
            "check_runs_total{check_id=\"db\",check_name=\"db\",region=\"eu-west-1\","
                + "status=\"success\"}");
  }

  @Test
  void checkOfATenantShouldBeRecordedAsThatTenantsAndRemovedFromIt() throws Exception {
    runner(b -> {});
    runner.add(Check.builder("db").tenant("acme").build(), timeout -> Outcome.PASSED, LONG, LONG);
    runner.start();

    CheckResult result = next();

    assertThat(result.tenant()).isEqualTo("acme");
    PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    assertThat(text.toDebugString(metrics.scrape("acme", name -> true)))
        .contains(
            "check_runs_total{check_id=\"db\",check_name=\"db\",region=\"local\","
                + "status=\"success\"} 1");
    assertThat(text.toDebugString(metrics.scrape("", name -> true)))
        .doesNotContain("check_id=\"db\"");

    assertThat(runner.remove("db")).isTrue();

    assertThat(text.toDebugString(metrics.scrape("acme", name -> true)))
        .doesNotContain("check_id=\"db\"");
    // Removed from the metrics too: it can be registered again.
    metrics.register(Check.builder("db").tenant("acme").build());
  }

  @Test
  void probeJavadocUsageShouldCompile() throws Exception {
    java.util.Queue<String> queue = new java.util.ArrayDeque<>();
    // twin of the Probe javadoc
    Probe probe = timeout -> queue.isEmpty() ? Outcome.PASSED : Outcome.DEGRADED;

    assertThat(probe.run(SHORT)).isEqualTo(Outcome.PASSED);
    queue.add("work");
    assertThat(probe.run(SHORT)).isEqualTo(Outcome.DEGRADED);
  }

  @Test
  void probeShouldBeGivenTheChecksTimeout() throws Exception {
    BlockingQueue<Duration> given = new LinkedBlockingQueue<>();
    runner(b -> {});
    runner.add(
        check("db"),
        timeout -> {
          given.add(timeout);
          return Outcome.PASSED;
        },
        Duration.ofMillis(50),
        Duration.ofMillis(40));
    runner.start();

    assertThat(given.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void hungProbeShouldBeRecordedAsTimeoutAndInterrupted() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    runner(b -> {});
    Duration timeout = Duration.ofMillis(100);
    runner.add(
        check("hung"),
        t -> {
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return Outcome.PASSED;
        },
        timeout, // interval = timeout: no initial delay
        timeout);
    runner.start();

    CheckResult result = next();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.failureReason()).hasValue("timeout");
    assertThat(result.duration()).isGreaterThanOrEqualTo(timeout);
    assertThat(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  static Stream<Arguments> failingProbes() {
    return Stream.of(
        Arguments.of(
            (Probe)
                t -> {
                  throw new IllegalStateException("message with 1000 unbounded details");
                },
            "IllegalStateException"),
        Arguments.of(
            (Probe)
                t -> {
                  throw new ProbeException("queue_full", "queue depth 1001");
                },
            "queue_full"),
        Arguments.of(
            (Probe)
                t -> {
                  throw new AssertionError("even an Error");
                },
            "AssertionError"),
        Arguments.of((Probe) t -> null, "null_outcome"));
  }

  @ParameterizedTest
  @MethodSource("failingProbes")
  void failingProbeShouldBeRecordedWithABoundedReason(Probe probe, String reason)
      throws Exception {
    runner(b -> {});
    runner.add(check("bad"), probe, LONG, LONG);
    runner.start();

    CheckResult result = next();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.failureReason()).hasValue(reason);
    assertThat(scrape()).contains("status=\"failure\"} 1.0");
  }

  @Test
  void probeReturningFailedShouldBeRecordedWithoutReason() throws Exception {
    runner(b -> {});
    runner.add(check("db"), t -> Outcome.FAILED, LONG, LONG);
    runner.start();

    CheckResult result = next();

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.failureReason()).isEmpty();
  }

  @Test
  void probeIgnoringInterruptionShouldNotDelayOtherChecks() throws Exception {
    AtomicInteger stuckRuns = new AtomicInteger();
    runner(b -> b.threads(2));
    runner.add(
        check("stuck"),
        t -> {
          stuckRuns.incrementAndGet();
          awaitUninterruptibly(release);
          return Outcome.PASSED;
        },
        Duration.ofMillis(30),
        Duration.ofMillis(20));
    // Generous for a loaded machine: a fast run must never come near its timeout.
    runner.add(check("fast"), t -> Outcome.PASSED, Duration.ofMillis(200), Duration.ofMillis(150));
    runner.start();

    assertThat(nextOf("stuck").failureReason()).hasValue("timeout");
    for (int i = 0; i < 10; i++) {
      CheckResult fast = nextOf("fast");
      assertThat(fast.outcome()).as(fast.toString()).isEqualTo(Outcome.PASSED);
    }

    // Ten runs of its neighbour later, the stuck check still has its one run and no second one.
    assertThat(stuckRuns).hasValue(1);
    release.countDown();
  }

  @Test
  void probeThreadsShouldBeBoundedNamedAndDaemon() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    CountDownLatch twoRunning = new CountDownLatch(2);
    Set<String> names = new CopyOnWriteArraySet<>();
    Set<Boolean> daemon = new CopyOnWriteArraySet<>();
    runner(b -> b.threads(2));
    for (int i = 0; i < 6; i++) {
      runner.add(
          check("c" + i),
          t -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            names.add(Thread.currentThread().getName());
            daemon.add(Thread.currentThread().isDaemon());
            twoRunning.countDown();
            try {
              release.await();
            } finally {
              running.decrementAndGet();
            }
            return Outcome.PASSED;
          },
          LONG,
          LONG);
    }
    runner.start();

    assertThat(twoRunning.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    Set<String> done = new HashSet<>();
    while (done.size() < 6) {
      done.add(next().checkId());
    }

    assertThat(maxRunning).hasValue(2);
    // A thread may end its run after the next one started on a new thread: at most one per run.
    assertThat(names).hasSizeLessThanOrEqualTo(6);
    assertThat(names).allMatch(n -> n.matches("checkmetrics-runner-\\d+-probe-\\d+"));
    assertThat(daemon).containsExactly(true);
  }

  @Test
  void checkAddedWhileRunningShouldRun() throws Exception {
    runner(b -> {});
    runner.start();
    runner.add(check("late"), t -> Outcome.DEGRADED, LONG, LONG);

    CheckResult result = next();

    assertThat(result.checkId()).isEqualTo("late");
    assertThat(result.outcome()).isEqualTo(Outcome.DEGRADED);
  }

  @Test
  void removedCheckShouldStopRunningAndLeaveNoSeries() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    runner(b -> {});
    runner.add(
        check("gone"),
        t -> {
          runs.incrementAndGet();
          return Outcome.PASSED;
        },
        Duration.ofMillis(10),
        Duration.ofMillis(10));
    runner.start();
    nextOf("gone");

    assertThat(runner.remove("gone")).isTrue();
    int runsAtRemoval = runs.get();
    runner.add(check("witness"), t -> Outcome.PASSED, Duration.ofMillis(10), Duration.ofMillis(10));
    for (int i = 0; i < 10; i++) {
      nextOf("witness");
    }

    // A run that had already started when the check was removed may end, but none starts later.
    assertThat(runs.get()).isBetween(runsAtRemoval, runsAtRemoval + 1);
    assertThat(scrape()).doesNotContain("check_id=\"gone\"");
    assertThat(runner.remove("gone")).isFalse();
    assertThat(runner.health().checks()).isEqualTo(1);
  }

  @Test
  void removingWhileProbeRunsShouldCutItWithoutRecording() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    runner(b -> {});
    runner.add(
        check("slow"),
        t -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return Outcome.PASSED;
        },
        LONG,
        LONG);
    runner.start();
    assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

    runner.remove("slow");

    assertThat(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    runner.close();
    assertThat(results).isEmpty();
    assertThat(scrape()).doesNotContain("check_id=\"slow\"");
  }

  @Test
  void healthShouldBeHealthyOnceEveryCheckHasRunAndUntilClosed() throws Exception {
    runner(b -> {});
    // LONG: one run at once, and no chance to be overdue (3 intervals) on a loaded machine.
    runner.add(check("a"), t -> Outcome.PASSED, LONG, LONG);
    runner.add(
        check("b"),
        t -> {
          release.await();
          return Outcome.FAILED;
        },
        LONG,
        LONG);
    runner.add(Check.builder("off").activated(false).build(), t -> Outcome.PASSED, SHORT, SHORT);
    assertThat(runner.health()).isEqualTo(new RunnerHealth(false, 2, 0));

    runner.start();
    nextOf("a");
    assertThat(runner.health()).isEqualTo(new RunnerHealth(true, 2, 1));
    assertThat(runner.isHealthy()).isFalse();

    release.countDown();
    nextOf("b");
    assertThat(runner.isHealthy()).isTrue();

    runner.close();
    assertThat(runner.isHealthy()).isFalse();
    assertThat(runner.health().alive()).isFalse();
  }

  @Test
  void inactiveCheckShouldBeRegisteredButNeverRun() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    runner(b -> {});
    runner.add(
        Check.builder("off").activated(false).build(),
        t -> {
          runs.incrementAndGet();
          return Outcome.PASSED;
        },
        Duration.ofMillis(10),
        Duration.ofMillis(10));
    runner.add(check("on"), t -> Outcome.PASSED, Duration.ofMillis(10), Duration.ofMillis(10));
    runner.start();
    for (int i = 0; i < 5; i++) {
      nextOf("on");
    }

    assertThat(runs).hasValue(0);
    assertThatThrownBy(() -> metrics.register(check("off")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("check is already registered: \"off\"");
  }

  @Test
  void closeShouldWaitForARunningProbeAndRecordIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    runner(b -> b.closeGracePeriod(Duration.ofSeconds(WAIT_SECONDS)));
    runner.add(
        check("db"),
        t -> {
          started.countDown();
          release.await();
          return Outcome.PASSED;
        },
        LONG,
        LONG);
    runner.start();
    assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

    Thread closer = new Thread(runner::close, "closer");
    closer.start();
    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

    assertThat(closer.isAlive()).isFalse();
    assertThat(results.poll()).extracting(CheckResult::outcome).isEqualTo(Outcome.PASSED);
  }

  @Test
  void closeShouldInterruptProbesAfterTheGracePeriodAndDropTheirResults() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    runner(b -> b.closeGracePeriod(Duration.ZERO));
    runner.add(
        check("db"),
        t -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } finally {
            ended.countDown();
          }
          return Outcome.PASSED;
        },
        LONG,
        LONG);
    runner.start();
    assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

    runner.close();

    assertThat(ended.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(results).isEmpty();
    runner.close(); // a second close does nothing
  }

  @Test
  void initialDelayShouldSpreadChecksWithinIntervalMinusTimeout() {
    Random random = new Random(42);
    Duration interval = Duration.ofSeconds(5);
    Duration timeout = Duration.ofSeconds(2);
    Set<Long> delays = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      long delay = CheckRunner.initialDelayNanos(interval, timeout, random);
      assertThat(delay).isBetween(0L, Duration.ofSeconds(3).toNanos());
      delays.add(delay);
    }
    assertThat(delays).hasSizeGreaterThan(900);
    assertThat(CheckRunner.initialDelayNanos(interval, interval, random)).isZero();
  }

  @Test
  void lifecycleMisuseShouldThrow() {
    runner(b -> {});
    runner.add(check("db"), t -> Outcome.PASSED, LONG, SHORT);
    assertThatThrownBy(() -> runner.add(check("db"), t -> Outcome.PASSED, LONG, SHORT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("check is already scheduled: \"db\"");
    metrics.register(check("mine"));
    assertThatThrownBy(() -> runner.add(check("mine"), t -> Outcome.PASSED, LONG, SHORT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("check is already registered: \"mine\"");
    runner.start();
    assertThatThrownBy(runner::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("runner is already started");
    runner.close();
    assertThatThrownBy(runner::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("runner is closed");
    assertThatThrownBy(() -> runner.add(check("late"), t -> Outcome.PASSED, LONG, SHORT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("runner is closed");
  }

  @Test
  void addWithBadIntervalOrTimeoutShouldThrow() {
    runner(b -> {});
    assertThatThrownBy(() -> runner.add(check("db"), t -> Outcome.PASSED, Duration.ZERO, SHORT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval must be positive: PT0S");
    assertThatThrownBy(
            () ->
                runner.add(
                    check("db"), t -> Outcome.PASSED, Duration.ofSeconds(5), Duration.ofSeconds(6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must not be longer than the interval: timeout PT6S, interval PT5S");
    // Nothing was registered by the failed calls.
    metrics.register(check("db"));
  }

  static Stream<Arguments> invalidBuilders() {
    return Stream.of(
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.region(""),
            IllegalArgumentException.class,
            "region must be 1 to 128 characters long: \"\""),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.region("r".repeat(129)),
            IllegalArgumentException.class,
            "region must be 1 to 128 characters long: \"" + "r".repeat(64) + "...\""),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.region("eu-\uD800-1"),
            IllegalArgumentException.class,
            "region must not contain a lone UTF-16 surrogate at index 3"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.region("eu-west-\uDC00"),
            IllegalArgumentException.class,
            "region must not contain a lone UTF-16 surrogate at index 8"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.region("a").region("b"),
            IllegalStateException.class,
            "region was already set to \"a\"; cannot set it to \"b\""),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.threads(0),
            IllegalArgumentException.class,
            "threads must be between 1 and 1024: 0"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.threads(1025),
            IllegalArgumentException.class,
            "threads must be between 1 and 1024: 1025"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.threads(2).threads(3),
            IllegalStateException.class,
            "threads was already set to 2; cannot set it to 3"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.maxInFlight(-1),
            IllegalArgumentException.class,
            "max in flight must be between 1 and 100000: -1"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.maxInFlight(100_001),
            IllegalArgumentException.class,
            "max in flight must be between 1 and 100000: 100001"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.maxInFlight(5).maxInFlight(6),
            IllegalStateException.class,
            "maxInFlight was already set to 5; cannot set it to 6"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.closeGracePeriod(Duration.ofSeconds(-1)),
            IllegalArgumentException.class,
            "close grace period must not be negative: PT-1S"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>)
                b -> b.closeGracePeriod(Duration.ZERO).closeGracePeriod(Duration.ZERO),
            IllegalStateException.class,
            "closeGracePeriod was already set to PT0S; cannot set it to PT0S"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.onResult(r -> {}),
            IllegalStateException.class,
            "onResult was already set to \"a listener\"; cannot set it to \"a listener\""),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.region(null),
            NullPointerException.class,
            "region"),
        Arguments.of(
            (Consumer<CheckRunner.Builder>) b -> b.closeGracePeriod(null),
            NullPointerException.class,
            "closeGracePeriod"));
  }

  @ParameterizedTest
  @MethodSource("invalidBuilders")
  void invalidBuilderOptionShouldThrow(
      Consumer<CheckRunner.Builder> option, Class<? extends Throwable> type, String message) {
    // The builder already holds a result listener, so a second one is a repeated option.
    CheckRunner.Builder builder = CheckRunner.builder(metrics).onResult(results::add);
    assertThatThrownBy(() -> option.accept(builder)).isInstanceOf(type).hasMessage(message);
  }

  @Test
  void builderWithoutMetricsShouldThrow() {
    assertThatThrownBy(() -> CheckRunner.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("metrics");
  }

  @Test
  void javadocUsageShouldRun() throws Exception {
    try (LoopbackTargets.Http target = new LoopbackTargets.Http(0)) {
      // The class javadoc's example, with the target's real port.
      PrometheusRegistry registry = new PrometheusRegistry();
      CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
      try (CheckRunner runner = CheckRunner.builder(metrics).region("eu-west-1").build()) {
        runner.add(
            Check.builder("orders-api").type("http").build(),
            HttpProbe.builder(target.url("/ok")).build(),
            Duration.ofMillis(100),
            Duration.ofMillis(100));
        runner.start();
        awaitHealthy(runner);
      }
      assertThat(PrometheusTextFormatWriter.create().toDebugString(registry.scrape()))
          .contains("check_status{activated=\"true\",check_id=\"orders-api\"")
          .contains("region=\"eu-west-1\"");
    }
  }

  /** Waits for the first results; a bound on waiting, not a measurement. */
  static void awaitHealthy(CheckRunner runner) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!runner.isHealthy()) {
      assertThat(System.nanoTime()).as("healthy within " + WAIT_SECONDS + " s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** Waits for a latch as a probe that ignores interruption does; keeps the interrupt flag. */
  static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
