package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite;

/**
 * The shared HTTP contract, against a {@link MetricsServlet} mapped at the metrics path inside a
 * real embedded Jetty 12.
 *
 * <p>Jetty's request header size is raised to 256 KiB here so that the suite's 100 KB query reaches
 * the servlet: with Jetty's default of 8 KiB the container itself answers 414 before any servlet
 * runs (see {@code MetricsServletTest}).
 */
class MetricsServletContractTest extends ScrapeContractSuite {

  static final int LARGE_HEADER_SIZE = 256 * 1024;

  @Override
  protected Endpoint start(ScrapeHandler handler) throws Exception {
    Jetty jetty =
        Jetty.start(
            "/",
            LARGE_HEADER_SIZE,
            context ->
                context.addServlet(
                    new MetricsServlet(handler), handler.metricsPath()));
    return Endpoint.of(jetty.uri(handler.metricsPath()), jetty);
  }
}
