package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one tenant's text scrape on a check platform of {@code tenants} tenants × {@value
 * #CHECKS_PER_TENANT} checks × 3 regions ({@link CheckMetrics#scrape(String,
 * java.util.function.Predicate)}, written by client_java's text writer), against the scrape of a
 * registry holding only that tenant's checks (the same checks without a tenant: today's
 * single-tenant endpoint), written by the same writer. Both write the same bytes (checked at set-up),
 * so the ratio of the two is what a tenant's view costs over a registry of its own: the target is
 * at most 2×, whatever the number of tenants (an index by tenant, never a walk over all checks).
 *
 * <p>Every tenant has the same check ids ({@code check-00000} to {@code check-00009}), as the
 * customers of a platform do; the tenant scraped is the one in the middle. {@code record} with
 * tenants is {@link RecordBenchmark#checkMetricsTenant}.
 *
 * <p>Memory: each (check, region) holds a histogram and counter series; 10,000 tenants take about
 * 1 GB of heap (hence the fork's 3 GB). {@code -p tenants=1000} for a smaller machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
// Many short iterations, as RecordBenchmark: on a shared machine the median says more than the mean.
@Measurement(iterations = 20, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class TenantScrapeBenchmark {

  /** The checks of each tenant; each ran in every one of {@link Fixtures#REGIONS}. */
  static final int CHECKS_PER_TENANT = 10;

  /** How many results each (check, region) has seen before the scrapes, as in {@link Scrapes}. */
  private static final int RUNS = 3;

  /** The number of tenants of the platform. */
  @Param("10000")
  public int tenants;

  private final ExpositionFormatWriter text =
      ExpositionFormats.init().getPrometheusTextFormatWriter();
  private CheckMetrics platform;
  private PrometheusRegistry alone;
  private String tenant;
  private Predicate<String> ownFamilies;

  /**
   * Fills the platform with every tenant's checks and results, and a registry of its own with the
   * scraped tenant's; fails the trial when the two scrapes differ.
   */
  @Setup
  public void setUp() {
    platform = platform(tenants);
    LookupBenchmark.requireNoneRejected(platform);
    tenant = tenant(tenants / 2);
    alone = new PrometheusRegistry();
    CheckMetrics own = CheckMetrics.builder().registry(alone).build();
    fill(own, null);
    MetricSnapshots view = platform.scrape(tenant, name -> true);
    Set<String> tenantFamilies = new HashSet<>();
    view.forEach(snapshot -> tenantFamilies.add(snapshot.getMetadata().getPrometheusName()));
    // The counters of refused registrations and series are the platform's, never in a tenant's
    // view: the registry of its own is scraped without them, so that both write the same bytes.
    ownFamilies = name -> tenantFamilies.contains(PrometheusNaming.prometheusName(name));
    String tenantView = write(view);
    String ownRegistry = write(alone.scrape(ownFamilies));
    if (!tenantView.equals(ownRegistry)) {
      throw new IllegalStateException(
          "a tenant's scrape must write what a registry of its own checks writes: "
              + firstDifference(tenantView, ownRegistry));
    }
  }

  /** @return the first line where two scrapes differ, in both */
  static String firstDifference(String tenantView, String ownRegistry) {
    List<String> a = tenantView.lines().toList();
    List<String> b = ownRegistry.lines().toList();
    int i = 0;
    while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
      i++;
    }
    return "line " + (i + 1) + ": tenant view " + (i < a.size() ? "\"" + a.get(i) + "\"" : "ends")
        + ", own registry " + (i < b.size() ? "\"" + b.get(i) + "\"" : "ends");
  }

  /**
   * A platform of {@code tenants} tenants × {@value #CHECKS_PER_TENANT} checks × 3 regions, every
   * (check, region) with {@value #RUNS} results.
   */
  static CheckMetrics platform(int tenants) {
    int checks = tenants * CHECKS_PER_TENANT;
    CheckMetrics platform =
        CheckMetrics.builder()
            .registry(new PrometheusRegistry())
            .maxChecks(Math.max(checks, CheckMetrics.DEFAULT_MAX_CHECKS))
            .maxSeriesPerFamily(
                Math.max(
                    checks * Fixtures.REGIONS.length, CheckMetrics.DEFAULT_MAX_SERIES_PER_FAMILY))
            .build();
    for (int t = 0; t < tenants; t++) {
      fill(platform, tenant(t));
    }
    return platform;
  }

  /** Registers the checks of {@code tenant} (null: no tenant) and records their results. */
  private static void fill(CheckMetrics metrics, String tenant) {
    for (int n = 0; n < CHECKS_PER_TENANT; n++) {
      Check check = Fixtures.check(n);
      if (tenant != null) {
        check = check.toBuilder().tenant(tenant).build();
      }
      metrics.register(check);
      for (String region : Fixtures.REGIONS) {
        for (int run = 0; run < RUNS; run++) {
          metrics.record(Fixtures.result(check, region, n + run));
        }
      }
    }
  }

  /** @return the id of tenant {@code t}: {@code tenant-00042} */
  static String tenant(int t) {
    return String.format(Locale.ROOT, "tenant-%05d", t);
  }

  private String write(MetricSnapshots snapshots) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      text.write(out, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** One tenant's view of the platform, text 0.0.4. */
  @Benchmark
  public long tenantOfPlatformText() throws IOException {
    CountingOutputStream out = new CountingOutputStream();
    text.write(out, platform.scrape(tenant, name -> true));
    return out.count();
  }

  /** A registry holding only that tenant's checks (its families of checks), text 0.0.4. */
  @Benchmark
  public long ownRegistryText() throws IOException {
    CountingOutputStream out = new CountingOutputStream();
    text.write(out, alone.scrape(ownFamilies));
    return out.count();
  }
}
