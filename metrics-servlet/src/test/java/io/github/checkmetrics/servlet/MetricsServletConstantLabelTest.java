package io.github.checkmetrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.ServletException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A constant label that a family of the served registry has, on {@link MetricsServlet} inside a
 * real Jetty 12: refused by the builder, by {@code init()} and by a {@code web.xml} deployment;
 * a clash that appears after the start answers the generic 500 (as {@code MetricsServer} does).
 */
class MetricsServletConstantLabelTest {

  private static final String CLASH =
      "constant label region collides with a label of metric family check_duration_seconds";

  private final PrometheusRegistry registry = new PrometheusRegistry();

  @Test
  void builderShouldRefuseALabelOfACheckFamily() {
    CheckMetrics.builder().registry(registry).build();

    assertThatThrownBy(
            () -> new MetricsServlet(ScrapeHandler.builder().registry(registry).constantLabel("region", "eu").build()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(CLASH);
    assertThatThrownBy(
            () ->
                new MetricsServlet(ScrapeHandler.builder()
                    .registry(registry)
                    .constantLabel("check_id", "x")
                    .build()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("constant label check_id collides with a label of metric family check_degraded");
  }

  @Test
  void initShouldRefuseALabelOfAFamilyRegisteredAfterTheBuild() {
    MetricsServlet servlet =
        new MetricsServlet(ScrapeHandler.builder().registry(registry).constantLabel("region", "eu").build());
    CheckMetrics.builder().registry(registry).build();

    assertThatThrownBy(() -> Jetty.start(context -> addOnStartup(context, servlet)))
        .isExactlyInstanceOf(ServletException.class)
        .hasMessage(CLASH);
  }

  @Test
  void webXmlWithALabelOfACheckFamilyShouldFailTheDeployment(@TempDir Path webApp)
      throws Exception {
    Path webXml = webApp.resolve("WEB-INF/web.xml");
    Files.createDirectories(webXml.getParent());
    Files.writeString(
        webXml,
        Files.readString(Path.of("src/test/resources/webapp/WEB-INF/web.xml"))
            .replace("service=orders, env=prod", "service=orders, region=eu-west-1"),
        StandardCharsets.UTF_8);
    WebAppContext context = new WebAppContext();
    context.setContextPath("/");
    context.setBaseResourceAsPath(webApp.toAbsolutePath());
    context.setParentLoaderPriority(true);
    context.setThrowUnavailableOnStartupException(true);
    CheckMetrics checks = CheckMetrics.builder().build(); // in the default registry, as web.xml's
    try {
      assertThatThrownBy(() -> Jetty.start(context, 8192))
          .isExactlyInstanceOf(ServletException.class)
          .hasMessage(CLASH);
    } finally {
      checks.close();
    }
  }

  @Test
  void clashAppearingAfterTheStartShouldAnswerTheGeneric500() throws Exception {
    MetricsServlet servlet =
        new MetricsServlet(ScrapeHandler.builder().registry(registry).constantLabel("region", "eu").build());
    try (Jetty jetty = Jetty.start(context -> addOnStartup(context, servlet))) {
      assertThat(jetty.get("/metrics").statusCode()).isEqualTo(200);
      CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
      metrics.register(Check.builder("db").build());
      metrics.record(
          CheckResult.builder("db", "eu-west-1")
              .outcome(Outcome.PASSED)
              .duration(Duration.ofMillis(3))
              .build());

      HttpResponse<String> response = jetty.get("/metrics");

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body())
          .isEqualTo("An error occurred while collecting metrics; the cause is in the server log.\n");
    }
  }

  private static void addOnStartup(
      org.eclipse.jetty.ee10.servlet.ServletContextHandler context, MetricsServlet servlet) {
    ServletHolder holder = new ServletHolder("metrics", servlet);
    holder.setInitOrder(0); // load-on-startup: init() runs when Jetty starts
    context.addServlet(holder, "/metrics");
  }
}
