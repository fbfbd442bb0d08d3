package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The authentication contract against a {@link MetricsServlet} configured through its own {@link
 * MetricsServlet.Builder#authentication(Authentication)} option, in a real embedded Jetty 12: the
 * twin of {@link MetricsServletAuthContractTest}, which hands the servlet a ready handler.
 */
class MetricsServletAuthenticationOptionContractTest extends AuthContractSuite {

  @Override
  protected Endpoint start(PrometheusRegistry registry, Authentication authentication)
      throws Exception {
    MetricsServlet servlet =
        new MetricsServlet(ScrapeHandler.builder().registry(registry).authentication(authentication).build());
    Jetty jetty = Jetty.start(context -> context.addServlet(servlet, "/metrics"));
    return Endpoint.of(jetty.uri("/metrics"), jetty);
  }

  /** Never called: failing here would show a test of the suite bypassing the option. */
  @Override
  protected Endpoint start(ScrapeHandler handler) {
    throw new UnsupportedOperationException("the suite must start through the option");
  }
}
