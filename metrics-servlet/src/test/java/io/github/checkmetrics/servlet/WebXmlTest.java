package io.github.checkmetrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import jakarta.servlet.ServletException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code web.xml} of the README's servlet section, deployed as a real web application by Jetty's {@link
 * WebAppContext}: the declarative configuration exactly as users write it.
 */
class WebXmlTest {

  private static final Path WEB_XML = Path.of("src/test/resources/webapp/WEB-INF/web.xml");

  private final Collector collector =
      () ->
          GaugeSnapshot.builder()
              .name("webxml_test_up")
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

  @Test
  void readmeShouldShowTheTestedWebXml() throws Exception {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);

    assertThat(readme).contains(Files.readString(WEB_XML, StandardCharsets.UTF_8));
  }

  @Test
  void webXmlShouldServeTheDefaultRegistryWithItsConstantLabels() throws Exception {
    try (Jetty jetty = Jetty.start(webApp("/shop", WEB_XML.getParent().getParent()), 8192)) {
      HttpResponse<String> response = jetty.get("/metrics?name[]=webxml_test_up");
      HttpResponse<String> other = jetty.get("/metricsfoo");

      assertThat(jetty.uri("/metrics").getPath()).isEqualTo("/shop/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .isEqualTo(
              "# TYPE webxml_test_up gauge\n"
                  + "webxml_test_up{region=\"eu-west-1\",service=\"orders\"} 1.0\n");
      assertThat(other.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void webXmlWithAnUnknownInitParameterShouldFailTheDeployment(@TempDir Path webApp)
      throws Exception {
    Path webXml = webApp.resolve("WEB-INF/web.xml");
    Files.createDirectories(webXml.getParent());
    Files.writeString(
        webXml,
        Files.readString(WEB_XML, StandardCharsets.UTF_8)
            .replace("<param-name>constantLabels</param-name>", "<param-name>labels</param-name>"),
        StandardCharsets.UTF_8);
    WebAppContext context = webApp("/", webApp);
    context.setThrowUnavailableOnStartupException(true);

    assertThatThrownBy(() -> Jetty.start(context, 8192))
        .isExactlyInstanceOf(ServletException.class)
        .hasMessage(
            "init-parameter must be one of constantLabels, maxQueryLength, maxQueryParameters,"
                + " metricsPath: \"labels\"");
  }

  private static WebAppContext webApp(String contextPath, Path baseResource) {
    WebAppContext context = new WebAppContext();
    context.setContextPath(contextPath);
    context.setBaseResourceAsPath(baseResource.toAbsolutePath());
    // MetricsServlet comes from the test class path, as from WEB-INF/lib in a packaged war.
    context.setParentLoaderPriority(true);
    return context;
  }
}
