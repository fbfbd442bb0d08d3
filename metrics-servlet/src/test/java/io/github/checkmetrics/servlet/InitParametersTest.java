package io.github.checkmetrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@link MetricsServlet} declared by class name, as {@code web.xml} declares it, configured by
 * init-parameters in a real Jetty; it serves client_java's default registry.
 */
class InitParametersTest {

  /** A family of our own in the default registry, removed after each test. */
  private final Collector collector =
      () ->
          GaugeSnapshot.builder()
              .name("servlet_test_up")
              .dataPoint(GaugeDataPointSnapshot.builder().value(1).build())
              .build();

  @BeforeEach
  void registerInDefaultRegistry() {
    PrometheusRegistry.defaultRegistry.register(collector);
  }

  @AfterEach
  void unregisterFromDefaultRegistry() {
    PrometheusRegistry.defaultRegistry.unregister(collector);
  }

  private static final String NOT_A_KEY =
      "init-parameter must be a configuration key (checkmetrics.*, see EndpointConfig): ";

  /** A credential of the invalid inputs, never to appear in a message. */
  private static final String SECRET = "s3cret-never-shown";

  @TempDir static Path dir;

  private static Path token;
  private static Path malformedToken;
  private static Path emptyFile;
  private static Path malformedBasic;

  @BeforeAll
  static void credentialFiles() throws IOException {
    token = Files.writeString(dir.resolve("token"), SECRET + "\n");
    malformedToken = Files.writeString(dir.resolve("malformed-token"), SECRET + " and more\n");
    emptyFile = Files.writeString(dir.resolve("empty"), "\n");
    malformedBasic = Files.writeString(dir.resolve("malformed-basic"), SECRET + "\n");
  }

  static Stream<Arguments> invalidInitParameters() {
    return Stream.of(
        invalid(NOT_A_KEY + "\"metricPath\"", "metricPath", "/metrics"),
        invalid(NOT_A_KEY + "\"registry\"", "registry", "default"),
        invalid(NOT_A_KEY + "\"config\"", "config", "true"),
        invalid(NOT_A_KEY + "\"constantLabels\"", "constantLabels", "a=1"),
        invalid(
            "configuration key must be one of " + EndpointConfig.keys()
                + ": \"checkmetrics.prot\" (init-parameter)",
            "checkmetrics.prot", "9400"),
        invalid("checkmetrics.path must match /[^?#\\s]*: \"metrics\" (init-parameter)",
            "checkmetrics.path", "metrics"),
        invalid("checkmetrics.path must match /[^?#\\s]*: \"\" (init-parameter)",
            "checkmetrics.path", ""),
        invalid(
            "metricsPath \"/prometheus\" must be matched by a url-pattern of servlet \"metrics\":"
                + " [\"/metrics\"]",
            "checkmetrics.path", "/prometheus"),
        invalid(
            "checkmetrics.max_query_length must be an integer in 1..2147483647: \"8k\""
                + " (init-parameter)",
            "checkmetrics.max_query_length", "8k"),
        invalid(
            "checkmetrics.max_query_length must be an integer in 1..2147483647: \"0\""
                + " (init-parameter)",
            "checkmetrics.max_query_length", "0"),
        invalid(
            "checkmetrics.max_query_parameters must be an integer in 1..2147483647: \"-5\""
                + " (init-parameter)",
            "checkmetrics.max_query_parameters", "-5"),
        invalid(
            "checkmetrics.max_query_parameters must be an integer in 1..2147483647:"
                + " \"99999999999\" (init-parameter)",
            "checkmetrics.max_query_parameters", "99999999999"),
        invalid(
            "checkmetrics.constant_labels: constant labels must be name=value pairs separated by"
                + " commas: \"region\" (init-parameter)",
            "checkmetrics.constant_labels", "region"),
        invalid(
            "checkmetrics.constant_labels: constant labels must be name=value pairs separated by"
                + " commas: \"a=1,,b=2\" (init-parameter)",
            "checkmetrics.constant_labels", "a=1,,b=2"),
        invalid(
            "checkmetrics.constant_labels: constant label name must match [a-zA-Z_][a-zA-Z0-9_]*,"
                + " not start with __ (reserved) and not be le or quantile (histogram buckets,"
                + " summary quantiles): \"1a\" (init-parameter)",
            "checkmetrics.constant_labels", "1a=x"),
        invalid(
            "checkmetrics.constant_labels: constant label name must match [a-zA-Z_][a-zA-Z0-9_]*,"
                + " not start with __ (reserved) and not be le or quantile (histogram buckets,"
                + " summary quantiles): \"\" (init-parameter)",
            "checkmetrics.constant_labels", "=x"),
        invalid(
            "checkmetrics.constant_labels: constant label name must match [a-zA-Z_][a-zA-Z0-9_]*,"
                + " not start with __ (reserved) and not be le or quantile (histogram buckets,"
                + " summary quantiles): \"__name__\" (init-parameter)",
            "checkmetrics.constant_labels", "__name__=x"),
        invalid(
            "checkmetrics.constant_labels: constantLabel(a) was already set to \"1\"; cannot set it"
                + " to \"2\" (init-parameter)",
            "checkmetrics.constant_labels", "a=1, a=2"),
        invalid("checkmetrics.auth.bearer_token_file must not be empty: \"  \" (init-parameter)",
            "checkmetrics.auth.bearer_token_file", "  "),
        invalid(
            "checkmetrics.auth.bearer_token_file must name a readable file: \""
                + dir.resolve("missing") + "\" (init-parameter)",
            "checkmetrics.auth.bearer_token_file", dir.resolve("missing").toString()),
        invalid(
            "checkmetrics.auth.bearer_token_file must name a readable file: \"" + dir
                + "\" (init-parameter)",
            "checkmetrics.auth.bearer_token_file", dir.toString()),
        invalid(
            "bearer token must match [A-Za-z0-9._~+/-]+=* and be at most 4096 characters: file "
                + malformedToken + " (value not shown)",
            "checkmetrics.auth.bearer_token_file", malformedToken.toString()),
        invalid("bearer token must not be empty: file " + emptyFile,
            "checkmetrics.auth.bearer_token_file", emptyFile.toString()),
        invalid("checkmetrics.auth.basic_auth_file must not be empty: \"\" (init-parameter)",
            "checkmetrics.auth.basic_auth_file", ""),
        invalid(
            "basic auth credentials must be lines of user:password, both non-empty, without"
                + " control characters: file " + malformedBasic + " (value not shown)",
            "checkmetrics.auth.basic_auth_file", malformedBasic.toString()),
        invalid(
            "bearer and basic authentication are both configured"
                + " (checkmetrics.auth.bearer_token* and checkmetrics.auth.basic_auth_file);"
                + " configure one",
            "checkmetrics.auth.basic_auth_file", malformedBasic.toString(),
            "checkmetrics.auth.bearer_token_file", token.toString()),
        invalid(
            "checkmetrics.jvm_metrics must be true or false: \"yes\" (init-parameter)",
            "checkmetrics.jvm_metrics", "yes"),
        invalid(
            "checkmetrics.config must name a readable properties file: \""
                + dir.resolve("missing.properties") + "\" (init-parameter)",
            "checkmetrics.config", dir.resolve("missing.properties").toString()),
        invalid("checkmetrics.auth.bearer_token must not be empty (init-parameter)",
            "checkmetrics.auth.bearer_token", ""),
        invalid(
            "bearer token must match [A-Za-z0-9._~+/-]+=* and be at most 4096 characters: value"
                + " (value not shown)",
            "checkmetrics.auth.bearer_token", SECRET + " and more"),
        invalid(
            "bearer and basic authentication are both configured"
                + " (checkmetrics.auth.bearer_token* and checkmetrics.auth.basic_user); configure"
                + " one",
            "checkmetrics.auth.bearer_token", SECRET, "checkmetrics.auth.basic_user", "prometheus"),
        invalid(
            "checkmetrics.tls.keystore must not be set for a servlet: its container serves HTTPS"
                + " (configure TLS on the container's connector): \"" + token + "\"",
            "checkmetrics.tls.keystore", token.toString(),
            "checkmetrics.tls.keystore_password", SECRET));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInitParameters")
  void invalidInitParameterShouldFailInitNamingIt(Map<String, String> parameters, String message) {
    assertThatThrownBy(() -> start(parameters, InitParametersTest::isolatedLoader))
        .isExactlyInstanceOf(ServletException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(messages(e)).doesNotContain(SECRET));
  }

  /** The configuration of the init-parameters alone: no system property, no environment. */
  static EndpointConfig.Loader isolatedLoader() {
    return EndpointConfig.loader().systemProperties(new Properties()).environment(Map.of());
  }

  /** The messages of an exception and its causes. */
  static String messages(Throwable e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t).append('\n');
    }
    return messages.toString();
  }

  private static Arguments invalid(String message, String... nameValues) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      parameters.put(nameValues[i], nameValues[i + 1]);
    }
    return Arguments.of(parameters, message);
  }

  @Test
  void noInitParameterShouldServeTheDefaultRegistryAtMetrics() throws Exception {
    try (Jetty jetty = start(Map.of())) {
      HttpResponse<String> response = jetty.get("/metrics?name[]=servlet_test_up");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .isEqualTo("# TYPE servlet_test_up gauge\nservlet_test_up 1.0\n");
    }
  }

  @Test
  void everyInitParameterShouldConfigureTheServlet() throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("checkmetrics.path", " /metrics ");
    parameters.put("checkmetrics.constant_labels", "\n  service = orders ,region=eu-west-1,empty=\n");
    parameters.put("checkmetrics.max_query_length", "40");
    parameters.put("checkmetrics.max_query_parameters", "2");
    try (Jetty jetty = start(parameters)) {
      HttpResponse<String> ok = jetty.get("/metrics?name[]=servlet_test_up");
      HttpResponse<String> tooLong = jetty.get("/metrics?name[]=" + "a".repeat(40));
      HttpResponse<String> tooMany = jetty.get("/metrics?a=1&b=2&c=3");

      assertThat(ok.body())
          .isEqualTo(
              "# TYPE servlet_test_up gauge\n"
                  + "servlet_test_up{empty=\"\",region=\"eu-west-1\",service=\"orders\"} 1.0\n");
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(tooLong.body()).isEqualTo("query length must be <= 40 characters: 47\n");
      assertThat(tooMany.body()).isEqualTo("query parameter count must be <= 2: 3\n");
    }
  }

  @Test
  void initFailureWithoutLoadOnStartupShouldFailTheFirstScrapeInstead() throws Exception {
    // Lazily initialised, a bad servlet passes the start-up and fails its first request: Jetty
    // answers 500 with its own error page, then marks the servlet unavailable (404). Hence
    // load-on-startup in the README.
    ServletHolder holder = new ServletHolder("metrics", MetricsServlet.class);
    holder.setInitParameter("metricPath", "/metrics");
    try (Jetty jetty = Jetty.start(context -> context.addServlet(holder, "/metrics"))) {
      HttpResponse<String> first = jetty.get("/metrics");
      HttpResponse<String> second = jetty.get("/metrics");

      assertThat(first.statusCode()).isEqualTo(500);
      assertThat(first.body()).contains("init-parameter must be a configuration key");
      assertThat(second.statusCode()).isEqualTo(404);
    }
  }

  /** Starts Jetty with the servlet declared by class at {@code /metrics}, load-on-startup. */
  static Jetty start(Map<String, String> initParameters) throws Exception {
    return start(new ServletHolder("metrics", MetricsServlet.class), initParameters);
  }

  /**
   * Starts Jetty with a declared servlet at {@code /metrics}, load-on-startup, whose other
   * configuration sources come through {@code configLoader}.
   */
  static Jetty start(
      Map<String, String> initParameters, Supplier<EndpointConfig.Loader> configLoader)
      throws Exception {
    return start(
        new ServletHolder("metrics", new MetricsServlet(configLoader)), initParameters);
  }

  private static Jetty start(ServletHolder holder, Map<String, String> initParameters)
      throws Exception {
    initParameters.forEach(holder::setInitParameter);
    holder.setInitOrder(0);
    return Jetty.start(context -> context.addServlet(holder, "/metrics"));
  }
}
