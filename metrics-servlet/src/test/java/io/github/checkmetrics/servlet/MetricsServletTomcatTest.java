package io.github.checkmetrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.CheckRegistries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.catalina.valves.ErrorReportValve;
import org.junit.jupiter.api.Test;

/**
 * What Tomcat 10.1 itself answers, with its defaults, before {@link MetricsServlet} runs: the
 * differences from Jetty 12 that {@code docs/troubleshooting.md} lists.
 */
class MetricsServletTomcatTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final MetricsServlet servlet =
      new MetricsServlet(ScrapeHandler.builder().registry(CheckRegistries.checkRegistry()).build());

  @Test
  void unencodedBracketsInTheQueryShouldBe400FromTomcatUnlessRelaxed() throws Exception {
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(servlet, "/metrics")) {
      HttpResponse<String> raw = get(tomcat, "/metrics?name[]=check_status");
      HttpResponse<String> encoded = get(tomcat, "/metrics?name%5B%5D=check_status");

      assertThat(raw.statusCode()).isEqualTo(400);
      // Tomcat's own error page: HTML, with the exception and its stack trace.
      assertThat(raw.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
      assertThat(raw.body())
          .contains("<h1>HTTP Status 400 – Bad Request</h1>")
          .contains("Invalid character found in the request target")
          .contains("java.lang.IllegalArgumentException")
          .contains("org.apache.coyote.http11.Http11InputBuffer.parseRequestLine");
      assertThat(encoded.statusCode()).isEqualTo(200);
      assertThat(encoded.body()).startsWith("# HELP check_status ").doesNotContain("check_runs");
    }
    try (EmbeddedTomcat tomcat =
        EmbeddedTomcat.start(servlet, "/metrics", EmbeddedTomcat.DEFAULT_MAX_HTTP_HEADER_SIZE, "[]")) {
      HttpResponse<String> relaxed = get(tomcat, "/metrics?name[]=check_status");

      assertThat(relaxed.statusCode()).isEqualTo(200);
      assertThat(relaxed.body()).startsWith("# HELP check_status ");
    }
  }

  @Test
  void errorReportValveWithoutReportShouldShowNoException() throws Exception {
    ErrorReportValve quiet = new ErrorReportValve();
    quiet.setShowReport(false);
    quiet.setShowServerInfo(false);
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(servlet, "/metrics", quiet)) {
      HttpResponse<String> raw = get(tomcat, "/metrics?name[]=check_status");

      assertThat(raw.statusCode()).isEqualTo(400);
      assertThat(raw.body())
          .contains("<h1>HTTP Status 400 – Bad Request</h1>")
          .doesNotContain("Exception")
          .doesNotContain("org.apache")
          .doesNotContain("Apache Tomcat/");
    }
  }

  @Test
  void requestLineOverTheHeaderSizeShouldBe400FromTomcat() throws Exception {
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(servlet, "/metrics")) {
      HttpResponse<String> response = get(tomcat, "/metrics?format=prometheus&x=" + "a".repeat(10_000));
      HttpResponse<String> header =
          CLIENT.send(
              HttpRequest.newBuilder(tomcat.uri("/metrics"))
                  .header("Authorization", "Bearer " + "a".repeat(16 * 1024))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      // Jetty answers these 414 and 431.
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("Request header is too large");
      assertThat(header.statusCode()).isEqualTo(400);
      assertThat(header.body()).contains("Request header is too large").doesNotContain("aaaa");
    }
  }

  private static HttpResponse<String> get(EmbeddedTomcat tomcat, String target) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port() + target))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
