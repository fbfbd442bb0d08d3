package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;

/**
 * The peer "Micrometer": the same families through {@link PrometheusMeterRegistry}, as a
 * Micrometer user writes them: a {@link Timer} with the same buckets as service level objectives,
 * two {@link Counter}s and {@link Gauge}s over the latest values, meters cached per (check,
 * region).
 */
final class MicrometerChecks {

  private static final Duration[] SLOS = new Duration[CheckSchema.DEFAULT_BUCKETS.length];

  static {
    for (int i = 0; i < SLOS.length; i++) {
      SLOS[i] = Duration.ofNanos(Math.round(CheckSchema.DEFAULT_BUCKETS[i] * 1e9));
    }
  }

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Registers (or finds) the meters of one (check, region). */
  Series series(Check check, String region) {
    Tags tags = Tags.of("check_id", check.id(), "check_name", check.name(), "region", region);
    Series series = new Series();
    series.duration =
        Timer.builder("check.duration")
            .description("Duration of every run of the check")
            .tags(tags)
            .serviceLevelObjectives(SLOS)
            .register(registry);
    series.successes =
        Counter.builder("check.runs")
            .description("Runs of the check, by status (success or failure)")
            .tags(tags)
            .tag("status", "success")
            .register(registry);
    series.failures =
        Counter.builder("check.runs")
            .description("Runs of the check, by status (success or failure)")
            .tags(tags)
            .tag("status", "failure")
            .register(registry);
    Gauge lastDuration =
        Gauge.builder("check.last.duration", series, s -> s.lastDurationSeconds)
            .description("Duration of the latest run of the check in the region")
            .baseUnit("seconds")
            .tags("check_id", check.id(), "check_name", check.name(), "check_type", check.type())
            .tags("region", region, "tags", check.joinedTags())
            .register(registry);
    Gauge lastRun =
        Gauge.builder("check.last.run.timestamp", series, s -> s.lastRunSeconds)
            .description("Unix time the latest run of the check in the region ended")
            .baseUnit("seconds")
            .tags(tags)
            .register(registry);
    series.meters =
        List.of(series.duration, series.successes, series.failures, lastDuration, lastRun);
    return series;
  }

  /**
   * Registers the per-check gauges of checkmetrics' schema ({@code check_status}, {@code
   * check_degraded}), fed from the latest outcome of the given series. The gauges hold {@code
   * regions} strongly: Micrometer holds a gauge's object weakly by default, and a list that only
   * the gauges refer to was collected, after which they read NaN (a flaky PeersTest).
   */
  void checkGauges(Check check, List<Series> regions) {
    Gauge.builder("check.status", regions, MicrometerChecks::status)
        .strongReference(true)
        .description("1 when the latest run of the check passed in every region, else 0")
        .tags("check_id", check.id(), "check_name", check.name(), "check_type", check.type())
        .tags("muted", Boolean.toString(check.muted()))
        .tags("activated", Boolean.toString(check.activated()), "tags", check.joinedTags())
        .register(registry);
    Gauge.builder("check.degraded", regions, MicrometerChecks::degraded)
        .strongReference(true)
        .description("1 when the latest run of the check was degraded in any region, else 0")
        .tags("check_id", check.id(), "check_name", check.name(), "check_type", check.type())
        .register(registry);
  }

  private static double status(List<Series> regions) {
    for (Series series : regions) {
      if (series.lastOutcome == Outcome.FAILED) {
        return 0;
      }
    }
    return 1;
  }

  private static double degraded(List<Series> regions) {
    for (Series series : regions) {
      if (series.lastOutcome == Outcome.DEGRADED) {
        return 1;
      }
    }
    return 0;
  }

  /** Removes the meters of one (check, region). */
  void remove(Series series) {
    for (Meter meter : series.meters) {
      registry.remove(meter);
    }
  }

  /** The cached meters and latest values of one (check, region). */
  static final class Series {
    private Timer duration;
    private Counter successes;
    private Counter failures;
    private List<Meter> meters;
    private volatile double lastDurationSeconds;
    private volatile double lastRunSeconds;
    private volatile Outcome lastOutcome;

    /** The same updates as {@link CheckMetrics#record(CheckResult)}, through cached meters. */
    void record(CheckResult result) {
      duration.record(result.duration());
      if (result.outcome().isSuccess()) {
        successes.increment();
      } else {
        failures.increment();
      }
      lastDurationSeconds = result.durationSeconds();
      lastRunSeconds = Fixtures.finishedAtSeconds(result);
      lastOutcome = result.outcome();
    }
  }
}
