package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limit of (check, region) series per family and the counter of what it rejects. */
class SeriesLimitTest {

  private static final Instant END = Instant.parse("2026-11-20T10:00:00Z");

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private static CheckResult result(String id, String region) {
    return CheckResult.builder(id, region)
        .outcome(Outcome.PASSED)
        .duration(Duration.ofMillis(5))
        .finishedAt(END)
        .build();
  }

  private CheckMetrics limitedTo(int maxSeries) {
    return CheckMetrics.builder().registry(registry).maxSeriesPerFamily(maxSeries).build();
  }

  @Test
  void pastTheLimitNewPairsShouldBeCountedNotCreated() {
    CheckMetrics metrics = limitedTo(2);
    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "a"));
    metrics.record(result("db", "b"));
    metrics.record(result("db", "c"));
    metrics.record(result("db", "c"));
    metrics.record(result("db", "a"));

    assertThat(Series.of(registry, "check_series_rejected")).containsExactly("{} 2.0");
    assertThat(Series.of(registry, "check_duration_seconds"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"db\", region=\"a\"} count=2 sum=0.01",
            "{check_id=\"db\", check_name=\"db\", region=\"b\"} count=1 sum=0.005");
    assertThat(Series.of(registry, "check_last_duration_seconds")).hasSize(2);
    assertThat(Series.of(registry, "check_runs")).hasSize(4);
  }

  @Test
  void limitShouldCountPairsOfEveryCheck() {
    CheckMetrics metrics = limitedTo(2);
    for (String id : List.of("a", "b", "c")) {
      metrics.register(Check.builder(id).build());
      metrics.record(result(id, "eu"));
    }
    assertThat(Series.of(registry, "check_status")).hasSize(2);
    assertThat(Series.of(registry, "check_series_rejected")).containsExactly("{} 1.0");
  }

  @Test
  void removingACheckShouldFreeItsSeries() {
    CheckMetrics metrics = limitedTo(2);
    metrics.register(Check.builder("a").build());
    metrics.register(Check.builder("b").build());
    metrics.record(result("a", "eu"));
    metrics.record(result("a", "us"));
    metrics.remove("a");

    metrics.record(result("b", "eu"));
    metrics.record(result("b", "us"));
    metrics.update(Check.builder("b").name("renamed").build());

    assertThat(Series.of(registry, "check_last_run_timestamp_seconds")).hasSize(2);
    assertThat(Series.of(registry, "check_series_rejected")).containsExactly("{} 0.0");
  }

  @Test
  void unregisteredCheckShouldStillThrowPastTheLimit() {
    CheckMetrics metrics = limitedTo(1);
    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "eu"));
    assertThatThrownBy(() -> metrics.record(result("ghost", "eu")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("check is not registered (never registered, or removed): \"ghost\"");
  }

  @Test
  void firstRejectionShouldLogOneWarnPerFamily() {
    CheckMetrics metrics = limitedTo(1);
    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "eu"));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 100; i++) {
        metrics.record(result("db", "region-" + i));
      }
    } finally {
      System.setErr(original);
    }

    List<String> warnings =
        Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\n"))
            .filter(line -> line.contains("WARN"))
            .toList();
    assertThat(warnings)
        .hasSize(5)
        .allMatch(line -> line.contains("reached its limit of 1 series"))
        .allMatch(line -> line.contains("counted in check_series_rejected_total"));
    assertThat(String.join("\n", warnings))
        .contains("metric family check_last_duration_seconds ")
        .contains("metric family check_duration_seconds ")
        .contains("metric family check_runs_total ")
        .contains("metric family check_last_run_timestamp_seconds ")
        .contains("metric family check_failure_reason ");
    assertThat(Series.of(registry, "check_series_rejected")).containsExactly("{} 100.0");
  }

  @Test
  void millionDistinctRegionsShouldKeepTheFamilyAtTheLimitAndTheHeapBounded() {
    CheckMetrics metrics = limitedTo(1_000);
    metrics.register(Check.builder("db").build());
    for (int i = 0; i < 1_000; i++) {
      metrics.record(result("db", "region-" + i));
    }
    long filled = heapUsedAfterGc();

    for (int i = 1_000; i < 1_000_000; i++) {
      metrics.record(result("db", "region-" + i));
    }
    long after = heapUsedAfterGc();

    assertThat(Series.of(registry, "check_duration_seconds")).hasSize(1_000);
    assertThat(Series.of(registry, "check_last_duration_seconds")).hasSize(1_000);
    assertThat(Series.of(registry, "check_series_rejected")).containsExactly("{} 999000.0");
    // 999,000 more series would take gigabytes; the rejected results must leave nothing behind.
    System.out.printf(
        "heap used after GC: %,d bytes with 1,000 series; %,d bytes after 999,000 rejected"
            + " regions%n",
        filled,
        after);
    assertThat(after - filled).isLessThan(16L * 1024 * 1024);
  }

  private static long heapUsedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
