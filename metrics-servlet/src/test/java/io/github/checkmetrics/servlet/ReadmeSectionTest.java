package io.github.checkmetrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Twins of the Java blocks of the servlet sections of README.md and {@code docs/servlet.md} (the
 * {@code web.xml} block is {@code WebXmlTest}'s,
 * the embedded Jetty block is the class javadoc's, in {@code MetricsServletTest}).
 */
class ReadmeSectionTest {

  private final PrometheusRegistry registry = CheckRegistries.checkRegistry();

  /** What a ServletContainerInitializer, or Spring's ServletContextInitializer, runs. */
  private void register(ServletContext servletContext) {
    ServletRegistration.Dynamic metrics = servletContext.addServlet("metrics",
        new MetricsServlet(ScrapeHandler.builder()
            .registry(registry)                  // default: PrometheusRegistry.defaultRegistry
            .constantLabel("service", "orders")  // on every series
            .build()));
    metrics.addMapping("/metrics");
    metrics.setLoadOnStartup(1);                 // a bad mapping fails the start-up
  }

  @Test
  void servletContextSnippetShouldServeMetrics() throws Exception {
    ServletContainerInitializer initializer =
        (Set<Class<?>> classes, ServletContext context) -> register(context);
    try (Jetty jetty = Jetty.start(context -> context.addServletContainerInitializer(initializer))) {
      HttpResponse<String> response = jetty.get("/metrics?name[]=check_status");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("service=\"orders\"");
    }
  }
}
