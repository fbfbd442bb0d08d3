package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The authentication contract against a {@link MetricsServlet} configured through its {@link
 * MetricsServlet.Builder#authentication(Authentication)} option, inside a real embedded Tomcat 10.1
 * with its default {@code maxHttpHeaderSize} (8 KiB), beside {@link MetricsServletAuthContractTest}
 * (Jetty 12).
 */
class MetricsServletTomcatAuthContractTest extends AuthContractSuite {

  @Override
  protected Endpoint start(PrometheusRegistry registry, Authentication authentication)
      throws Exception {
    MetricsServlet servlet =
        new MetricsServlet(ScrapeHandler.builder().registry(registry).authentication(authentication).build());
    EmbeddedTomcat tomcat = EmbeddedTomcat.start(servlet, "/metrics");
    return Endpoint.of(tomcat.uri("/metrics"), tomcat);
  }

  /**
   * Tomcat answers a request whose headers exceed its {@code maxHttpHeaderSize} (8 KiB by default)
   * with 400 and its own error page, before the servlet runs; Jetty answers 431.
   */
  @Override
  protected int oversizedHeaderStatus() {
    return 400;
  }

  /** Never called: failing here would show a test of the suite bypassing the option. */
  @Override
  protected Endpoint start(ScrapeHandler handler) {
    throw new UnsupportedOperationException("the suite must start through the option");
  }
}
