package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.FaultSuite;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;

/** The fault suite against a {@link MetricsServlet} inside a real embedded Jetty 12. */
class MetricsServletFaultTest extends FaultSuite {

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
