package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code record} of a known (check, region) pair allocates nothing once compiled, whatever the
 * schema, with expiry on or off. Measured with the JVM's per-thread allocation counter, not with
 * time. (Interpreted, client_java's histogram allocates a lambda and an {@code AtomicBoolean} per
 * observation, about 40 bytes, which the JIT's escape analysis removes; so the test records until
 * a window of {@value #WINDOW} calls allocates less than a byte per call, within a bounded number
 * of windows.)
 */
class RecordAllocationTest {

  private static final int WINDOW = 100_000;
  private static final int MAX_WINDOWS = 100;

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("default", CheckSchema.DEFAULT, false, ""),
        Arguments.of("default with expiry", CheckSchema.DEFAULT, true, ""),
        Arguments.of("checkly", CheckSchema.CHECKLY, false, ""),
        Arguments.of("appclacks", CheckSchema.APPCLACKS, true, ""),
        // A check of a tenant is found by (tenant, id) through two map reads, no key object.
        Arguments.of("default, tenant acme", CheckSchema.DEFAULT, false, "acme"),
        Arguments.of("appclacks with expiry, tenant acme", CheckSchema.APPCLACKS, true, "acme"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void recordOfAKnownPairShouldNotAllocate(
      String name, CheckSchema schema, boolean expiry, String tenant) {
    ManualScheduler scheduler = new ManualScheduler();
    AtomicLong nanos = new AtomicLong();
    CheckMetrics.Builder builder =
        CheckMetrics.builder().registry(new PrometheusRegistry()).schema(schema);
    if (expiry) {
      builder.expireAfter(Duration.ofMinutes(5)).ticker(nanos::get).expiryScheduler(scheduler);
    }
    CheckMetrics metrics = builder.build();
    try {
      if (!tenant.isEmpty()) {
        // Other tenants with the same check id, so that the lookup has to tell them apart.
        metrics.register(Check.builder("db").name("Orders database").build());
        for (String other : new String[] {"other", "acme2"}) {
          metrics.register(Check.builder("db").tenant(other).name("Orders database").build());
        }
      }
      Check.Builder check = Check.builder("db").name("Orders database");
      metrics.register((tenant.isEmpty() ? check : check.tenant(tenant)).build());
      CheckResult passed = result(Outcome.PASSED, 12, tenant);
      CheckResult failed = result(Outcome.FAILED, 1500, tenant);
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long thread = Thread.currentThread().getId();
      long allocated = Long.MAX_VALUE;
      int windows = 0;
      while (allocated >= WINDOW && windows++ < MAX_WINDOWS) {
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < WINDOW; i++) {
          metrics.record((i & 1) == 0 ? passed : failed);
        }
        allocated = threads.getThreadAllocatedBytes(thread) - before;
      }

      // Less than one byte per call: reading the counter costs a few bytes itself.
      assertThat(allocated)
          .as("bytes allocated by the last %,d records after %d windows", WINDOW, windows)
          .isLessThan(WINDOW);
    } finally {
      metrics.close();
      scheduler.shutdownNow();
    }
  }

  private static CheckResult result(Outcome outcome, long millis, String tenant) {
    CheckResult.Builder result = CheckResult.builder("db", "eu-west-1");
    if (!tenant.isEmpty()) {
      result.tenant(tenant); // "" is no tenant, which the builder's default says
    }
    return result
        .outcome(outcome)
        .duration(Duration.ofMillis(millis))
        .finishedAt(Instant.parse("2026-11-20T10:00:00Z"))
        .build();
  }
}
