package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Cost of series creation and removal: the first result of a (check, region) (checkmetrics
 * creates its series and caches their handles; raw client_java calls {@code labelValues} on every
 * family; Micrometer registers its meters), and the removal of a check with its series in one
 * region (checkmetrics' {@code remove(checkId)}; {@code remove(labelValues...)} on every family;
 * {@code registry.remove(meter)} for every meter).
 *
 * <p>Every operation must meet a series that was never seen (or a check not yet removed), so the
 * benchmarks run in {@link Mode#SingleShotTime} with a fixed batch of operations per iteration,
 * over a pool of keys prepared once per trial for every operation of the run. Preparing them
 * outside the iterations keeps their allocations out of {@code gc.alloc.rate.norm}. JMH times a
 * single-shot batch as one invocation, so {@link OperationsPerInvocation} equals the batch size
 * and scores are per operation; a different {@code -bs} on the command line needs a matching
 * {@code -opi}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(LookupBenchmark.BATCH)
@Warmup(iterations = 10, batchSize = LookupBenchmark.BATCH)
@Measurement(iterations = 15, batchSize = LookupBenchmark.BATCH)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LookupBenchmark {

  /** Operations per iteration. */
  static final int BATCH = 2000;

  /** The number of operations a trial runs: one fresh key each. */
  static int operations(BenchmarkParams params) {
    return params.getThreads()
        * (params.getWarmup().getCount() * params.getWarmup().getBatchSize()
            + params.getMeasurement().getCount() * params.getMeasurement().getBatchSize());
  }

  /** A (check, region) pair per operation, each seen for the first time when its turn comes. */
  @State(Scope.Thread)
  public static class FirstResults {
    Check[] checks;
    CheckResult[] results;
    private int next;

    /** Prepares the results of every operation of the trial. */
    @Setup
    public void setUp(BenchmarkParams params) {
      int operations = operations(params);
      checks = new Check[operations];
      results = new CheckResult[operations];
      for (int k = 0; k < operations; k++) {
        int regions = Fixtures.REGIONS.length;
        checks[k] = k % regions == 0 ? Fixtures.check(k / regions) : checks[k - 1];
        results[k] = Fixtures.result(checks[k], Fixtures.REGIONS[k % regions], k);
      }
    }

    int next() {
      if (next == results.length) {
        throw new IllegalStateException(
            "the pool of fresh keys is used up: " + next + " operations; run with the"
                + " iteration counts and batch sizes the trial was prepared for");
      }
      return next++;
    }
  }

  /** checkmetrics with every check of the pool registered and no result yet. */
  @State(Scope.Thread)
  public static class CheckMetricsFirst {
    CheckMetrics metrics;

    /** Registers the checks. */
    @Setup
    public void setUp(FirstResults first) {
      metrics = unlimited(first.results.length);
      for (int k = 0; k < first.checks.length; k += Fixtures.REGIONS.length) {
        metrics.register(first.checks[k]);
      }
    }

    /** Fails the trial if a result was rejected instead of creating its series. */
    @TearDown
    public void tearDown() {
      requireNoneRejected(metrics);
    }
  }

  /** A CheckMetrics whose series limit is above what the trial creates, so none is rejected. */
  static CheckMetrics unlimited(int series) {
    return unlimited(new PrometheusRegistry(), series);
  }

  static CheckMetrics unlimited(PrometheusRegistry registry, int series) {
    return CheckMetrics.builder()
        .registry(registry)
        .maxSeriesPerFamily(Math.max(series, CheckMetrics.DEFAULT_MAX_SERIES_PER_FAMILY))
        .build();
  }

  static void requireNoneRejected(CheckMetrics metrics) {
    for (MetricSnapshot snapshot : metrics.registry().scrape("check_series_rejected"::equals)) {
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        double rejected = ((CounterDataPointSnapshot) point).getValue();
        if (rejected > 0) {
          throw new IllegalStateException(
              "the benchmark measured rejections, not series: check_series_rejected_total = "
                  + rejected);
        }
      }
    }
  }

  /** Raw client_java families, empty. */
  @State(Scope.Thread)
  public static class ClientJavaFirst {
    final RawClientJava families = new RawClientJava(new PrometheusRegistry());
  }

  /** A Micrometer registry, empty. */
  @State(Scope.Thread)
  public static class MicrometerFirst {
    final MicrometerChecks checks = new MicrometerChecks();
  }

  /** checkmetrics: the first result of a (check, region) of a registered check. */
  @Benchmark
  public void firstRecordCheckMetrics(FirstResults first, CheckMetricsFirst peer) {
    peer.metrics.record(first.results[first.next()]);
  }

  /** Raw client_java: {@code labelValues} on every family, then the updates. */
  @Benchmark
  public void firstRecordClientJava(FirstResults first, ClientJavaFirst peer) {
    int k = first.next();
    CheckResult result = first.results[k];
    peer.families.series(first.checks[k], result.region()).record(result);
  }

  /** Micrometer: register the meters, then the updates. */
  @Benchmark
  public void firstRecordMicrometer(FirstResults first, MicrometerFirst peer) {
    int k = first.next();
    CheckResult result = first.results[k];
    peer.checks.series(first.checks[k], result.region()).record(result);
  }

  /** One check per operation, with a result in region {@link #REGION}, not yet removed. */
  @State(Scope.Thread)
  public static class Removals {
    static final String REGION = Fixtures.REGIONS[0];
    Check[] checks;
    private int next;

    /** Prepares the checks of every operation of the trial. */
    @Setup
    public void setUp(BenchmarkParams params) {
      checks = new Check[operations(params)];
      for (int k = 0; k < checks.length; k++) {
        checks[k] = Fixtures.check(k);
      }
    }

    int next() {
      if (next == checks.length) {
        throw new IllegalStateException(
            "the pool of checks to remove is used up: " + next + " operations");
      }
      return next++;
    }
  }

  /** checkmetrics holding every check of the pool. */
  @State(Scope.Thread)
  public static class CheckMetricsRemovals {
    CheckMetrics metrics;

    /** Registers the checks and records a result in each region. */
    @Setup
    public void setUp(Removals removals) {
      metrics = unlimited(removals.checks.length);
      for (Check check : removals.checks) {
        metrics.register(check);
        metrics.record(Fixtures.result(check, Removals.REGION, 0));
      }
      requireNoneRejected(metrics);
    }
  }

  /** Raw client_java families holding the series of every check of the pool. */
  @State(Scope.Thread)
  public static class ClientJavaRemovals {
    RawClientJava families;

    /** Creates the series and records a result in each. */
    @Setup
    public void setUp(Removals removals) {
      families = new RawClientJava(new PrometheusRegistry());
      for (Check check : removals.checks) {
        families.series(check, Removals.REGION).record(Fixtures.result(check, Removals.REGION, 0));
      }
    }
  }

  /** A Micrometer registry holding the meters of every check of the pool. */
  @State(Scope.Thread)
  public static class MicrometerRemovals {
    MicrometerChecks checks;
    List<MicrometerChecks.Series> series;

    /** Registers the meters and records a result in each. */
    @Setup
    public void setUp(Removals removals) {
      checks = new MicrometerChecks();
      series = new ArrayList<>(removals.checks.length);
      for (Check check : removals.checks) {
        MicrometerChecks.Series one = checks.series(check, Removals.REGION);
        one.record(Fixtures.result(check, Removals.REGION, 0));
        series.add(one);
      }
    }
  }

  /** checkmetrics: {@code remove(checkId)}. */
  @Benchmark
  public boolean removeCheckMetrics(Removals removals, CheckMetricsRemovals peer) {
    return peer.metrics.remove(removals.checks[removals.next()].id());
  }

  /** Raw client_java: {@code remove(labelValues...)} on every family. */
  @Benchmark
  public void removeClientJava(Removals removals, ClientJavaRemovals peer) {
    peer.families.remove(removals.checks[removals.next()], Removals.REGION);
  }

  /** Micrometer: {@code registry.remove(meter)} for every meter. */
  @Benchmark
  public void removeMicrometer(Removals removals, MicrometerRemovals peer) {
    peer.checks.remove(peer.series.get(removals.next()));
  }
}
