package io.github.checkmetrics.testkit;

import java.util.Map;
import java.util.Objects;

/**
 * One active scrape target as Prometheus reports it in {@code /api/v1/targets}.
 *
 * <pre>{@code
 * Target target = prometheus.awaitTargetHealth("app", "down", Duration.ofSeconds(20)).get(0);
 * assertThat(target.lastError()).contains("401 Unauthorized");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param scrapePool the scrape pool, i.e. the job name of the {@code scrape_configs} entry
 * @param scrapeUrl the URL scraped, with its query parameters
 * @param health {@code "up"}, {@code "down"}, or {@code "unknown"} before the first scrape
 * @param lastError the error of the last scrape, empty when it succeeded
 * @param labels the target labels after relabelling ({@code job}, {@code instance}, ...)
 * @param discoveredLabels the labels before relabelling ({@code __address__}, {@code __param_*}, ...)
 */
public record Target(String scrapePool, String scrapeUrl, String health, String lastError,
    Map<String, String> labels, Map<String, String> discoveredLabels) {

  /**
   * Creates a target, copying the label maps.
   *
   * @throws NullPointerException if any component is null
   */
  public Target {
    Objects.requireNonNull(scrapePool, "scrapePool");
    Objects.requireNonNull(scrapeUrl, "scrapeUrl");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(lastError, "lastError");
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    discoveredLabels = Map.copyOf(Objects.requireNonNull(discoveredLabels, "discoveredLabels"));
  }

  /**
   * Returns the target's job.
   *
   * @return its {@code job} label, or the scrape pool when relabelling removed it
   */
  public String job() {
    return labels.getOrDefault("job", scrapePool);
  }
}
