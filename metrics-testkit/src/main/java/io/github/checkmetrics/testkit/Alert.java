package io.github.checkmetrics.testkit;

import java.util.Map;
import java.util.Objects;

/**
 * One active alert as Prometheus reports it in {@code /api/v1/alerts} and {@code /api/v1/rules}.
 *
 * <pre>{@code
 * Alert alert = prometheus.awaitAlert("CheckFailing", "firing", Duration.ofSeconds(30));
 * assertThat(alert.labels()).containsEntry("check_id", "login");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param labels the alert's labels, including {@code alertname}; unmodifiable
 * @param annotations the alert's annotations after templating; unmodifiable
 * @param state {@code "pending"} or {@code "firing"} ({@code "inactive"} only in rule listings)
 * @param value the value of the alert expression, as Prometheus formats it (e.g. {@code "1e+00"})
 */
public record Alert(Map<String, String> labels, Map<String, String> annotations, String state,
    String value) {

  /**
   * Creates an alert, copying the maps.
   *
   * @throws NullPointerException if any component is null
   */
  public Alert {
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    annotations = Map.copyOf(Objects.requireNonNull(annotations, "annotations"));
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Returns the alert's name.
   *
   * @return its {@code alertname} label
   */
  public String name() {
    return labels.get("alertname");
  }
}
