package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite;

/**
 * The shared HTTP contract, against a {@link MetricsServlet} mapped at the metrics path inside a
 * real embedded Tomcat 10.1, beside {@link MetricsServletContractTest} (Jetty 12).
 *
 * <p>Two connector settings differ from Tomcat's defaults here, as a user who wants the whole
 * contract sets them: {@code maxHttpHeaderSize} is 256 KiB so that the suite's 100 KB query reaches
 * the servlet, and {@code relaxedQueryChars="[]"} lets {@code name[]} through unencoded. With the
 * defaults Tomcat itself answers both with 400 before any servlet runs (see {@link
 * MetricsServletTomcatTest}).
 */
class MetricsServletTomcatContractTest extends ScrapeContractSuite {

  @Override
  protected Endpoint start(ScrapeHandler handler) throws Exception {
    EmbeddedTomcat tomcat =
        EmbeddedTomcat.start(
            new MetricsServlet(handler),
            handler.metricsPath(),
            MetricsServletContractTest.LARGE_HEADER_SIZE,
            "[]");
    return Endpoint.of(tomcat.uri(handler.metricsPath()), tomcat);
  }
}
