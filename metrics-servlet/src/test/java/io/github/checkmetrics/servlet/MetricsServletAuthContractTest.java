package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;

/**
 * The authentication contract against a {@link MetricsServlet} inside a real embedded Jetty 12
 * with its default request header size (8 KiB): Jetty itself answers the 16 KB {@code
 * Authorization} header with 431 before the servlet runs.
 */
class MetricsServletAuthContractTest extends AuthContractSuite {

  @Override
  protected Endpoint start(ScrapeHandler handler) throws Exception {
    Jetty jetty =
        Jetty.start(
            context ->
                context.addServlet(
                    new MetricsServlet(handler), handler.metricsPath()));
    return Endpoint.of(jetty.uri(handler.metricsPath()), jetty);
  }
}
