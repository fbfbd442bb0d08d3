package io.github.checkmetrics.spring;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.runner.HttpProbe;
import io.github.checkmetrics.runner.Probe;
import io.github.checkmetrics.runner.ScheduledCheck;
import io.github.checkmetrics.runner.TcpProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns {@link CheckmetricsProperties} into the library's objects, through the library's own
 * builders: every rule and message stays with the builder that owns it, and a broken one becomes a
 * {@link CheckmetricsPropertyException} naming the property.
 */
final class CheckmetricsSettings {

  static final String PREFIX = "checkmetrics.";
  /** How the endpoint keys' messages name where they were set. */
  static final String SOURCE = "Spring property";

  private CheckmetricsSettings() {}

  /**
   * The endpoint configuration of the properties, read by {@link EndpointConfig} from them alone
   * (no system property, environment variable or file: Spring has read those already).
   */
  static EndpointConfig endpointConfig(CheckmetricsProperties properties) {
    Map<String, String> entries = endpointEntries(properties);
    try {
      return EndpointConfig.loader()
          .systemProperties(new Properties())
          .environment(Map.of())
          .properties(entries, SOURCE)
          .load();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CheckmetricsPropertyException(propertyNamedBy(e.getMessage()), e.getMessage(), e);
    }
  }

  /**
   * Refuses the options of checkmetrics' own servlet when another component (Actuator) serves the
   * registry: they would do nothing.
   */
  static void requireNoServletOptions(CheckmetricsProperties properties) {
    for (String key : endpointEntries(properties).keySet()) {
      throw new CheckmetricsPropertyException(
          key,
          key
              + " must not be set when a PrometheusRegistry bean exists: checkmetrics then"
              + " registers its families there (Actuator serves them at /actuator/prometheus)"
              + " and registers no servlet of its own",
          null);
    }
  }

  /**
   * The metric schema of the check metrics: the default one, with only the families of {@code
   * checkmetrics.layers} when set (a choice of the schema, not of the endpoint).
   */
  static CheckSchema schema(CheckmetricsProperties properties) {
    if (properties.layers() == null) {
      return CheckSchema.DEFAULT;
    }
    List<String> keys = new ArrayList<>();
    properties.layers().forEach(key -> keys.add(key.strip()));
    return step(PREFIX + "layers", () -> CheckSchema.DEFAULT.toBuilder().layers(keys).build());
  }

  /** The checks declared under {@code checkmetrics.checks}, in check id order. */
  static List<ScheduledCheck> declaredChecks(CheckmetricsProperties properties) {
    List<ScheduledCheck> checks = new ArrayList<>();
    if (properties.checks() == null) {
      return checks;
    }
    for (Map.Entry<String, CheckmetricsProperties.DeclaredCheck> entry :
        new TreeMap<>(properties.checks()).entrySet()) {
      checks.add(declaredCheck(PREFIX + "checks." + entry.getKey(), entry.getKey(), entry.getValue()));
    }
    return checks;
  }

  private static ScheduledCheck declaredCheck(
      String at, String id, CheckmetricsProperties.DeclaredCheck properties) {
    boolean http = properties.url() != null;
    boolean tcp = properties.host() != null || properties.port() != null;
    if (http == tcp) {
      throw new CheckmetricsPropertyException(
          at,
          "a check must set either url (an HTTP probe) or host and port (a TCP probe)"
              + (http ? ", not both" : ""),
          null);
    }
    Check.Builder check = step(at, () -> Check.builder(id).type(http ? "http" : "tcp"));
    if (properties.name() != null) {
      step(at + ".name", () -> check.name(properties.name()));
    }
    if (properties.tags() != null) {
      step(at + ".tags", () -> check.tags(properties.tags()));
    }
    check.muted(properties.muted()).activated(properties.activated());
    Probe probe = http ? httpProbe(at, properties) : tcpProbe(at, properties);
    ScheduledCheck.Builder scheduled =
        ScheduledCheck.builder(step(at, check::build), probe);
    return schedule(at, scheduled, properties.interval(), properties.timeout());
  }

  /** Applies an interval and a timeout, each when set, and builds. */
  static ScheduledCheck schedule(
      String at, ScheduledCheck.Builder scheduled, Duration interval, Duration timeout) {
    if (interval != null) {
      step(at + ".interval", () -> scheduled.interval(interval));
    }
    if (timeout != null) {
      step(at + ".timeout", () -> scheduled.timeout(timeout));
    }
    return step(at + ".timeout", scheduled::build);
  }

  private static Probe httpProbe(String at, CheckmetricsProperties.DeclaredCheck properties) {
    HttpProbe.Builder probe = step(at + ".url", () -> HttpProbe.builder(properties.url()));
    if (properties.method() != null) {
      step(at + ".method", () -> probe.method(properties.method()));
    }
    Integer min = properties.expectedStatusMin();
    Integer max = properties.expectedStatusMax();
    if ((min == null) != (max == null)) {
      String missing = min == null ? "expected-status-min" : "expected-status-max";
      throw new CheckmetricsPropertyException(
          at + "." + missing,
          "expected-status-min and expected-status-max must be set together",
          null);
    }
    if (min != null) {
      step(at + ".expected-status-min", () -> probe.expectedStatus(min, max));
    }
    if (properties.expectedBody() != null) {
      step(at + ".expected-body", () -> probe.bodyContains(properties.expectedBody()));
    }
    if (properties.degradedThreshold() != null) {
      step(
          at + ".degraded-threshold", () -> probe.degradedThreshold(properties.degradedThreshold()));
    }
    return probe.build();
  }

  private static Probe tcpProbe(String at, CheckmetricsProperties.DeclaredCheck properties) {
    List<String> httpOnly = httpOnlyPropertiesSet(properties);
    if (!httpOnly.isEmpty()) {
      throw new CheckmetricsPropertyException(
          at + "." + httpOnly.get(0),
          httpOnly.get(0) + " applies to HTTP probes only (set url)",
          null);
    }
    if (properties.host() == null || properties.port() == null) {
      String missing = properties.host() == null ? "host" : "port";
      throw new CheckmetricsPropertyException(
          at + "." + missing, "a TCP probe needs both host and port", null);
    }
    TcpProbe.Builder probe =
        step(
            at + (properties.port() < 1 || properties.port() > 65535 ? ".port" : ".host"),
            () -> TcpProbe.builder(properties.host(), properties.port()));
    if (properties.degradedThreshold() != null) {
      step(
          at + ".degraded-threshold", () -> probe.degradedThreshold(properties.degradedThreshold()));
    }
    return probe.build();
  }

  private static List<String> httpOnlyPropertiesSet(CheckmetricsProperties.DeclaredCheck c) {
    List<String> set = new ArrayList<>();
    if (c.method() != null) {
      set.add("method");
    }
    if (c.expectedStatusMin() != null) {
      set.add("expected-status-min");
    }
    if (c.expectedStatusMax() != null) {
      set.add("expected-status-max");
    }
    if (c.expectedBody() != null) {
      set.add("expected-body");
    }
    return set;
  }

  /** The endpoint keys set, spelled as {@link EndpointConfig} spells them. */
  private static Map<String, String> endpointEntries(CheckmetricsProperties properties) {
    Map<String, String> entries = new LinkedHashMap<>();
    put(entries, "path", properties.path());
    if (properties.constantLabels() != null && !properties.constantLabels().isEmpty()) {
      List<String> pairs = new ArrayList<>();
      new TreeMap<>(properties.constantLabels()).forEach((k, v) -> pairs.add(k + "=" + v));
      entries.put(PREFIX + "constant_labels", String.join(",", pairs));
    }
    CheckmetricsProperties.Auth auth = properties.auth();
    if (auth != null) {
      put(entries, "auth.bearer_token", auth.bearerToken());
      put(entries, "auth.bearer_token_file", auth.bearerTokenFile());
      put(entries, "auth.basic_user", auth.basicUser());
      put(entries, "auth.basic_password", auth.basicPassword());
      put(entries, "auth.basic_password_file", auth.basicPasswordFile());
    }
    put(entries, "jvm_metrics", properties.jvmMetrics());
    put(entries, "process_metrics", properties.processMetrics());
    return entries;
  }

  private static void put(Map<String, String> entries, String key, Object value) {
    if (value != null) {
      entries.put(PREFIX + key, value.toString());
    }
  }

  /** The key an {@link EndpointConfig} message starts with, or the whole prefix. */
  private static String propertyNamedBy(String message) {
    if (message != null && message.startsWith(PREFIX)) {
      int end = message.indexOf(' ');
      return end < 0 ? message : message.substring(0, end);
    }
    return "checkmetrics";
  }

  /** Runs one builder step, turning a broken rule into the failure naming {@code property}. */
  static <T> T step(String property, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CheckmetricsPropertyException(property, e.getMessage(), e);
    }
  }
}
