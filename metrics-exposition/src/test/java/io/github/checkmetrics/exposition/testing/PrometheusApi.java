package io.github.checkmetrics.exposition.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns responses of the Prometheus HTTP API v1 into the kit's records.
 *
 * @see <a href="https://prometheus.io/docs/prometheus/2.42/querying/api/">HTTP API</a>
 */
final class PrometheusApi {

  private PrometheusApi() {}

  /**
   * Returns the {@code data} member of a response envelope.
   *
   * @throws IllegalArgumentException if Prometheus answered {@code "status":"error"}; the message
   *     gives its {@code errorType} and {@code error}
   */
  static Object data(String body) {
    Map<String, Object> envelope = Json.parseObject(body);
    if (!"success".equals(envelope.get("status"))) {
      throw new IllegalArgumentException(
          "Prometheus API error " + envelope.get("errorType") + ": " + envelope.get("error"));
    }
    return envelope.get("data");
  }

  /** Reads an instant query result: a vector, or a scalar as one sample without labels. */
  static List<Sample> samples(Object data) {
    Map<String, Object> result = Json.map(data);
    Object resultType = result.get("resultType");
    if ("scalar".equals(resultType)) {
      return List.of(sample(Map.of(), result.get("result")));
    }
    if (!"vector".equals(resultType)) {
      throw new IllegalArgumentException(
          "query result must be a vector or a scalar, got " + resultType + ": " + data);
    }
    List<Sample> samples = new ArrayList<>();
    for (Object element : Json.list(result.get("result"))) {
      Map<String, Object> series = Json.map(element);
      samples.add(sample(Json.stringMap(series.get("metric")), series.get("value")));
    }
    return List.copyOf(samples);
  }

  /** Reads {@code activeTargets} of {@code /api/v1/targets}. */
  static List<Target> targets(Object data) {
    List<Target> targets = new ArrayList<>();
    for (Object element : Json.list(Json.map(data).get("activeTargets"))) {
      Map<String, Object> target = Json.map(element);
      targets.add(new Target(
          string(target, "scrapePool"),
          string(target, "scrapeUrl"),
          string(target, "health"),
          string(target, "lastError"),
          Json.stringMap(target.get("labels")),
          Json.stringMap(target.get("discoveredLabels"))));
    }
    return List.copyOf(targets);
  }

  /** Reads every rule of every group of {@code /api/v1/rules}, in the order listed. */
  static List<Rule> rules(Object data) {
    List<Rule> rules = new ArrayList<>();
    for (Object groupElement : Json.list(Json.map(data).get("groups"))) {
      Map<String, Object> group = Json.map(groupElement);
      for (Object ruleElement : Json.list(group.get("rules"))) {
        Map<String, Object> rule = Json.map(ruleElement);
        Object alerts = rule.get("alerts");
        rules.add(new Rule(
            string(group, "name"),
            string(group, "file"),
            string(rule, "name"),
            string(rule, "type"),
            string(rule, "query"),
            string(rule, "health"),
            string(rule, "lastError"),
            string(rule, "state"),
            Json.stringMap(rule.get("labels")),
            alerts == null ? List.of() : alerts(alerts)));
      }
    }
    return List.copyOf(rules);
  }

  /** Reads the {@code alerts} member of {@code /api/v1/alerts}, or a rule's alert list. */
  static List<Alert> alerts(Object data) {
    Object list = data instanceof Map ? Json.map(data).get("alerts") : data;
    List<Alert> alerts = new ArrayList<>();
    for (Object element : Json.list(list)) {
      Map<String, Object> alert = Json.map(element);
      alerts.add(new Alert(
          Json.stringMap(alert.get("labels")),
          Json.stringMap(alert.get("annotations")),
          string(alert, "state"),
          string(alert, "value")));
    }
    return List.copyOf(alerts);
  }

  /**
   * Parses a sample value as Prometheus formats it (Go's strconv), where infinities are
   * {@code +Inf}/{@code -Inf}, which {@link Double#parseDouble} does not accept.
   */
  static double value(String text) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(text);
    }
  }

  private static Sample sample(Map<String, String> labels, Object timestampAndValue) {
    List<Object> pair = Json.list(timestampAndValue);
    if (pair.size() != 2 || !(pair.get(0) instanceof Number) || !(pair.get(1) instanceof String)) {
      throw new IllegalArgumentException(
          "sample must be [timestamp, \"value\"]: " + timestampAndValue);
    }
    return new Sample(labels, value((String) pair.get(1)), ((Number) pair.get(0)).doubleValue());
  }

  /** A string member; Prometheus omits empty ones ({@code omitempty}), which read as "". */
  private static String string(Map<String, Object> object, String name) {
    Object value = object.get(name);
    return value == null ? "" : value.toString();
  }
}
