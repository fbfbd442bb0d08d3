package io.github.checkmetrics.model;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Registers the families of a {@link CheckMetrics} only when none of their names is in the
 * registry yet, so that a namespace clash fails without harming the metrics already there, and
 * remembers which collectors it registered in which registry (client_java's registry does not tell),
 * so that their families and label names can be listed before they have a series.
 */
final class NamespaceGuard {

  /** Guards the check for a clash and the registration as one step, across instances. */
  private static final Object REGISTRATION_LOCK = new Object();

  /** The collectors registered and not closed, by registry; a registry no longer used goes. */
  private static final Map<PrometheusRegistry, List<CheckCollector>> REGISTERED =
      new WeakHashMap<>();

  private NamespaceGuard() {}

  /**
   * Registers {@code collector} in {@code registry}.
   *
   * @throws IllegalStateException if a family of the namespace is already in the registry
   */
  static void register(PrometheusRegistry registry, CheckCollector collector, String namespace) {
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
      REGISTERED.computeIfAbsent(registry, r -> new ArrayList<>()).add(collector);
    }
  }

  /** Unregisters {@code collector} from {@code registry}; does nothing the second time. */
  static void unregister(PrometheusRegistry registry, CheckCollector collector) {
    synchronized (REGISTRATION_LOCK) {
      registry.unregister(collector);
      List<CheckCollector> collectors = REGISTERED.get(registry);
      if (collectors != null) {
        collectors.remove(collector);
        if (collectors.isEmpty()) {
          REGISTERED.remove(registry);
        }
      }
    }
  }

  /** The families of every collector registered in {@code registry} and not closed. */
  static List<MetricFamilyDescriptor> families(PrometheusRegistry registry) {
    synchronized (REGISTRATION_LOCK) {
      List<MetricFamilyDescriptor> families = new ArrayList<>();
      for (CheckCollector collector : REGISTERED.getOrDefault(registry, List.of())) {
        families.addAll(collector.getMetricFamilyDescriptors());
      }
      return List.copyOf(families);
    }
  }

  private static IllegalStateException clash(String namespace, String what) {
    return new IllegalStateException(
        "namespace \"" + namespace + "\" is already in use in this registry: " + what);
  }
}
