package io.github.checkmetrics.servlet;

import static io.github.checkmetrics.assertj.ExpositionAssertions.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.assertj.ExpositionAssertions;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.ServletException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MetricsServlet} in a real embedded Jetty 12: paths, mappings, container limits. */
class MetricsServletTest {

  private final PrometheusRegistry registry = CheckRegistries.checkRegistry();

  @Test
  void javadocExampleShouldServeBothServlets() throws Exception {
    try (Jetty jetty =
        Jetty.start(
            context -> {
              context.addServlet(new MetricsServlet(registry), "/metrics");

              MetricsServlet labelled = new MetricsServlet(ScrapeHandler.builder()
                  .registry(registry)
                  .constantLabel("service", "orders")
                  .metricsPath("/prometheus")
                  .build());
              context.addServlet(labelled, "/prometheus");
            })) {
      HttpResponse<String> plain = jetty.get("/metrics?name[]=check_status");
      HttpResponse<String> labelled = jetty.get("/prometheus?name[]=check_status");

      assertThat(plain.statusCode()).isEqualTo(200);
      ExpositionAssertions.assertThat(plain.body())
          .isValidExposition()
          .hasGauge("check_status", labels("check_id", "db"))
          .and()
          .doesNotHaveSeries("check_status", labels("service", "orders"));
      assertThat(labelled.statusCode()).isEqualTo(200);
      ExpositionAssertions.assertThat(labelled.body())
          .isValidExposition()
          .hasGauge("check_status", labels("check_id", "db", "service", "orders"))
          .and()
          .everySeriesHasLabel("service");
    }
  }

  static Stream<Arguments> pathsOtherThanTheMetricsPath() {
    return Stream.of(
        Arguments.of("/metrics/*", "/metrics/"),
        Arguments.of("/metrics/*", "/metrics/x"),
        Arguments.of("/metrics/*", "/metrics/-/healthy"),
        Arguments.of("/*", "/metricsfoo"),
        Arguments.of("/*", "/-/healthy"),
        Arguments.of("/*", "/"),
        Arguments.of("/", "/anything"),
        Arguments.of("/", "/metric%73"));
  }

  @ParameterizedTest
  @MethodSource("pathsOtherThanTheMetricsPath")
  void requestOnAnotherPathRoutedToTheServletShouldBe404(String mapping, String path)
      throws Exception {
    try (Jetty jetty = Jetty.start(context -> context.addServlet(servlet(), mapping))) {
      HttpResponse<String> get = jetty.get(path);
      HttpResponse<String> head = jetty.send("HEAD", path);
      HttpResponse<String> metrics = jetty.get("/metrics");

      assertThat(get.statusCode()).isEqualTo(404);
      assertThat(get.body()).isEqualTo("Not Found\n");
      assertThat(get.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(head.statusCode()).isEqualTo(404);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("Content-Length")).hasValue("10");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("check_status{");
    }
  }

  static Stream<Arguments> unreachableMetricsPaths() {
    return Stream.of(
        Arguments.of(List.of("/prometheus"), "/metrics", "[\"/prometheus\"]"),
        Arguments.of(List.of("/metrics/x/*"), "/metrics", "[\"/metrics/x/*\"]"),
        Arguments.of(
            List.of("/metricsfoo", "*.prom"), "/metrics", "[\"*.prom\", \"/metricsfoo\"]"),
        Arguments.of(List.of(""), "/metrics", "[\"\"]"),
        Arguments.of(List.of("/metrics"), "/prometheus", "[\"/metrics\"]"));
  }

  @ParameterizedTest
  @MethodSource("unreachableMetricsPaths")
  void mappingThatCannotRouteTheMetricsPathShouldFailInit(
      List<String> mappings, String metricsPath, String shown) {
    MetricsServlet servlet = new MetricsServlet(ScrapeHandler.builder().metricsPath(metricsPath).build());

    assertThatThrownBy(() -> Jetty.start(context -> register(context, servlet, mappings)))
        .isInstanceOf(ServletException.class)
        .hasMessage(
            "metricsPath \""
                + metricsPath
                + "\" must be matched by a url-pattern of servlet \"metrics\": "
                + shown);
  }

  static Stream<Arguments> reachableMetricsPaths() {
    return Stream.of(
        Arguments.of("/metrics", "/metrics"),
        Arguments.of("/metrics/*", "/metrics"),
        Arguments.of("/*", "/metrics"),
        Arguments.of("/", "/metrics"),
        Arguments.of("*.prom", "/metrics.prom"),
        Arguments.of("/ops/*", "/ops/metrics"),
        Arguments.of("", "/"));
  }

  @ParameterizedTest
  @MethodSource("reachableMetricsPaths")
  void mappingThatRoutesTheMetricsPathShouldServeIt(String mapping, String metricsPath)
      throws Exception {
    MetricsServlet servlet =
        new MetricsServlet(ScrapeHandler.builder().registry(registry).metricsPath(metricsPath).build());
    try (Jetty jetty = Jetty.start(context -> register(context, servlet, List.of(mapping)))) {
      HttpResponse<String> response = jetty.get(metricsPath);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("check_status{");
    }
  }

  @Test
  void initParameterOnABuiltServletShouldFailInit() {
    ServletHolder holder = new ServletHolder("metrics", new MetricsServlet(registry));
    holder.setInitParameter("metricsPath", "/metrics");
    holder.setInitOrder(0);

    assertThatThrownBy(() -> Jetty.start(context -> context.addServlet(holder, "/metrics")))
        .isInstanceOf(ServletException.class)
        .hasMessage(
            "init-parameter must not be set on a MetricsServlet created with a registry or a"
                + " handler (configure the handler instead): \"metricsPath\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TRACE", "OPTIONS", "CONNECT-ME", "M-SEARCH"})
  void methodsHttpServletWouldAnswerItselfShouldBe405(String method) throws Exception {
    try (Jetty jetty = Jetty.start(context -> context.addServlet(servlet(), "/metrics"))) {
      HttpResponse<String> response = jetty.send(method, "/metrics");

      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(response.body()).isEqualTo("method must be GET or HEAD: \"" + method + "\"\n");
    }
  }

  @Test
  void queryLongerThanJettysDefaultHeaderSizeShouldBe414FromJetty() throws Exception {
    try (Jetty jetty = Jetty.start(context -> context.addServlet(servlet(), "/metrics"))) {
      HttpResponse<String> tooLong = jetty.get("/metrics?name[]=" + "a".repeat(100 * 1024));
      HttpResponse<String> next = jetty.get("/metrics");

      // Jetty answers before any servlet runs; the handler's own 400 needs a larger header size.
      assertThat(Jetty.DEFAULT_HEADER_SIZE).isEqualTo(8192);
      assertThat(tooLong.statusCode()).isEqualTo(414);
      assertThat(next.statusCode()).isEqualTo(200);
    }
  }

  static Stream<Arguments> rawRequests() {
    return Stream.of(
        Arguments.of("header line without colon", "Accept\r\n", 400),
        Arguments.of("space before colon", "Accept : text/plain\r\n", 400),
        Arguments.of("latin-1 bytes in Accept", "Accept: \u00ff\u00fe;q=\u00e9, */*;q=x\r\n", 200),
        Arguments.of(
            "latin-1 bytes in Accept-Encoding", "Accept-Encoding: g\u00e9zip;;q=\r\n", 200),
        Arguments.of("empty Accept", "Accept: \r\n", 200));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rawRequests")
  void garbageHeadersShouldGetAStatusAndLeaveTheServletServing(
      String description, String headerLine, int status) throws Exception {
    try (Jetty jetty = Jetty.start(context -> context.addServlet(servlet(), "/metrics"))) {
      String response =
          raw(
              jetty,
              "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + headerLine
                  + "Connection: close\r\n\r\n");

      assertThat(response).startsWith("HTTP/1.1 " + status + " ");
      if (status == 200) {
        assertThat(response)
            .contains("Content-Type: text/plain; version=0.0.4; charset=utf-8")
            .contains("check_status{")
            .doesNotContain("Content-Encoding");
      }
      assertThat(jetty.get("/metrics").statusCode()).isEqualTo(200);
    }
  }

  private MetricsServlet servlet() {
    return new MetricsServlet(registry);
  }

  private static void register(
      ServletContextHandler context, MetricsServlet servlet, List<String> mappings) {
    ServletHolder holder = new ServletHolder("metrics", servlet);
    holder.setInitOrder(0); // load-on-startup: a bad mapping fails the start, not the first scrape
    context.getServletHandler().addServlet(holder);
    ServletMapping mapping = new ServletMapping();
    mapping.setServletName("metrics");
    mapping.setPathSpecs(mappings.toArray(new String[0]));
    context.getServletHandler().addServletMapping(mapping);
  }

  /** One request over a plain socket, bytes as ISO-8859-1, the whole response as text. */
  private static String raw(Jetty jetty, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", jetty.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
