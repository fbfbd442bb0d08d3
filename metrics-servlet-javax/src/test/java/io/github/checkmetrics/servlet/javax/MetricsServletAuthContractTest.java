package io.github.checkmetrics.servlet.javax;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;
import java.util.Map;

/**
 * The authentication contract against the javax {@link MetricsServlet} inside a real embedded
 * Tomcat 9 with its default {@code maxHttpHeaderSize} (8 KiB).
 */
class MetricsServletAuthContractTest extends AuthContractSuite {

  /**
   * Tomcat 9 itself answers request headers over its {@code maxHttpHeaderSize} with 400 {@code
   * Bad Request} (Jetty says 431) before the servlet runs; the body names no credential either.
   */
  @Override
  protected int oversizedHeaderStatus() {
    return 400;
  }

  @Override
  protected Endpoint start(ScrapeHandler handler) throws Exception {
    Tomcat9 tomcat = Tomcat9.start(Map.of(handler.metricsPath(), new MetricsServlet(handler)));
    return Endpoint.of(tomcat.uri(handler.metricsPath()), tomcat);
  }
}
