package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite;

/**
 * The shared HTTP contract in tenant mode, against a {@link MetricsServlet} mapped at {@code /*}
 * inside a real embedded Jetty 12, so that the tenants' paths reach it.
 */
class MetricsServletTenantContractTest extends ScrapeContractSuite {

  @Override
  protected Mode mode() {
    return Mode.TENANT;
  }

  @Override
  protected Endpoint start(ScrapeHandler handler) throws Exception {
    return MetricsServletTenantIsolationTest.startAtEveryPath(handler);
  }
}
