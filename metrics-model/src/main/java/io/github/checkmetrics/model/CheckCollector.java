package io.github.checkmetrics.model;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The check families of a {@link CheckMetrics} as one {@link MultiCollector}, read from its
 * {@link RegisteredChecks} at scrape time: the gauges derived from each check's latest results (so
 * that a rename, mute, expiry or removal can never leave a stale series), the duration histogram
 * and runs counter collected from each tenant's client_java metrics, and the counters of what the
 * limits refuse ({@link Rejections}). It writes nothing.
 *
 * <p>Two views: the registry's scrape ({@link #collect(Predicate)}), where the series of a
 * tenant's check carry the schema's tenant label, and a tenant's own ({@link #collect(String,
 * Predicate)}), which reads that tenant's checks only, without the label or the counters of
 * refusals, at a cost proportional to its own series.
 *
 * <p>It also registers itself in a registry only when none of its names is there yet, so that a
 * namespace clash fails without harming the metrics already there, and remembers which collectors
 * it registered in which registry (client_java's registry does not tell), so that their families
 * can be listed before they have a series.
 */
final class CheckCollector implements MultiCollector {

  /** Guards the check for a clash and the registration as one step, across instances. */
  private static final Object REGISTRATION_LOCK = new Object();

  /** The collectors registered and not closed, by registry; a registry no longer used goes. */
  private static final Map<PrometheusRegistry, List<CheckCollector>> REGISTERED =
      new WeakHashMap<>();

  private final CheckSchema schema;
  private final RegisteredChecks checks;
  private final Rejections rejections;
  private final FailureReasonSet reasons = new FailureReasonSet();
  private final List<MetricFamilyDescriptor> descriptors = new ArrayList<>();

  CheckCollector(CheckSchema schema, RegisteredChecks checks, Rejections rejections) {
    this.schema = schema;
    this.checks = checks;
    this.rejections = rejections;
    for (Family family : schema.families()) {
      // Without the tenant label: only the series of a tenant's checks carry it, and only in
      // the registry's scrape (see CheckSchema#tenantLabel()).
      descriptors.add(
          MetricFamilyDescriptor.of(
              family.kind.type, new MetricMetadata(family.name), Set.of(family.labelNames)));
    }
    descriptors.addAll(rejections.descriptors());
  }

  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return descriptors;
  }

  @Override
  public MetricSnapshots collect() {
    return collect(name -> true);
  }

  /** The registry's scrape: every check, a tenant's series with the tenant label. */
  @Override
  public MetricSnapshots collect(Predicate<String> includedNames) {
    MetricSnapshots.Builder result = MetricSnapshots.builder();
    Collection<TenantChecks> tenants = checks.tenants();
    gauges(result, tenants, includedNames, schema.tenantLabel());
    if (included(Family.Kind.DURATION, includedNames) != null) {
      CheckCollector.<HistogramSnapshot, HistogramDataPointSnapshot>merged(
          result, tenants, tenant -> tenant.duration.collect(), this::withTenant,
          HistogramSnapshot::new);
    }
    if (included(Family.Kind.RUNS, includedNames) != null) {
      CheckCollector.<CounterSnapshot, CounterDataPointSnapshot>merged(
          result, tenants, tenant -> tenant.runs.collect(), this::withTenant,
          CounterSnapshot::new);
    }
    rejections.collect(result, includedNames);
    return result.build();
  }

  /**
   * A tenant's own view: its checks' series only, without the tenant label, as a {@link
   * CheckMetrics} holding only those checks would give them (less the counters of refusals, which
   * are the platform's). Families without series when the tenant has no check.
   */
  MetricSnapshots collect(String tenantId, Predicate<String> includedNames) {
    MetricSnapshots.Builder result = MetricSnapshots.builder();
    TenantChecks tenant = checks.tenant(tenantId);
    gauges(result, List.of(tenant), includedNames, null);
    if (included(Family.Kind.DURATION, includedNames) != null) {
      result.metricSnapshot(tenant.duration.collect());
    }
    if (included(Family.Kind.RUNS, includedNames) != null) {
      result.metricSnapshot(tenant.runs.collect());
    }
    return result.build();
  }

  /**
   * Adds one family made of every tenant's client_java metric, each tenant's data points with
   * the tenant label.
   */
  private static <S extends MetricSnapshot, P extends DataPointSnapshot> void merged(
      MetricSnapshots.Builder result,
      Collection<TenantChecks> tenants,
      Function<TenantChecks, S> collect,
      BiFunction<P, String, P> withTenant,
      BiFunction<MetricMetadata, List<P>, S> snapshot) {
    List<P> points = new ArrayList<>();
    MetricMetadata metadata = null;
    for (TenantChecks tenant : tenants) {
      S collected = collect.apply(tenant);
      metadata = collected.getMetadata();
      for (DataPointSnapshot point : collected.getDataPoints()) {
        @SuppressWarnings("unchecked") // a snapshot of type S holds data points of type P
        P typed = (P) point;
        points.add(withTenant.apply(typed, tenant.tenant));
      }
    }
    if (metadata != null) {
      result.metricSnapshot(snapshot.apply(metadata, points));
    }
  }

  private Family included(Family.Kind kind, Predicate<String> includedNames) {
    Family family = schema.family(kind);
    return family != null && includedNames.test(family.name) ? family : null;
  }

  private HistogramDataPointSnapshot withTenant(HistogramDataPointSnapshot point, String tenant) {
    if (tenant.isEmpty()) {
      return point;
    }
    return new HistogramDataPointSnapshot(
        point.getClassicBuckets(),
        point.getNativeSchema(),
        point.getNativeZeroCount(),
        point.getNativeZeroThreshold(),
        point.getNativeBucketsForPositiveValues(),
        point.getNativeBucketsForNegativeValues(),
        point.getSum(),
        point.getLabels().add(schema.tenantLabel(), tenant),
        point.getExemplars(),
        point.getCreatedTimestampMillis(),
        point.getScrapeTimestampMillis());
  }

  private CounterDataPointSnapshot withTenant(CounterDataPointSnapshot point, String tenant) {
    if (tenant.isEmpty()) {
      return point;
    }
    return new CounterDataPointSnapshot(
        point.getValue(),
        point.getLabels().add(schema.tenantLabel(), tenant),
        point.getExemplar(),
        point.getCreatedTimestampMillis(),
        point.getScrapeTimestampMillis());
  }

  /**
   * Adds the gauges derived from the latest results of the checks of {@code tenants}.
   *
   * @param tenantLabel the tenant label to write, null in a tenant's own view
   */
  private void gauges(
      MetricSnapshots.Builder result,
      Collection<TenantChecks> tenants,
      Predicate<String> includedNames,
      String tenantLabel) {
    Map<Family.Kind, GaugeSnapshot.Builder> gauges = new EnumMap<>(Family.Kind.class);
    for (Family family : schema.families()) {
      if (family.kind.type == MetricType.GAUGE
          && includedNames.test(family.name)) {
        GaugeSnapshot.Builder builder =
            GaugeSnapshot.builder().name(family.name).help(family.help(false));
        Unit unit = family.metadataUnit();
        gauges.put(family.kind, unit == null ? builder : builder.unit(unit));
      }
    }
    if (gauges.isEmpty()) {
      return;
    }
    for (TenantChecks tenant : tenants) {
      for (CheckEntry entry : tenant.checks.values()) {
        addGauges(gauges, entry, tenantLabel);
      }
    }
    for (GaugeSnapshot.Builder gauge : gauges.values()) {
      result.metricSnapshot(gauge.build());
    }
  }

  private void addGauges(
      Map<Family.Kind, GaugeSnapshot.Builder> gauges, CheckEntry entry, String tenantLabel) {
    Check check = entry.check();
    boolean ran = false;
    boolean failing = false;
    boolean anyDegraded = false;
    for (CheckEntry.Series series : entry.series()) {
      CheckResult latest = series.latest;
      if (latest == null) {
        continue; // created by a racing record that has not finished yet
      }
      ran = true;
      boolean failed = latest.outcome() == Outcome.FAILED;
      failing |= failed;
      anyDegraded |= latest.outcome() == Outcome.DEGRADED;
      Family lastDuration = schema.family(Family.Kind.LAST_DURATION);
      add(gauges, Family.Kind.LAST_DURATION, check, series.region, null,
          lastDuration == null ? 0 : lastDuration.duration(latest), tenantLabel);
      Family lastRun = schema.family(Family.Kind.LAST_RUN);
      add(gauges, Family.Kind.LAST_RUN, check, series.region, null,
          lastRun == null ? 0 : lastRun.timestamp(latest.finishedAt()), tenantLabel);
      add(gauges, Family.Kind.REGION_STATUS, check, series.region, null, failed ? 0 : 1,
          tenantLabel);
      CheckResult lastFailure = series.lastFailure;
      if (gauges.containsKey(Family.Kind.FAILURE_REASON) && lastFailure != null) {
        String reason = reasons.exposed(lastFailure.failureReason().orElse("unknown"));
        add(gauges, Family.Kind.FAILURE_REASON, check, series.region, reason,
            latest == lastFailure ? 1 : 0, tenantLabel);
      }
    }
    if (ran) {
      add(gauges, Family.Kind.STATUS, check, null, null, failing ? 0 : 1, tenantLabel);
      add(gauges, Family.Kind.DEGRADED, check, null, null, anyDegraded ? 1 : 0, tenantLabel);
      if (gauges.containsKey(Family.Kind.STATE)) {
        String current =
            failing ? TenantChecks.FAILING
                : anyDegraded ? TenantChecks.DEGRADED : TenantChecks.PASSING;
        for (String each : TenantChecks.STATES) {
          add(gauges, Family.Kind.STATE, check, null, each, each.equals(current) ? 1 : 0,
              tenantLabel);
        }
      }
    }
  }

  private void add(
      Map<Family.Kind, GaugeSnapshot.Builder> gauges,
      Family.Kind kind,
      Check check,
      String region,
      String own,
      double value,
      String tenantLabel) {
    GaugeSnapshot.Builder gauge = gauges.get(kind);
    if (gauge == null) {
      return;
    }
    Labels labels = schema.family(kind).labels(check, region, own, tenantLabel);
    gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
  }

  /**
   * Registers this collector in {@code registry}.
   *
   * @throws IllegalStateException if a family of the namespace is already in the registry
   */
  void register(PrometheusRegistry registry) {
    Set<String> ours = schema.writtenNames().keySet();
    synchronized (REGISTRATION_LOCK) {
      // client_java's registry releases the names of an existing metric when a clashing
      // registration fails, so look for a clash first and never attempt a failing registration.
      MetricSnapshots existing = registry.scrape(ours::contains);
      for (MetricSnapshot snapshot : existing) {
        throw clash("metric family " + snapshot.getMetadata().getPrometheusName() + " exists");
      }
      try {
        registry.register(this);
      } catch (IllegalArgumentException e) {
        throw clash(e.getMessage());
      }
      REGISTERED.computeIfAbsent(registry, r -> new ArrayList<>()).add(this);
    }
  }

  /** Unregisters this collector from {@code registry}; does nothing the second time. */
  void unregister(PrometheusRegistry registry) {
    synchronized (REGISTRATION_LOCK) {
      registry.unregister(this);
      List<CheckCollector> collectors = REGISTERED.get(registry);
      if (collectors != null) {
        collectors.remove(this);
        if (collectors.isEmpty()) {
          REGISTERED.remove(registry);
        }
      }
    }
  }

  /** The families of every collector registered in {@code registry} and not closed. */
  static List<MetricFamilyDescriptor> registeredFamilies(PrometheusRegistry registry) {
    synchronized (REGISTRATION_LOCK) {
      List<MetricFamilyDescriptor> families = new ArrayList<>();
      for (CheckCollector collector : REGISTERED.getOrDefault(registry, List.of())) {
        families.addAll(collector.getMetricFamilyDescriptors());
      }
      return List.copyOf(families);
    }
  }

  private IllegalStateException clash(String what) {
    return new IllegalStateException(
        "namespace \"" + schema.namespace() + "\" is already in use in this registry: " + what);
  }
}
