package io.github.checkmetrics.servlet.javax;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite;
import java.util.Map;

/**
 * The shared HTTP contract, against the javax {@link MetricsServlet} mapped at the metrics path
 * inside a real embedded Tomcat 9.
 *
 * <p>Tomcat's {@code maxHttpHeaderSize} is raised to 256 KiB here so that the suite's 100 KB query
 * reaches the servlet: with Tomcat's default of 8 KiB the container itself refuses the request
 * line before any servlet runs.
 */
class MetricsServletContractTest extends ScrapeContractSuite {

  static final int LARGE_HEADER_SIZE = 256 * 1024;

  @Override
  protected Endpoint start(ScrapeHandler handler) throws Exception {
    Tomcat9 tomcat =
        Tomcat9.start(
            "", LARGE_HEADER_SIZE, Map.of(handler.metricsPath(), new MetricsServlet(handler)));
    return Endpoint.of(tomcat.uri(handler.metricsPath()), tomcat);
  }
}
