package io.github.checkmetrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import jakarta.servlet.ServletException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

  static Stream<Arguments> invalidInitParameters() {
    return Stream.of(
        Arguments.of(
            "metricPath",
            "/metrics",
            "init-parameter must be one of constantLabels, maxQueryLength, maxQueryParameters,"
                + " metricsPath: \"metricPath\""),
        Arguments.of(
            "registry",
            "default",
            "init-parameter must be one of constantLabels, maxQueryLength, maxQueryParameters,"
                + " metricsPath: \"registry\""),
        Arguments.of(
            "metricsPath",
            "metrics",
            "init-parameter metricsPath: metrics path must match /[^?#\\s]*: \"metrics\""),
        Arguments.of(
            "metricsPath", "", "init-parameter metricsPath: metrics path must match /[^?#\\s]*: \"\""),
        Arguments.of(
            "metricsPath",
            "/prometheus",
            "metricsPath \"/prometheus\" must be matched by a url-pattern of servlet \"metrics\":"
                + " [\"/metrics\"]"),
        Arguments.of(
            "maxQueryLength", "8k", "init-parameter maxQueryLength must be an integer: \"8k\""),
        Arguments.of(
            "maxQueryLength", "0", "init-parameter maxQueryLength: max query length must be > 0: 0"),
        Arguments.of(
            "maxQueryParameters",
            "-5",
            "init-parameter maxQueryParameters: max query parameters must be > 0: -5"),
        Arguments.of(
            "maxQueryParameters",
            "99999999999",
            "init-parameter maxQueryParameters must be an integer: \"99999999999\""),
        Arguments.of(
            "constantLabels",
            "region",
            "init-parameter constantLabels must be name=value pairs separated by commas:"
                + " \"region\""),
        Arguments.of(
            "constantLabels",
            "a=1,,b=2",
            "init-parameter constantLabels must be name=value pairs separated by commas:"
                + " \"a=1,,b=2\""),
        Arguments.of(
            "constantLabels",
            "1a=x",
            "init-parameter constantLabels: constant label name must match"
                + " [a-zA-Z_][a-zA-Z0-9_]*: \"1a\""),
        Arguments.of(
            "constantLabels",
            "=x",
            "init-parameter constantLabels: constant label name must match"
                + " [a-zA-Z_][a-zA-Z0-9_]*: \"\""),
        Arguments.of(
            "constantLabels",
            "__name__=x",
            "init-parameter constantLabels: constant label name must not start with __"
                + " (reserved): \"__name__\""),
        Arguments.of(
            "constantLabels",
            "a=1, a=2",
            "init-parameter constantLabels: constant label given twice: \"a\""));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("invalidInitParameters")
  void invalidInitParameterShouldFailInitNamingIt(String name, String value, String message) {
    assertThatThrownBy(() -> start(Map.of(name, value)))
        .isExactlyInstanceOf(ServletException.class)
        .hasMessage(message);
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
    parameters.put("metricsPath", " /metrics ");
    parameters.put("constantLabels", "\n  service = orders ,region=eu-west-1,empty=\n");
    parameters.put("maxQueryLength", "40");
    parameters.put("maxQueryParameters", "2");
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
      assertThat(first.body()).contains("init-parameter must be one of");
      assertThat(second.statusCode()).isEqualTo(404);
    }
  }

  /** Starts Jetty with the servlet declared by class at {@code /metrics}, load-on-startup. */
  private static Jetty start(Map<String, String> initParameters) throws Exception {
    ServletHolder holder = new ServletHolder("metrics", MetricsServlet.class);
    initParameters.forEach(holder::setInitParameter);
    holder.setInitOrder(0);
    return Jetty.start(context -> context.addServlet(holder, "/metrics"));
  }
}
