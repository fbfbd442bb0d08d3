package io.github.checkmetrics.testkit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One recording or alerting rule as Prometheus reports it in {@code /api/v1/rules}.
 *
 * <pre>{@code
 * Rule rule = prometheus.rules().get(0);
 * assertThat(rule.health()).as(rule.lastError()).isEqualTo("ok");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param group the name of the rule group
 * @param file the rule file the group came from
 * @param name the recorded series' name, or the alert's name
 * @param type {@code "recording"} or {@code "alerting"}
 * @param query the rule's PromQL expression, as Prometheus prints it
 * @param health {@code "ok"}, {@code "err"} or {@code "unknown"} before the first evaluation
 * @param lastError the error of the last evaluation, empty when none
 * @param state for an alerting rule {@code "inactive"}, {@code "pending"} or {@code "firing"};
 *     empty for a recording rule
 * @param labels the labels the rule adds; unmodifiable
 * @param alerts an alerting rule's active alerts; empty for a recording rule; unmodifiable
 */
public record Rule(String group, String file, String name, String type, String query,
    String health, String lastError, String state, Map<String, String> labels,
    List<Alert> alerts) {

  /**
   * Creates a rule, copying the collections.
   *
   * @throws NullPointerException if any component is null
   */
  public Rule {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(state, "state");
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    alerts = List.copyOf(Objects.requireNonNull(alerts, "alerts"));
  }
}
