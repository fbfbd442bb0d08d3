package io.github.checkmetrics.model;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metric families of checks in a client_java {@link PrometheusRegistry}, kept true as checks
 * are registered, changed, removed and run.
 *
 * <pre>{@code
 * PrometheusRegistry registry = new PrometheusRegistry();
 * CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
 * metrics.register(Check.builder("db").name("Orders database").type("tcp").build());
 * metrics.record(CheckResult.builder("db", "eu-west-1")
 *     .outcome(Outcome.PASSED)
 *     .duration(Duration.ofMillis(12))
 *     .build());
 * }</pre>
 *
 * <p>With the default namespace {@code check} it exposes six metric families (see the project's
 * design document for the schema): {@code check_status} and {@code check_degraded} per check,
 * {@code check_last_duration_seconds}, {@code check_duration_seconds} (a classic histogram), {@code
 * check_runs_total} and {@code check_last_run_timestamp_seconds} per (check, region). Names follow
 * the <a href="https://prometheus.io/docs/practices/naming/">Prometheus naming practices</a>:
 * base units, counters end in {@code _total}.
 *
 * <p>Recording policy: {@link #record(CheckResult)} of a registered check always counts the result
 * in every family; for a check that was never registered or was removed it throws, so no result is
 * dropped silently. The first result of a (check, region) pair creates its series and caches their
 * label handles; every later result writes through the cached handles and allocates nothing.
 * Changing a check's name with {@link #update(Check)} starts new histogram and counter series
 * under the new name (Prometheus treats any label change as a new series).
 *
 * <p>This class is thread-safe: {@code record} may be called from any number of threads while
 * checks are registered, updated and removed.
 */
public final class CheckMetrics implements AutoCloseable {

  /** The default classic histogram buckets of {@code check_duration_seconds}, in seconds. */
  public static final double[] DEFAULT_BUCKETS = {
    .005, .01, .025, .05, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10, 15, 30, 60
  };

  /** Guards the check for a clash and the registration as one step, across instances. */
  private static final Object REGISTRATION_LOCK = new Object();

  private final PrometheusRegistry registry;
  private final String namespace;
  private final ConcurrentHashMap<String, CheckState> checks = new ConcurrentHashMap<>();
  private final CheckCollector collector;

  private CheckMetrics(Builder builder) {
    this.registry = builder.registry;
    this.namespace = builder.namespace;
    this.collector = new CheckCollector(namespace, builder.buckets, checks.values());
    register(registry, collector, namespace);
  }

  private static void register(
      PrometheusRegistry registry, CheckCollector collector, String namespace) {
    Set<String> ours = collector.expositionNames();
    synchronized (REGISTRATION_LOCK) {
      // client_java's registry releases the names of an existing metric when a clashing
      // registration fails, so look for a clash first and never attempt a failing registration.
      MetricSnapshots existing = registry.scrape(ours::contains);
      for (MetricSnapshot snapshot : existing) {
        throw clash(
            namespace,
            "metric family " + snapshot.getMetadata().getPrometheusName() + " exists");
      }
      try {
        registry.register(collector);
      } catch (IllegalArgumentException e) {
        throw clash(namespace, e.getMessage());
      }
    }
  }

  private static IllegalStateException clash(String namespace, String what) {
    return new IllegalStateException(
        "namespace \"" + namespace + "\" is already in use in this registry: " + what);
  }

  /**
   * Starts a builder: client_java's default registry, namespace {@code check}, {@link
   * #DEFAULT_BUCKETS}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers a check. Its series appear with its first result.
   *
   * @param check the check
   * @throws IllegalStateException if a check with the same id is registered
   */
  public void register(Check check) {
    Objects.requireNonNull(check, "check");
    if (checks.putIfAbsent(check.id(), new CheckState(check)) != null) {
      throw new IllegalStateException("check is already registered: \"" + check.id() + "\"");
    }
  }

  /**
   * Replaces the definition of a registered check (rename, re-tag, mute, activate). The series of
   * the check carry the new label values from now on; the old ones disappear, never duplicated.
   *
   * @param check the new definition; its id names the check to change
   * @throws IllegalArgumentException if no check with that id is registered
   */
  public void update(Check check) {
    Objects.requireNonNull(check, "check");
    CheckState state = registered(check.id());
    long stamp = state.lock.writeLock();
    try {
      if (state.removed) {
        throw notRegistered(check.id());
      }
      Check old = state.check;
      state.check = check;
      if (!old.name().equals(check.name())) {
        for (CheckState.Series series : state.regions.values()) {
          removeSeries(old, series.region);
          CheckState.Series renamed = newSeries(check, series.region);
          renamed.copyLatestFrom(series);
          state.regions.put(series.region, renamed);
        }
      }
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  /**
   * Removes a check and every series of it. A later {@link #record(CheckResult)} for it throws; a
   * check registered again with the same id starts from empty series.
   *
   * @param checkId the id of the check
   * @return {@code true} if the check was registered
   */
  public boolean remove(String checkId) {
    Objects.requireNonNull(checkId, "checkId");
    CheckState state = checks.remove(checkId);
    if (state == null) {
      return false;
    }
    long stamp = state.lock.writeLock();
    try {
      state.removed = true;
      for (CheckState.Series series : state.regions.values()) {
        removeSeries(state.check, series.region);
      }
      state.regions.clear();
    } finally {
      state.lock.unlockWrite(stamp);
    }
    return true;
  }

  /**
   * Records the result of one run in every family.
   *
   * @param result the result; its check must be registered
   * @throws IllegalArgumentException if the check is not registered or was removed
   */
  public void record(CheckResult result) {
    Objects.requireNonNull(result, "result");
    CheckState state = registered(result.checkId());
    long stamp = state.lock.readLock();
    try {
      if (state.removed) {
        throw notRegistered(result.checkId());
      }
      CheckState.Series series = state.regions.get(result.region());
      if (series == null) {
        series = state.regions.computeIfAbsent(result.region(), r -> newSeries(state.check, r));
      }
      double seconds = result.durationSeconds();
      series.duration.observe(seconds);
      if (result.outcome().isSuccess()) {
        series.successes.inc();
      } else {
        series.failures.inc();
      }
      Instant finishedAt = result.finishedAt();
      series.lastDurationSeconds = seconds;
      series.lastRunTimestampSeconds = finishedAt.getEpochSecond() + finishedAt.getNano() / 1e9;
      series.lastOutcome = result.outcome();
    } finally {
      state.lock.unlockRead(stamp);
    }
  }

  /**
   * Runs a probe, times it and records its outcome. An exception thrown by the probe is recorded
   * as {@link Outcome#FAILED} with the exception's simple class name as the failure reason, and
   * not rethrown.
   *
   * @param checkId the id of a registered check
   * @param region where the probe runs
   * @param probe returns the outcome of the run; {@code null} counts as {@link Outcome#FAILED}
   * @return the recorded result
   * @throws IllegalArgumentException if the check is not registered
   */
  public CheckResult measure(String checkId, String region, Callable<Outcome> probe) {
    Objects.requireNonNull(probe, "probe");
    CheckResult.Builder result = CheckResult.builder(checkId, region);
    registered(checkId);
    long start = System.nanoTime();
    try {
      Outcome outcome = probe.call();
      result.outcome(outcome == null ? Outcome.FAILED : outcome);
      if (outcome == null) {
        result.failureReason("null_outcome");
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      result.outcome(Outcome.FAILED).failureReason(reasonOf(e));
    }
    CheckResult recorded =
        result.duration(Duration.ofNanos(System.nanoTime() - start)).build();
    record(recorded);
    return recorded;
  }

  /**
   * Runs a probe, times it and records {@link Outcome#PASSED} if it returns, {@link
   * Outcome#FAILED} with the exception's simple class name as the reason if it throws.
   *
   * @param checkId the id of a registered check
   * @param region where the probe runs
   * @param probe the work to time
   * @return the recorded result
   * @throws IllegalArgumentException if the check is not registered
   */
  public CheckResult measure(String checkId, String region, Runnable probe) {
    Objects.requireNonNull(probe, "probe");
    return measure(
        checkId,
        region,
        () -> {
          probe.run();
          return Outcome.PASSED;
        });
  }

  /**
   * The registry of the metric families.
   *
   * @return the registry the families are registered in
   */
  public PrometheusRegistry registry() {
    return registry;
  }

  /**
   * The namespace of the metric families.
   *
   * @return the prefix of every family name
   */
  public String namespace() {
    return namespace;
  }

  /**
   * Unregisters the families from the registry. Later calls to {@code record} still count into
   * the now unexposed metrics; calling {@code close} again does nothing.
   */
  @Override
  public void close() {
    registry.unregister(collector);
  }

  private CheckState registered(String checkId) {
    Objects.requireNonNull(checkId, "checkId");
    CheckState state = checks.get(checkId);
    if (state == null) {
      throw notRegistered(checkId);
    }
    return state;
  }

  private static IllegalArgumentException notRegistered(String checkId) {
    return new IllegalArgumentException(
        "check is not registered (never registered, or removed): \"" + checkId + "\"");
  }

  private CheckState.Series newSeries(Check check, String region) {
    return new CheckState.Series(
        region,
        collector.duration.labelValues(check.id(), check.name(), region),
        collector.runs.labelValues(check.id(), check.name(), region, "success"),
        collector.runs.labelValues(check.id(), check.name(), region, "failure"));
  }

  private void removeSeries(Check check, String region) {
    collector.duration.remove(check.id(), check.name(), region);
    collector.runs.remove(check.id(), check.name(), region, "success");
    collector.runs.remove(check.id(), check.name(), region, "failure");
  }

  static String reasonOf(Throwable e) {
    String name = e.getClass().getSimpleName();
    return name.isEmpty() ? e.getClass().getName() : name;
  }

  /** Builds and registers {@link CheckMetrics}; not thread-safe. */
  public static final class Builder {
    private PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;
    private String namespace = "check";
    private double[] buckets = DEFAULT_BUCKETS.clone();

    private Builder() {}

    /**
     * Sets the registry the metric families are registered in.
     *
     * @param registry where the families are registered; default: client_java's {@link
     *     PrometheusRegistry#defaultRegistry}
     * @return this builder
     */
    public Builder registry(PrometheusRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Sets the namespace, the prefix of every metric family name.
     *
     * @param namespace the prefix of every family name, a legal metric name prefix {@code
     *     [a-zA-Z_:][a-zA-Z0-9_:]*}; default {@code check}
     * @return this builder
     * @throws IllegalArgumentException if the namespace is not a legal prefix
     * @see <a href="https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels">
     *     Prometheus data model: metric names</a>
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      this.namespace = Validation.matching("namespace", Validation.NAMESPACE, namespace);
      return this;
    }

    /**
     * Sets the histogram buckets of the duration of every run.
     *
     * @param upperBoundsSeconds the classic bucket upper bounds of {@code
     *     check_duration_seconds}, in seconds: finite, strictly increasing, at least one; the
     *     {@code +Inf} bucket is always added
     * @return this builder
     * @throws IllegalArgumentException if a bound is not finite or the bounds do not increase
     */
    public Builder buckets(double... upperBoundsSeconds) {
      Objects.requireNonNull(upperBoundsSeconds, "upperBoundsSeconds");
      if (upperBoundsSeconds.length == 0) {
        throw new IllegalArgumentException("buckets must hold at least one upper bound: []");
      }
      for (int i = 0; i < upperBoundsSeconds.length; i++) {
        double bound = upperBoundsSeconds[i];
        if (Double.isNaN(bound) || Double.isInfinite(bound)) {
          throw new IllegalArgumentException(
              "buckets must be finite numbers: " + Arrays.toString(upperBoundsSeconds));
        }
        if (i > 0 && bound <= upperBoundsSeconds[i - 1]) {
          throw new IllegalArgumentException(
              "buckets must be strictly increasing: " + Arrays.toString(upperBoundsSeconds));
        }
      }
      this.buckets = upperBoundsSeconds.clone();
      return this;
    }

    /**
     * Builds the families and registers them.
     *
     * @return the registered check metrics
     * @throws IllegalStateException if a family of this namespace is already in the registry
     */
    public CheckMetrics build() {
      return new CheckMetrics(this);
    }
  }
}
