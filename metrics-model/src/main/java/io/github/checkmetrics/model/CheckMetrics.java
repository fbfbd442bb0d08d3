package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.SetOnce;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

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
 * <p>The families follow a {@link CheckSchema}: by default {@link CheckSchema#DEFAULT}, which in
 * namespace {@code check} exposes {@code check_status} and {@code check_degraded} per check,
 * {@code check_last_duration_seconds}, {@code check_duration_seconds} (a classic histogram), {@code
 * check_runs_total}, {@code check_last_run_timestamp_seconds} and {@code check_failure_reason} per
 * (check, region). Names follow
 * the <a href="https://prometheus.io/docs/practices/naming/">Prometheus naming practices</a>:
 * base units, counters end in {@code _total}. The schema sets the namespace and the families;
 * {@link CheckSchema.Builder#layers(String...)} switches groups of families off.
 *
 * <p>Recording policy: {@link #record(CheckResult)} of a registered check counts the result in
 * every family, unless its (check, region) pair is new and the families already hold {@link
 * Builder#maxSeriesPerFamily(int)} pairs: then no series is created, the result is counted in
 * {@code <namespace>_series_rejected_total}, and the first such result logs one WARN per family
 * through SLF4J. For a check that was never registered or was removed, {@code record} throws. So no
 * result is dropped silently, and memory stays bounded however many regions callers invent. The
 * first result of a pair creates its series and caches their label handles; every later result
 * writes through the cached handles and allocates nothing. Changing a check with {@link
 * #update(Check)} so that a label of the histogram or counter changes (such as its name) starts new
 * series of those (Prometheus treats any label change as a new series).
 *
 * <p>Tenants: a check may belong to a tenant ({@link Check.Builder#tenant(String)}); a check is
 * keyed by (tenant, id), so two tenants may use one id. The registry's scrape shows every check,
 * a tenant's series with the schema's {@link CheckSchema#tenantLabel() tenant label}; {@link
 * #scrape(String, Predicate)} gives one tenant's series only, without it, at a cost proportional
 * to that tenant's series (checks are indexed by tenant). A tenant holds at most {@link
 * Builder#maxChecksPerTenant(int)} checks.
 *
 * <p>Caps on what callers register: at most {@link Builder#maxChecks(int)} checks, each with at
 * most {@link Builder#maxTagsPerCheck(int)} tags that join to at most {@link
 * Builder#maxTagsLength(int)} characters. {@link #register(Check)} or {@link #update(Check)} past a
 * cap throws, registers nothing, counts the refusal in {@code
 * <namespace>_registrations_rejected_total{limit="max_checks|max_tags_per_check|max_tags_length|
 * checks_per_tenant"}}
 * and logs the first refusal of each cap as a WARN. With the series limit, they keep the heap and
 * every scrape bounded however many checks and tags callers attempt.
 *
 * <p>Expiry (off by default): with {@link Builder#expireAfter(Duration)}, the series of a (check,
 * region) pair that recorded nothing for that long are removed in the background, never by a
 * scrape; the pair's next result creates them anew, counters from zero.
 *
 * <p>This class is thread-safe: {@code record} may be called from any number of threads while
 * checks are registered, updated, removed and expired.
 */
public final class CheckMetrics implements AutoCloseable {

  /** The default of {@link Builder#maxSeriesPerFamily(int)}. */
  public static final int DEFAULT_MAX_SERIES_PER_FAMILY = 10_000;

  /** The default of {@link Builder#maxChecks(int)}. */
  public static final int DEFAULT_MAX_CHECKS = 20_000;

  /** The default of {@link Builder#maxChecksPerTenant(int)}. */
  public static final int DEFAULT_MAX_CHECKS_PER_TENANT = 1_000;

  /** The default of {@link Builder#maxTagsPerCheck(int)}. */
  public static final int DEFAULT_MAX_TAGS_PER_CHECK = 64;

  /** The default of {@link Builder#maxTagsLength(int)}, in characters: 4 KiB. */
  public static final int DEFAULT_MAX_TAGS_LENGTH = 4_096;

  private final PrometheusRegistry registry;
  private final CheckSchema schema;
  private final RegisteredChecks checks;
  private final CheckCollector collector;
  private final Expiry expiry;

  private CheckMetrics(Builder builder) {
    this.registry = builder.registry;
    this.schema = builder.schema;
    Rejections rejections = new Rejections(schema.namespace());
    this.expiry =
        Expiry.of(builder.expireAfter, builder.ticker, builder.expiryScheduler, schema.namespace());
    this.checks =
        new RegisteredChecks(
            schema,
            builder.maxChecks,
            builder.maxChecksPerTenant,
            builder.maxTagsPerCheck,
            builder.maxTagsLength,
            builder.maxSeries,
            rejections,
            expiry);
    this.collector = new CheckCollector(schema, checks, rejections);
    collector.register(registry);
    if (expiry != null) {
      // Started once registered, so that a clash leaves no thread behind.
      expiry.start(builder.expireAfter, checks::expireIdle);
    }
  }

  /**
   * Starts a builder: client_java's default registry, {@link CheckSchema#DEFAULT} in its
   * namespace {@code check}, {@value #DEFAULT_MAX_SERIES_PER_FAMILY} series per family, no
   * expiry.
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
   * @throws IllegalStateException if a check with the same tenant and id is registered, or {@link
   *     Builder#maxChecks(int)} checks are, or {@link Builder#maxChecksPerTenant(int)} checks of
   *     its tenant are, or, when a family of the schema has no {@code check_id} label, a check of
   *     its tenant with the same name
   * @throws IllegalArgumentException if its tags are more than {@link
   *     Builder#maxTagsPerCheck(int)} or join to more than {@link Builder#maxTagsLength(int)}
   *     characters
   */
  public void register(Check check) {
    Objects.requireNonNull(check, "check");
    checks.register(check);
  }

  /**
   * Replaces the definition of a registered check (rename, re-tag, mute, activate). The series of
   * the check carry the new label values from now on; the old ones disappear, never duplicated.
   *
   * @param check the new definition; its tenant and id name the check to change
   * @throws IllegalArgumentException if no such check is registered, or its tags are more than
   *     {@link Builder#maxTagsPerCheck(int)} or join to more than {@link
   *     Builder#maxTagsLength(int)} characters
   * @throws IllegalStateException if the new name is another check's of its tenant and a family
   *     of the schema has no {@code check_id} label
   */
  public void update(Check check) {
    Objects.requireNonNull(check, "check");
    checks.update(check);
  }

  /**
   * Removes a check of no tenant and every series of it; the same as {@link #remove(String,
   * String) remove("", checkId)}.
   *
   * @param checkId the id of the check
   * @return {@code true} if the check was registered
   */
  public boolean remove(String checkId) {
    return remove("", checkId);
  }

  /**
   * Removes a check and every series of it. A later {@link #record(CheckResult)} for it throws; a
   * check registered again with the same tenant and id starts from empty series.
   *
   * @param tenant the tenant of the check, {@code ""} for none
   * @param checkId the id of the check
   * @return {@code true} if the check was registered
   */
  public boolean remove(String tenant, String checkId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(checkId, "checkId");
    return checks.remove(tenant, checkId);
  }

  /**
   * Records the result of one run in every family; see the recording policy of this class for a
   * new (check, region) pair past the series limit. The check is found by the result's tenant and
   * check id without allocating.
   *
   * @param result the result; its check must be registered
   * @throws IllegalArgumentException if the check is not registered or was removed
   */
  public void record(CheckResult result) {
    Objects.requireNonNull(result, "result");
    checks.entry(result.tenant(), result.checkId()).record(result);
  }

  /**
   * Runs a probe, times it and records its outcome. An exception thrown by the probe is recorded
   * as {@link Outcome#FAILED} with the exception's simple class name as the failure reason, and
   * not rethrown.
   *
   * @param checkId the id of a registered check of no tenant
   * @param region where the probe runs
   * @param probe returns the outcome of the run; {@code null} counts as {@link Outcome#FAILED}
   * @return the recorded result
   * @throws IllegalArgumentException if the check is not registered
   */
  public CheckResult measure(String checkId, String region, Callable<Outcome> probe) {
    Objects.requireNonNull(probe, "probe");
    CheckResult.Builder result = CheckResult.builder(checkId, region);
    checks.entry("", checkId);
    CheckResult recorded = ProbeTiming.time(result, probe);
    record(recorded);
    return recorded;
  }

  /**
   * Runs a probe, times it and records {@link Outcome#PASSED} if it returns, {@link
   * Outcome#FAILED} with the exception's simple class name as the reason if it throws.
   *
   * @param checkId the id of a registered check of no tenant
   * @param region where the probe runs
   * @param probe the work to time
   * @return the recorded result
   * @throws IllegalArgumentException if the check is not registered
   */
  public CheckResult measure(String checkId, String region, Runnable probe) {
    Objects.requireNonNull(probe, "probe");
    return measure(checkId, region, ProbeTiming.passing(probe));
  }

  /**
   * One tenant's view of the check families: the series of that tenant's checks only, without
   * the tenant label, the same families and shapes as a {@code CheckMetrics} holding only those
   * checks would expose (less the counters of refusals, which are the platform's, and never
   * another collector of the registry). Its cost is proportional to the tenant's own series:
   * checks are indexed by tenant. A tenant with no check gets what an empty {@code CheckMetrics}
   * gives: families without series (an exposition format writes nothing for them).
   *
   * @param tenant the tenant id; {@code ""} gives the checks of no tenant
   * @param includedNames which families to collect, by client_java name (such as {@code
   *     check_runs} for {@code check_runs_total}), as {@link PrometheusRegistry#scrape(Predicate)}
   *     takes them
   * @return the tenant's snapshots
   * @throws NullPointerException if an argument is null
   */
  public MetricSnapshots scrape(String tenant, Predicate<String> includedNames) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(includedNames, "includedNames");
    return collector.collect(tenant, includedNames);
  }

  /** Removes the series idle for at least the expiry time; run by the expiry scheduler. */
  int expireIdleSeries() {
    return checks.expireIdle();
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
   * The namespace of the metric families: the schema's.
   *
   * @return the prefix of every family name
   */
  public String namespace() {
    return schema.namespace();
  }

  /**
   * Returns the schema of the families.
   *
   * @return the schema of the families
   */
  public CheckSchema schema() {
    return schema;
  }

  /**
   * Lists the metric families that the open {@code CheckMetrics} of a registry registered in it,
   * each with its label names, whether it has a series yet or not. Code that adds labels to every
   * series at exposition time (the constant labels of {@code metrics-exposition}) checks them
   * against these, so that a clash such as a constant label {@code region} fails where it is
   * configured instead of at the first scrape after the first result. The tenant label is not
   * listed: only the series of a tenant's checks carry it ({@link CheckSchema#tenantLabel()}).
   *
   * @param registry the registry
   * @return the families with their client_java names (such as {@code check_runs} for {@code
   *     check_runs_total}) and label names, in registration order; empty when no open {@code
   *     CheckMetrics} registered families in it; unmodifiable
   * @throws NullPointerException when {@code registry} is null
   */
  public static List<MetricFamilyDescriptor> registeredFamilies(PrometheusRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    return CheckCollector.registeredFamilies(registry);
  }

  /**
   * Unregisters the families from the registry and stops expiry. Later calls to {@code record}
   * still count into the now unexposed metrics; calling {@code close} again does nothing.
   */
  @Override
  public void close() {
    collector.unregister(registry);
    if (expiry != null) {
      expiry.close();
    }
  }

  /**
   * Builds and registers {@link CheckMetrics}; each option is set at most once (a second call
   * throws {@link IllegalStateException} naming both values). Not thread-safe.
   */
  public static final class Builder {
    // null means unset: build() applies the default.
    private PrometheusRegistry registry;
    private CheckSchema schema;
    private Integer maxSeries;
    private Integer maxChecks;
    private Integer maxChecksPerTenant;
    private Integer maxTagsPerCheck;
    private Integer maxTagsLength;
    private Duration expireAfter;
    private LongSupplier ticker;
    private ScheduledExecutorService expiryScheduler;

    private Builder() {}

    /**
     * Sets the registry the metric families are registered in.
     *
     * @param registry where the families are registered; default: client_java's {@link
     *     PrometheusRegistry#defaultRegistry}
     * @return this builder
     * @throws IllegalStateException if the registry was already set
     */
    public Builder registry(PrometheusRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      this.registry = SetOnce.set("registry", this.registry, registry);
      return this;
    }

    /**
     * Sets the schema: the namespace, the metric families, their names, labels, units and
     * buckets.
     *
     * @param schema the families, their names, labels and units; default {@link
     *     CheckSchema#DEFAULT}
     * @return this builder
     * @throws IllegalStateException if the schema was already set
     */
    public Builder schema(CheckSchema schema) {
      Objects.requireNonNull(schema, "schema");
      this.schema = SetOnce.set("schema", this.schema, schema);
      return this;
    }

    /**
     * Caps the number of series of each family.
     *
     * @param maxSeries the most (check, region) series a family holds, at least 1; default
     *     {@value CheckMetrics#DEFAULT_MAX_SERIES_PER_FAMILY}. The runs counter holds one series
     *     per status of each pair.
     * @return this builder
     * @throws IllegalArgumentException if {@code maxSeries} is not positive
     * @throws IllegalStateException if the cap was already set
     */
    public Builder maxSeriesPerFamily(int maxSeries) {
      this.maxSeries =
          SetOnce.set("maxSeriesPerFamily", this.maxSeries, positive("maxSeriesPerFamily", maxSeries));
      return this;
    }

    /**
     * Caps the number of registered checks.
     *
     * @param maxChecks the most checks registered at once, at least 1; default {@value
     *     CheckMetrics#DEFAULT_MAX_CHECKS}. {@link CheckMetrics#register(Check)} past it throws
     *     and is counted in {@code <namespace>_registrations_rejected_total{limit="max_checks"}}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxChecks} is not positive
     * @throws IllegalStateException if the cap was already set
     */
    public Builder maxChecks(int maxChecks) {
      this.maxChecks = SetOnce.set("maxChecks", this.maxChecks, positive("maxChecks", maxChecks));
      return this;
    }

    /**
     * Caps the number of registered checks of each tenant (checks of no tenant are capped by
     * {@link #maxChecks(int)} only).
     *
     * @param maxChecks the most checks of one tenant registered at once, at least 1; default
     *     {@value CheckMetrics#DEFAULT_MAX_CHECKS_PER_TENANT}. {@link CheckMetrics#register(Check)}
     *     past it throws and is counted in {@code
     *     <namespace>_registrations_rejected_total{limit="checks_per_tenant"}}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxChecks} is not positive
     * @throws IllegalStateException if the cap was already set
     */
    public Builder maxChecksPerTenant(int maxChecks) {
      this.maxChecksPerTenant =
          SetOnce.set(
              "maxChecksPerTenant", this.maxChecksPerTenant,
              positive("maxChecksPerTenant", maxChecks));
      return this;
    }

    /**
     * Caps the number of tags of a check.
     *
     * @param maxTags the most tags a registered check has, at least 1; default {@value
     *     CheckMetrics#DEFAULT_MAX_TAGS_PER_CHECK}. {@code register} or {@code update} of a check
     *     with more throws and is counted in {@code
     *     <namespace>_registrations_rejected_total{limit="max_tags_per_check"}}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxTags} is not positive
     * @throws IllegalStateException if the cap was already set
     */
    public Builder maxTagsPerCheck(int maxTags) {
      this.maxTagsPerCheck =
          SetOnce.set("maxTagsPerCheck", this.maxTagsPerCheck, positive("maxTagsPerCheck", maxTags));
      return this;
    }

    /**
     * Caps the length of a check's tags joined with {@code ,}: the value of the {@code tags} label.
     *
     * @param maxLength the most characters of a registered check's joined tags, at least 1;
     *     default {@value CheckMetrics#DEFAULT_MAX_TAGS_LENGTH}. {@code register} or {@code update}
     *     of a check past it throws and is counted in {@code
     *     <namespace>_registrations_rejected_total{limit="max_tags_length"}}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxLength} is not positive
     * @throws IllegalStateException if the cap was already set
     */
    public Builder maxTagsLength(int maxLength) {
      this.maxTagsLength =
          SetOnce.set("maxTagsLength", this.maxTagsLength, positive("maxTagsLength", maxLength));
      return this;
    }

    /**
     * Expires the series of a (check, region) pair that recorded no result for this long; off by
     * default. Idle series are looked for every quarter of this time (at least every minute, at
     * most every second), on {@link #expiryScheduler} or a daemon thread of its own.
     *
     * @param idle how long a pair may stay without a result, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code idle} is zero or negative
     * @throws IllegalStateException if expiry was already set
     */
    public Builder expireAfter(Duration idle) {
      Objects.requireNonNull(idle, "idle");
      if (idle.isNegative() || idle.isZero()) {
        throw new IllegalArgumentException("expireAfter must be positive: " + idle);
      }
      this.expireAfter = SetOnce.set("expireAfter", this.expireAfter, idle);
      return this;
    }

    /**
     * Sets the time source of expiry.
     *
     * @param nanoTime the time source of expiry, in nanoseconds, monotonic like {@link
     *     System#nanoTime()} (the default); only with {@link #expireAfter(Duration)}
     * @return this builder
     * @throws IllegalStateException if the ticker was already set
     */
    public Builder ticker(LongSupplier nanoTime) {
      Objects.requireNonNull(nanoTime, "nanoTime");
      this.ticker = SetOnce.set("ticker", this.ticker, nanoTime);
      return this;
    }

    /**
     * Sets the scheduler of the expiry task.
     *
     * @param scheduler runs the expiry task instead of a daemon thread of its own; {@link
     *     CheckMetrics#close()} cancels the task but never shuts the scheduler down. Only with
     *     {@link #expireAfter(Duration)}
     * @return this builder
     * @throws IllegalStateException if the scheduler was already set
     */
    public Builder expiryScheduler(ScheduledExecutorService scheduler) {
      Objects.requireNonNull(scheduler, "scheduler");
      this.expiryScheduler = SetOnce.set("expiryScheduler", this.expiryScheduler, scheduler);
      return this;
    }

    /**
     * Builds the families and registers them.
     *
     * @return the registered check metrics
     * @throws IllegalStateException if a family of this namespace is already in the registry, or
     *     a ticker or scheduler is set without expiry
     */
    public CheckMetrics build() {
      if (expireAfter == null && (ticker != null || expiryScheduler != null)) {
        throw new IllegalStateException(
            (ticker != null ? "ticker" : "expiryScheduler") + " is set but expireAfter is not");
      }
      registry = registry != null ? registry : PrometheusRegistry.defaultRegistry;
      schema = schema != null ? schema : CheckSchema.DEFAULT;
      maxSeries = maxSeries != null ? maxSeries : DEFAULT_MAX_SERIES_PER_FAMILY;
      maxChecks = maxChecks != null ? maxChecks : DEFAULT_MAX_CHECKS;
      maxChecksPerTenant =
          maxChecksPerTenant != null ? maxChecksPerTenant : DEFAULT_MAX_CHECKS_PER_TENANT;
      maxTagsPerCheck = maxTagsPerCheck != null ? maxTagsPerCheck : DEFAULT_MAX_TAGS_PER_CHECK;
      maxTagsLength = maxTagsLength != null ? maxTagsLength : DEFAULT_MAX_TAGS_LENGTH;
      return new CheckMetrics(this);
    }

    private static int positive(String option, int cap) {
      if (cap <= 0) {
        throw new IllegalArgumentException(option + " must be positive: " + cap);
      }
      return cap;
    }
  }
}
