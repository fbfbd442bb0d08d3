package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite;

/**
 * The shared HTTP contract again, with the servlet in a web application at context path {@code
 * /app} and mapped at {@code /*}: the servlet must find its metrics path after the context path,
 * whatever the mapping routes to it.
 */
class MetricsServletInWebAppContractTest extends ScrapeContractSuite {

  @Override
  protected Endpoint start(ScrapeHandler handler) throws Exception {
    Jetty jetty =
        Jetty.start(
            "/app",
            MetricsServletContractTest.LARGE_HEADER_SIZE,
            context -> context.addServlet(new MetricsServlet(handler), "/*"));
    return Endpoint.of(jetty.uri(handler.metricsPath()), jetty);
  }
}
