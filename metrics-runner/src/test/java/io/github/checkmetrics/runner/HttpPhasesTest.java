package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The two phases the client can time honestly: up to the response headers, then the body. */
class HttpPhasesTest {

  private static final long BEFORE_HEADERS_MILLIS = 300;
  private static final long BEFORE_BODY_MILLIS = 500;

  @Test
  void headersAndBodyPhasesShouldBeRecordedApart() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/slow-body",
        exchange -> {
          try {
            Thread.sleep(BEFORE_HEADERS_MILLIS);
            exchange.sendResponseHeaders(200, 0); // chunked: the headers go out now
            Thread.sleep(BEFORE_BODY_MILLIS);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write("UP".getBytes(StandardCharsets.UTF_8));
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
    PrometheusRegistry registry = new PrometheusRegistry();
    BlockingQueue<CheckResult> results = new LinkedBlockingQueue<>();
    try (CheckRunner runner =
        CheckRunner.builder(CheckMetrics.builder().registry(registry).build())
            .onResult(results::add)
            .build()) {
      runner.add(
          Check.builder("phases").build(),
          HttpProbe.builder("http://127.0.0.1:" + server.getAddress().getPort() + "/slow-body")
              .bodyContains("UP")
              .build(),
          Duration.ofSeconds(30),
          Duration.ofSeconds(30));
      runner.start();
      CheckResult result = results.poll(30, TimeUnit.SECONDS);
      assertThat(result).isNotNull();
      assertThat(result.failureReason()).isEmpty();

      String text = PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
      double headers = phase(text, "headers");
      double body = phase(text, "body");
      assertThat(headers).isGreaterThanOrEqualTo(BEFORE_HEADERS_MILLIS / 1000.0);
      // The client may see the headers late on a loaded machine, which moves time from the body
      // phase into the headers phase; the server's delays bound the sum, not the body alone.
      assertThat(body).isPositive();
      assertThat(headers + body)
          .isGreaterThanOrEqualTo((BEFORE_HEADERS_MILLIS + BEFORE_BODY_MILLIS) / 1000.0);
      assertThat(headers + body).isLessThanOrEqualTo(result.durationSeconds());
    } finally {
      server.stop(0);
    }
  }

  private static double phase(String text, String phase) {
    Matcher m =
        Pattern.compile(
                "(?m)^check_http_duration_seconds\\{check_id=\"phases\",phase=\""
                    + phase
                    + "\",region=\"local\"\\} (\\S+)$")
            .matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
