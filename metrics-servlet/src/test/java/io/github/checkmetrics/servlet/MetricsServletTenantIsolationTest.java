package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;
import io.github.checkmetrics.testkit.contract.TenantIsolationSuite;

/**
 * Tenant isolation against a {@link MetricsServlet} mapped at {@code /*} inside a real embedded
 * Jetty 12.
 */
class MetricsServletTenantIsolationTest extends TenantIsolationSuite {

  @Override
  protected Endpoint start(ScrapeHandler handler) throws Exception {
    return startAtEveryPath(handler);
  }

  /** Jetty with the servlet at {@code /*}: every path, the tenants' included, reaches it. */
  static Endpoint startAtEveryPath(ScrapeHandler handler) throws Exception {
    Jetty jetty =
        Jetty.start(
            "/",
            MetricsServletContractTest.LARGE_HEADER_SIZE,
            context -> context.addServlet(new MetricsServlet(handler), "/*"));
    return Endpoint.of(jetty.uri(handler.metricsPath()), jetty);
  }
}
