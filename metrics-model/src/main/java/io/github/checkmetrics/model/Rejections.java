package io.github.checkmetrics.model;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the caps of a {@link CheckMetrics} refuse, counted in the exposition and logged once per cap:
 * {@code <namespace>_series_rejected_total}, the results of new (check, region) pairs past the
 * series limit, and {@code <namespace>_registrations_rejected_total{limit}}, the {@code register}
 * and {@code update} calls a cap on checks or tags refused. Every series exists from the start, at
 * 0, so that {@code increase()} sees the first refusal; the per-tenant cap's from the first check
 * of a tenant (an exposition without tenants stays as it was before tenants existed).
 */
final class Rejections {

  /** A cap on what callers register; its name is the {@code limit} label value. */
  enum Limit {
    MAX_CHECKS("max_checks"),
    MAX_TAGS_PER_CHECK("max_tags_per_check"),
    MAX_TAGS_LENGTH("max_tags_length"),
    CHECKS_PER_TENANT("checks_per_tenant");

    final String key;

    Limit(String key) {
      this.key = key;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(CheckMetrics.class);
  private static final String SERIES = "_series_rejected";
  private static final String REGISTRATIONS = "_registrations_rejected";

  private final String namespace;
  private final String seriesName;
  private final String registrationsName;
  private final Counter series;
  private final Counter registrations;
  /** Written in the constructor and under the definitions lock of {@link RegisteredChecks}. */
  private final Map<Limit, CounterDataPoint> byLimit =
      Collections.synchronizedMap(new EnumMap<>(Limit.class));
  private final AtomicBoolean seriesWarned = new AtomicBoolean();
  private final Map<Limit, AtomicBoolean> limitWarned = new EnumMap<>(Limit.class);

  Rejections(String namespace) {
    this.namespace = namespace;
    this.seriesName = namespace + SERIES;
    this.registrationsName = namespace + REGISTRATIONS;
    this.series =
        Counter.builder()
            .name(seriesName)
            .help("Check results not recorded because a new (check, region) series would have"
                + " exceeded the series limit of a family")
            .withoutExemplars()
            .build();
    this.registrations =
        Counter.builder()
            .name(registrationsName)
            .help("Checks not registered or updated because they would have exceeded a limit"
                + " (max_checks, max_tags_per_check, max_tags_length)")
            .labelNames("limit")
            .withoutExemplars()
            .build();
    for (Limit limit : Limit.values()) {
      if (limit != Limit.CHECKS_PER_TENANT) {
        byLimit.put(limit, registrations.labelValues(limit.key));
      }
      limitWarned.put(limit, new AtomicBoolean());
    }
  }

  /** Starts the series of the per-tenant cap at 0: called with the first check of a tenant. */
  void countPerTenant() {
    byLimit.computeIfAbsent(
        Limit.CHECKS_PER_TENANT, limit -> registrations.labelValues(limit.key));
  }

  /** The names client_java knows the counters by, to collect them. */
  List<String> names() {
    return List.of(seriesName, registrationsName);
  }

  /**
   * Every name the counters write or reserve in a namespace, to detect a clash: each mapped to the
   * counter's name after the namespace, such as {@code series_rejected}.
   */
  static Map<String, String> writtenNames(String namespace) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String suffix : List.of(SERIES, REGISTRATIONS)) {
      String name = namespace + suffix;
      result.put(name, suffix.substring(1));
      for (String written : Family.suffixes(MetricType.COUNTER)) {
        result.put(name + written, suffix.substring(1));
      }
    }
    return result;
  }

  /** Every name the counters write or reserve, to detect a clash in a registry. */
  Set<String> writtenNames() {
    return writtenNames(namespace).keySet();
  }

  List<MetricFamilyDescriptor> descriptors() {
    return List.of(
        MetricFamilyDescriptor.of(MetricType.COUNTER, new MetricMetadata(seriesName), Set.of()),
        MetricFamilyDescriptor.of(
            MetricType.COUNTER, new MetricMetadata(registrationsName), Set.of("limit")));
  }

  void collect(MetricSnapshots.Builder result, Predicate<String> includedNames) {
    if (includedNames.test(seriesName)) {
      result.metricSnapshot(series.collect());
    }
    if (includedNames.test(registrationsName)) {
      result.metricSnapshot(registrations.collect());
    }
  }

  /**
   * Counts a result refused by the series limit; the first one logs a WARN per family.
   *
   * @param families the names of the families with one series per (check, region)
   */
  void series(int maxSeries, List<String> families) {
    series.inc();
    if (!seriesWarned.get() && seriesWarned.compareAndSet(false, true)) {
      for (String family : families) {
        LOG.warn(
            "metric family {} reached its limit of {} series: results of new (check, region)"
                + " pairs are not recorded, they are counted in {}_total",
            family,
            maxSeries,
            seriesName);
      }
    }
  }

  /**
   * Counts a registration refused by a cap, logs the first one of each cap as a WARN, and returns
   * the exception for the caller to throw.
   */
  <E extends RuntimeException> E registration(Limit limit, E refusal) {
    if (limit == Limit.CHECKS_PER_TENANT) {
      countPerTenant();
    }
    byLimit.get(limit).inc();
    AtomicBoolean warned = limitWarned.get(limit);
    if (!warned.get() && warned.compareAndSet(false, true)) {
      LOG.warn(
          "{}; refusals of this limit are counted in {}",
          refusal.getMessage(),
          registrationsName + "_total{limit=\"" + limit.key + "\"}");
    }
    return refusal;
  }
}
