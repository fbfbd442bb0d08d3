package io.github.checkmetrics.httpserver;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;
import java.net.URI;

/**
 * The authentication contract against a real {@link MetricsServer}. The JDK server hands a 16 KB
 * header to the handler, which answers 431 itself.
 */
class MetricsServerAuthContractTest extends AuthContractSuite {

  @Override
  protected Endpoint start(ScrapeHandler handler) {
    MetricsServer server =
        MetricsServer.builder().host("127.0.0.1").port(0).handler(handler).buildAndStart();
    return Endpoint.of(
        URI.create("http://127.0.0.1:" + server.port() + handler.metricsPath()), server);
  }
}
