package io.github.checkmetrics.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the files of {@code examples/prometheus} and rewrites them for a test. */
final class PrometheusFiles {

  /** What a Grafana dashboard variable stands for when Prometheus evaluates an expression. */
  static final Map<String, String> GRAFANA_VARIABLES =
      Map.of("$__rate_interval", "1m", "$__interval", "15s", "$region", ".*");

  /** A key naming a file of credentials, and the file, in a scrape config. */
  private static final Pattern CREDENTIAL_FILE =
      Pattern.compile("(?m)((?:credentials_file|bearer_token_file|password_file): )(\\S+)$");

  private PrometheusFiles() {}

  static Path directory() {
    String configured = System.getProperty("checkmetricsTest.prometheusDir");
    return Path.of(configured != null ? configured : "prometheus").toAbsolutePath();
  }

  static Path prometheusYml() {
    return directory().resolve("prometheus.yml");
  }

  static Path alertsYml() {
    return directory().resolve("alerts.yml");
  }

  static Path dashboardJson() {
    return directory().resolve("grafana-dashboard.json");
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the directory of the tenant-mode files: prometheus.yml, tenants.txt, tokens */
  static Path tenantsDirectory() {
    return directory().resolve("tenants");
  }

  /**
   * The {@code scrape_configs} entries of {@code prometheus.yml}, unindented, with the demo's
   * address replaced.
   */
  static String scrapeConfigs(String demoAddress) {
    return scrapeConfigs(prometheusYml(), demoAddress);
  }

  /**
   * The {@code scrape_configs} entries of a Prometheus configuration, unindented, with the demo's
   * address ({@code 'localhost:9400'}) replaced and the credential files it names made absolute
   * (they are relative to the configuration's directory; a test's Prometheus runs elsewhere).
   */
  static String scrapeConfigs(Path prometheusYml, String demoAddress) {
    String yaml =
        CREDENTIAL_FILE
            .matcher(read(prometheusYml))
            .replaceAll(
                m ->
                    Matcher.quoteReplacement(
                        m.group(1) + prometheusYml.resolveSibling(m.group(2)).toAbsolutePath()));
    int start = yaml.indexOf("\nscrape_configs:\n");
    if (start < 0) {
      throw new IllegalStateException("prometheus.yml has no top-level scrape_configs");
    }
    String entries = yaml.substring(start + "\nscrape_configs:\n".length());
    if (!entries.contains("'localhost:9400'")) {
      throw new IllegalStateException("prometheus.yml does not scrape 'localhost:9400'");
    }
    int indent =
        entries
            .lines()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder unindented = new StringBuilder();
    entries
        .lines()
        .forEach(line -> unindented.append(line.isBlank() ? "" : line.substring(indent)).append('\n'));
    return unindented.toString().replace("'localhost:9400'", "'" + demoAddress + "'");
  }

  /** {@code alerts.yml} with every {@code for:} shortened so that a test sees alerts fire. */
  static String alertsWithShortFor(String shortFor) {
    return read(alertsYml()).replaceAll("(?m)^(\\s+for: )\\S+$", "$1" + shortFor);
  }

  /** Every PromQL expression of the dashboard's panels, Grafana variables not yet replaced. */
  static List<String> dashboardExpressions() {
    JsonNode dashboard = JsonMapper.shared().readTree(read(dashboardJson()));
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.required("panels")) {
      for (JsonNode target : panel.required("targets")) {
        expressions.add(target.required("expr").stringValue());
      }
    }
    return expressions;
  }

  /** @return the expression as Grafana would send it, with its variables replaced */
  static String withGrafanaVariables(String expression) {
    String result = expression;
    for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
      result = result.replace(variable.getKey(), variable.getValue());
    }
    return result;
  }
}
