package io.github.checkmetrics.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns responses of the Prometheus HTTP API v1 into the kit's records; Jackson reads the JSON.
 *
 * @see <a href="https://prometheus.io/docs/prometheus/2.42/querying/api/">HTTP API</a>
 */
final class PrometheusApi {

  private PrometheusApi() {}

  /**
   * Returns the {@code data} member of a response envelope.
   *
   * @throws IllegalArgumentException if Prometheus answered {@code "status":"error"}, the message
   *     giving its {@code errorType} and {@code error}; or if {@code body} is not a JSON object,
   *     the message giving Jackson's reason and position
   */
  static JsonNode data(String body) {
    Objects.requireNonNull(body, "body");
    JsonNode envelope;
    try {
      envelope = JsonMapper.shared().readTree(body);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(
          "Prometheus API response is not JSON: " + e.getOriginalMessage() + where, e);
    }
    if (!envelope.isObject()) {
      throw new IllegalArgumentException("Prometheus API response must be a JSON object: " + body);
    }
    if (!"success".equals(string(envelope, "status"))) {
      throw new IllegalArgumentException("Prometheus API error " + string(envelope, "errorType")
          + ": " + string(envelope, "error"));
    }
    return envelope.path("data");
  }

  /** Reads an instant query result: a vector, or a scalar as one sample without labels. */
  static List<Sample> samples(JsonNode data) {
    String resultType = string(object(data), "resultType");
    if ("scalar".equals(resultType)) {
      return List.of(sample(Map.of(), data.path("result")));
    }
    if (!"vector".equals(resultType)) {
      throw new IllegalArgumentException(
          "query result must be a vector or a scalar, got " + resultType + ": " + data);
    }
    List<Sample> samples = new ArrayList<>();
    for (JsonNode series : array(data.path("result"))) {
      samples.add(sample(labels(object(series).path("metric")), series.path("value")));
    }
    return List.copyOf(samples);
  }

  /** Reads {@code activeTargets} of {@code /api/v1/targets}. */
  static List<Target> targets(JsonNode data) {
    List<Target> targets = new ArrayList<>();
    for (JsonNode target : array(object(data).path("activeTargets"))) {
      object(target);
      targets.add(new Target(
          string(target, "scrapePool"),
          string(target, "scrapeUrl"),
          string(target, "health"),
          string(target, "lastError"),
          labels(target.path("labels")),
          labels(target.path("discoveredLabels"))));
    }
    return List.copyOf(targets);
  }

  /** Reads every rule of every group of {@code /api/v1/rules}, in the order listed. */
  static List<Rule> rules(JsonNode data) {
    List<Rule> rules = new ArrayList<>();
    for (JsonNode group : array(object(data).path("groups"))) {
      for (JsonNode rule : array(object(group).path("rules"))) {
        JsonNode alerts = object(rule).path("alerts");
        rules.add(new Rule(
            string(group, "name"),
            string(group, "file"),
            string(rule, "name"),
            string(rule, "type"),
            string(rule, "query"),
            string(rule, "health"),
            string(rule, "lastError"),
            string(rule, "state"),
            labels(rule.path("labels")),
            alerts.isMissingNode() || alerts.isNull() ? List.of() : alerts(alerts)));
      }
    }
    return List.copyOf(rules);
  }

  /** Reads the {@code alerts} member of {@code /api/v1/alerts}, or a rule's alert list. */
  static List<Alert> alerts(JsonNode data) {
    JsonNode list = data.isObject() ? data.path("alerts") : data;
    List<Alert> alerts = new ArrayList<>();
    for (JsonNode alert : array(list)) {
      object(alert);
      alerts.add(new Alert(
          labels(alert.path("labels")),
          labels(alert.path("annotations")),
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

  private static Sample sample(Map<String, String> labels, JsonNode timestampAndValue) {
    if (!timestampAndValue.isArray() || timestampAndValue.size() != 2
        || !timestampAndValue.get(0).isNumber() || !timestampAndValue.get(1).isString()) {
      throw new IllegalArgumentException(
          "sample must be [timestamp, \"value\"]: " + timestampAndValue);
    }
    return new Sample(labels, value(timestampAndValue.get(1).stringValue()),
        timestampAndValue.get(0).doubleValue());
  }

  /**
   * A label set ({@code metric}, {@code labels}, {@code annotations}): an object of strings in
   * document order; absent or {@code null} reads as empty.
   */
  static Map<String, String> labels(JsonNode object) {
    if (object.isMissingNode() || object.isNull()) {
      return Map.of();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : object(object).properties()) {
      if (!member.getValue().isString()) {
        throw new IllegalArgumentException(
            "JSON member \"" + member.getKey() + "\" must be a string: " + member.getValue());
      }
      labels.put(member.getKey(), member.getValue().stringValue());
    }
    return Collections.unmodifiableMap(labels);
  }

  /** A string member; Prometheus omits empty ones ({@code omitempty}), which read as "". */
  private static String string(JsonNode object, String name) {
    JsonNode value = object.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    return value.isString() ? value.stringValue() : value.toString();
  }

  private static JsonNode object(JsonNode value) {
    if (!value.isObject()) {
      throw new IllegalArgumentException("JSON value must be an object: " + value);
    }
    return value;
  }

  private static JsonNode array(JsonNode value) {
    if (!value.isArray()) {
      throw new IllegalArgumentException("JSON value must be an array: " + value);
    }
    return value;
  }
}
