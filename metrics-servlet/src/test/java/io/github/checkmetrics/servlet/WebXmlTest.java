package io.github.checkmetrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code web.xml} of {@code docs/servlet.md}, deployed as a real web application by Jetty's {@link
 * WebAppContext}: the declarative configuration exactly as users write it.
 */
class WebXmlTest {

  private static final Path WEB_XML = Path.of("src/test/resources/webapp/WEB-INF/web.xml");

  private static final Path CONFIG_WEB_XML =
      Path.of("src/test/resources/webapp-config/WEB-INF/web.xml");

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
    String readme = Files.readString(Path.of("../docs/servlet.md"), StandardCharsets.UTF_8);

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
                  + "webxml_test_up{env=\"prod\",service=\"orders\"} 1.0\n");
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
            .replace("<param-name>checkmetrics.constant_labels</param-name>",
                "<param-name>labels</param-name>"),
        StandardCharsets.UTF_8);
    WebAppContext context = webApp("/", webApp);
    context.setThrowUnavailableOnStartupException(true);

    assertThatThrownBy(() -> Jetty.start(context, 8192))
        .isExactlyInstanceOf(ServletException.class)
        .hasMessage(
            "init-parameter must be a configuration key (checkmetrics.*, see EndpointConfig):"
                + " \"labels\"");
  }

  @Test
  void readmeShouldShowTheTestedServletOfConfigurationWithoutCode() throws Exception {
    String readme = Files.readString(Path.of("../docs/servlet.md"), StandardCharsets.UTF_8);

    assertThat(readme).contains(servletElement(CONFIG_WEB_XML));
  }

  /**
   * The servlet reads the real system properties and environment here, as in production; no
   * {@code CHECKMETRICS_*} variable is expected in the test environment.
   */
  @Test
  void webXmlWithConfigShouldAskForTheBearerTokenOfItsFile(@TempDir Path webApp)
      throws Exception {
    Path token = Files.writeString(webApp.resolve("metrics-token"), "t0ken-of-the-file\n");
    Path webXml = webApp.resolve("WEB-INF/web.xml");
    Files.createDirectories(webXml.getParent());
    Files.writeString(
        webXml,
        Files.readString(CONFIG_WEB_XML, StandardCharsets.UTF_8)
            .replace("/run/secrets/metrics-token", token.toString()),
        StandardCharsets.UTF_8);
    try (Jetty jetty = Jetty.start(webApp("/shop", webApp), 8192)) {
      URI metrics = jetty.uri("/metrics?name[]=webxml_test_up&name[]=jvm_threads_current");
      HttpResponse<String> anonymous =
          CLIENT.send(HttpRequest.newBuilder(metrics).build(), BodyHandlers.ofString());
      HttpResponse<String> authorized =
          CLIENT.send(
              HttpRequest.newBuilder(metrics)
                  .header("Authorization", "Bearer t0ken-of-the-file")
                  .build(),
              BodyHandlers.ofString());

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(authorized.statusCode()).isEqualTo(200);
      assertThat(authorized.body()).contains("webxml_test_up 1.0\n", "jvm_threads_current ");
    }
  }

  /** The {@code <servlet>} element of a {@code web.xml}, as {@code docs/servlet.md} shows it. */
  private static String servletElement(Path webXml) throws Exception {
    String xml = Files.readString(webXml, StandardCharsets.UTF_8);
    return xml.substring(xml.indexOf("  <servlet>"), xml.indexOf("</servlet>") + 11);
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
