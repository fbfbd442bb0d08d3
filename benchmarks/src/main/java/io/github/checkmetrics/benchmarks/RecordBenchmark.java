package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steady-state cost of recording one check result for a (check, region) whose series exist: {@link
 * CheckMetrics#record(CheckResult)} against raw client_java through cached data points and
 * against Micrometer through cached meters, on 1 and on 4 threads (all threads on the same
 * series, the worst case for contention).
 *
 * <p>Each peer does the same work per result: observe the duration in a classic histogram,
 * increment the success or failure counter, set the latest duration and end time. {@link
 * #checkMetricsTenant} records the same results for a check of a tenant (issue 15: checks keyed by
 * tenant and id), to be compared with {@link #checkMetrics} in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
// Many short iterations: on a shared machine, the median and the best iteration say more than
// the mean (see benchmarks/summarize.py).
@Measurement(iterations = 20, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class RecordBenchmark {

  private CheckMetrics checkMetrics;
  private RawClientJava.Series clientJava;
  private MicrometerChecks.Series micrometer;

  /** The results one thread replays, in a cycle. */
  @State(Scope.Thread)
  public static class Results {
    private final CheckResult[] results = Fixtures.results(CHECK, REGION);
    private int next;

    CheckResult next() {
      return results[next++ & (Fixtures.CYCLE - 1)];
    }
  }

  /** The results one thread replays for the tenant's check, in a cycle. */
  @State(Scope.Thread)
  public static class TenantResults {
    private final CheckResult[] results = Fixtures.results(TENANT_CHECK, REGION);
    private int next;

    CheckResult next() {
      return results[next++ & (Fixtures.CYCLE - 1)];
    }
  }

  static final Check CHECK = Fixtures.check(42);
  static final String REGION = Fixtures.REGIONS[0];

  /** The tenants of {@link #checkMetricsTenant}'s platform, each with {@link #CHECK}'s id. */
  static final int TENANTS = 10_000;

  /** {@link #CHECK} as the check of tenant {@code tenant-05000}, in the middle of the platform. */
  static final Check TENANT_CHECK =
      CHECK.toBuilder().tenant(TenantScrapeBenchmark.tenant(TENANTS / 2)).build();

  /**
   * A platform of {@value #TENANTS} tenants that each have a check of {@link #CHECK}'s id, every
   * one with a result; its own state, so that the other benchmarks' forks never build it (its
   * records would warm {@code record} up with tenants' results before theirs).
   */
  @State(Scope.Benchmark)
  public static class TenantPlatform {
    private CheckMetrics platform;

    /** Registers every tenant's check and records one result for each. */
    @Setup
    public void setUp() {
      // Above the series of every tenant's one (check, region), and of the runs counter's statuses.
      platform = LookupBenchmark.unlimited(TENANTS * Outcome.values().length);
      for (int t = 0; t < TENANTS; t++) {
        Check check = CHECK.toBuilder().tenant(TenantScrapeBenchmark.tenant(t)).build();
        platform.register(check);
        platform.record(Fixtures.result(check, REGION, 0));
      }
      LookupBenchmark.requireNoneRejected(platform);
    }
  }

  /** Builds the three peers and records one result in each, so that every series exists. */
  @Setup
  public void setUp() {
    checkMetrics = CheckMetrics.builder().registry(new PrometheusRegistry()).build();
    checkMetrics.register(CHECK);
    clientJava = new RawClientJava(new PrometheusRegistry()).series(CHECK, REGION);
    micrometer = new MicrometerChecks().series(CHECK, REGION);
    CheckResult first = Fixtures.result(CHECK, REGION, 0);
    checkMetrics.record(first);
    clientJava.record(first);
    micrometer.record(first);
  }

  /** checkmetrics, 1 thread. */
  @Benchmark
  @Threads(1)
  public void checkMetrics(Results results) {
    checkMetrics.record(results.next());
  }

  /**
   * checkmetrics, 1 thread, the check of one tenant of {@value #TENANTS} that all have a check of
   * that id: found by (tenant, id), as allocation-free as {@link #checkMetrics}.
   */
  @Benchmark
  @Threads(1)
  public void checkMetricsTenant(TenantPlatform tenants, TenantResults results) {
    tenants.platform.record(results.next());
  }

  /** Raw client_java through cached data points, 1 thread. */
  @Benchmark
  @Threads(1)
  public void clientJava(Results results) {
    clientJava.record(results.next());
  }

  /** Micrometer through cached meters, 1 thread. */
  @Benchmark
  @Threads(1)
  public void micrometer(Results results) {
    micrometer.record(results.next());
  }

  /** checkmetrics, 4 threads on one series. */
  @Benchmark
  @Threads(4)
  public void checkMetrics4Threads(Results results) {
    checkMetrics.record(results.next());
  }

  /** Raw client_java, 4 threads on one series. */
  @Benchmark
  @Threads(4)
  public void clientJava4Threads(Results results) {
    clientJava.record(results.next());
  }

  /** Micrometer, 4 threads on one series. */
  @Benchmark
  @Threads(4)
  public void micrometer4Threads(Results results) {
    micrometer.record(results.next());
  }
}
