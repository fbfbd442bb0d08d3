package io.github.checkmetrics.exposition;

import static io.github.checkmetrics.model.internal.Messages.quote;

import io.github.checkmetrics.model.CheckMetrics;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one tenant's scrape collects: the series of its own checks ({@link
 * CheckMetrics#scrape(String, Predicate)}: an index by tenant, without the tenant label), plus the
 * families of the platform's registry it opted in for every tenant (such as {@code
 * jvm_memory_used_bytes}), never anything else of the registry; with the constant labels of the
 * handler. Thread-safe.
 */
final class TenantView {

  private final CheckMetrics checks;
  private final ExpositionWriter writer;
  private final Set<String> sharedFamilies;

  /**
   * A view over {@code checks}, sharing {@code sharedFamilies} of the writer's registry.
   *
   * @param sharedFamilies client_java family names ({@code jvm_threads_current}, {@code
   *     process_cpu_seconds} for {@code process_cpu_seconds_total})
   * @throws IllegalArgumentException when a shared family is a family of the checks: a tenant
   *     sees its own series of those, never the platform's
   */
  TenantView(CheckMetrics checks, ExpositionWriter writer, Set<String> sharedFamilies) {
    for (MetricFamilyDescriptor family : CheckMetrics.registeredFamilies(checks.registry())) {
      if (sharedFamilies.contains(family.getPrometheusName())) {
        throw new IllegalArgumentException(
            "tenant shared family must not be a family of the checks: " + quote(family.getPrometheusName()));
      }
    }
    this.checks = checks;
    this.writer = writer;
    this.sharedFamilies = Set.copyOf(sharedFamilies);
  }

  /**
   * The snapshots of {@code tenant}'s scrape.
   *
   * @param familyFilter the {@code name[]} filter, null for every family
   */
  MetricSnapshots collect(String tenant, Predicate<String> familyFilter) {
    Predicate<String> included = familyFilter == null ? name -> true : familyFilter;
    MetricSnapshots own = checks.scrape(tenant, included);
    if (sharedFamilies.isEmpty()) {
      return writer.withConstantLabels(own);
    }
    MetricSnapshots shared =
        writer.registry().scrape(name -> sharedFamilies.contains(name) && included.test(name));
    MetricSnapshots.Builder both = MetricSnapshots.builder();
    for (MetricSnapshot snapshot : own) {
      both.metricSnapshot(snapshot);
    }
    for (MetricSnapshot snapshot : shared) {
      both.metricSnapshot(snapshot);
    }
    return writer.withConstantLabels(both.build());
  }
}
