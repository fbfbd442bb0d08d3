package io.github.checkmetrics.model;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Set;

/**
 * Registers the families of a {@link CheckMetrics} only when none of their names is in the
 * registry yet, so that a namespace clash fails without harming the metrics already there.
 */
final class NamespaceGuard {

  /** Guards the check for a clash and the registration as one step, across instances. */
  private static final Object REGISTRATION_LOCK = new Object();

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
    }
  }

  private static IllegalStateException clash(String namespace, String what) {
    return new IllegalStateException(
        "namespace \"" + namespace + "\" is already in use in this registry: " + what);
  }
}
