package io.github.checkmetrics.httpserver;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;
import io.github.checkmetrics.testkit.contract.TenantIsolationSuite;
import java.net.URI;

/** Tenant isolation against a real {@link MetricsServer} on a free loopback port. */
class MetricsServerTenantIsolationTest extends TenantIsolationSuite {

  @Override
  protected Endpoint start(ScrapeHandler handler) {
    MetricsServer server =
        MetricsServer.builder().host("127.0.0.1").port(0).handler(handler).buildAndStart();
    return Endpoint.of(
        URI.create("http://127.0.0.1:" + server.port() + handler.metricsPath()), server);
  }
}
