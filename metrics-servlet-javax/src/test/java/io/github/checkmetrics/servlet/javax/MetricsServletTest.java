package io.github.checkmetrics.servlet.javax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.github.checkmetrics.testkit.Promtool;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The javax {@link MetricsServlet}'s own rules: paths, init-parameters, bad arguments. */
class MetricsServletTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void servesTheRegistryUnderAContextPathAndPromtoolAcceptsIt() throws Exception {
    PrometheusRegistry registry = CheckRegistries.checkRegistry();
    try (Tomcat9 tomcat =
        Tomcat9.start(
            "/app", Tomcat9.DEFAULT_HEADER_SIZE, Map.of("/metrics", new MetricsServlet(registry)))) {
      HttpResponse<String> response = get(tomcat.uri("/metrics"));

      assertThat(response.statusCode()).isEqualTo(200);
      // Tomcat drops the blanks of the handler's Content-Type
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain;version=0.0.4;charset=utf-8");
      assertThat(response.body()).contains("# TYPE check_status gauge");
      assertThat(Promtool.checkMetrics(response.body())).isEmpty();
    }
  }

  @Test
  void pathOtherThanTheMetricsPathShouldBe404() throws Exception {
    PrometheusRegistry registry = CheckRegistries.checkRegistry();
    Map<String, javax.servlet.Servlet> servlets = new LinkedHashMap<>();
    servlets.put("/metrics/*", new MetricsServlet(registry));
    try (Tomcat9 tomcat = Tomcat9.start(servlets)) {
      assertThat(get(tomcat.uri("/metrics")).statusCode()).isEqualTo(200);
      HttpResponse<String> other = get(tomcat.uri("/metrics/other"));
      assertThat(other.statusCode()).isEqualTo(404);
      assertThat(other.body()).isEqualTo("Not Found\n");
    }
  }

  @Test
  void handlerMetricsPathIsTheOnePathServed() throws Exception {
    ScrapeHandler handler =
        ScrapeHandler.builder()
            .registry(CheckRegistries.checkRegistry())
            .metricsPath("/prometheus")
            .build();
    try (Tomcat9 tomcat = Tomcat9.start(Map.of("/prometheus", new MetricsServlet(handler)))) {
      assertThat(get(tomcat.uri("/prometheus")).body()).contains("check_status");
    }
  }

  @Test
  void initParameterShouldFailInit() {
    MetricsServlet servlet = new MetricsServlet(new PrometheusRegistry());

    assertThatThrownBy(() -> servlet.init(config(Map.of("metricsPath", "/x", "config", "true"))))
        .isInstanceOf(ServletException.class)
        .hasMessage(
            "init-parameter must not be set on a MetricsServlet created with a registry or a"
                + " handler (configure the handler instead): \"config\"");
  }

  static Stream<Arguments> invalidDeclaredInitParameters() {
    return Stream.of(
        Arguments.of(Map.of("metricsPath", "/x"),
            "init-parameter must be a configuration key (checkmetrics.*, see EndpointConfig):"
                + " \"metricsPath\""),
        Arguments.of(Map.of("checkmetrics.path", "metrics"),
            "checkmetrics.path must match /[^?#\\s]*: \"metrics\" (init-parameter)"),
        Arguments.of(Map.of("checkmetrics.constant_labels", "a=1,a=2"),
            "checkmetrics.constant_labels: constantLabel(a) was already set to \"1\"; cannot set it"
                + " to \"2\" (init-parameter)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidDeclaredInitParameters")
  void declaredServletShouldReadTheCheckmetricsKeysOfItsInitParameters(
      Map<String, String> parameters, String message) {
    MetricsServlet servlet =
        new MetricsServlet(
            () -> EndpointConfig.loader().systemProperties(new Properties()).environment(Map.of()));

    assertThatThrownBy(() -> servlet.init(config(parameters)))
        .isInstanceOf(ServletException.class)
        .hasMessage(message);
  }

  @Test
  void noInitParameterShouldInit() throws ServletException {
    MetricsServlet servlet = new MetricsServlet();
    servlet.init(config(Map.of()));
    assertThat(servlet.getServletConfig()).isNotNull();
  }

  static Stream<Arguments> nullArguments() {
    return Stream.of(
        Arguments.of("registry", (Runnable) () -> new MetricsServlet((PrometheusRegistry) null)),
        Arguments.of("handler", (Runnable) () -> new MetricsServlet((ScrapeHandler) null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nullArguments")
  void nullArgumentShouldThrowNamingIt(String name, Runnable construct) {
    assertThatNullPointerException().isThrownBy(construct::run).withMessage(name);
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ServletConfig config(Map<String, String> parameters) {
    return new ServletConfig() {
      @Override
      public String getServletName() {
        return "metrics";
      }

      @Override
      public ServletContext getServletContext() {
        return null;
      }

      @Override
      public String getInitParameter(String name) {
        return parameters.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(parameters.keySet());
      }
    };
  }
}
