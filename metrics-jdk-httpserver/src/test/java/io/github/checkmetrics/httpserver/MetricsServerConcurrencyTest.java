package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.assertj.ExpositionAssertions;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.expositionformats.generated.Metrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Scrapes while results are recorded: every scrape succeeds, nothing recorded is lost. */
class MetricsServerConcurrencyTest {

  private static final int SCRAPERS = 8;
  private static final int SCRAPES_EACH = 200;
  private static final int RECORDERS = 4;
  private static final int RESULTS_EACH = 100_000;
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1"};
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Test
  void scrapesWhileRecordingShouldAllSucceedAndCountEveryResult() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    for (int r = 0; r < RECORDERS; r++) {
      metrics.register(Check.builder("check-" + r).name("Check " + r).type("http").build());
    }
    ExecutorService threads = Executors.newFixedThreadPool(SCRAPERS + RECORDERS);
    try (MetricsServer server =
        MetricsServer.builder().host("127.0.0.1").port(0).registry(registry).buildAndStart()) {
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> scrapers = new ArrayList<>();
      List<Future<?>> recorders = new ArrayList<>();
      for (int r = 0; r < RECORDERS; r++) {
        String checkId = "check-" + r;
        recorders.add(threads.submit(record(metrics, checkId, go)));
      }
      for (int s = 0; s < SCRAPERS; s++) {
        scrapers.add(threads.submit(scrape(uri, go)));
      }
      go.countDown();

      for (Future<?> recorder : recorders) {
        recorder.get(5, TimeUnit.MINUTES);
      }
      int scrapes = 0;
      for (Future<Integer> scraper : scrapers) {
        scrapes += scraper.get(5, TimeUnit.MINUTES);
      }

      assertThat(scrapes).isEqualTo(SCRAPERS * SCRAPES_EACH);
      HttpResponse<byte[]> last = get(uri, "");
      assertThat(runsTotal(new String(last.body(), StandardCharsets.UTF_8)))
          .isEqualTo((double) RECORDERS * RESULTS_EACH);
      // Exact in protobuf too: a family missing from it would pass the never-decreasing check.
      HttpResponse<byte[]> lastProtobuf = get(uri, "?format=protobuf");
      assertThat(lastProtobuf.statusCode()).isEqualTo(200);
      assertThat(protobufRunsTotal(lastProtobuf.body()))
          .isEqualTo((double) RECORDERS * RESULTS_EACH);
    } finally {
      threads.shutdownNow();
    }
  }

  private static Callable<Void> record(CheckMetrics metrics, String checkId, CountDownLatch go) {
    return () -> {
      go.await();
      for (int i = 0; i < RESULTS_EACH; i++) {
        metrics.record(
            CheckResult.builder(checkId, REGIONS[i % REGIONS.length])
                .outcome(i % 10 == 0 ? Outcome.FAILED : Outcome.PASSED)
                .duration(Duration.ofMillis(i % 2_000))
                .build());
      }
      return null;
    };
  }

  /** Alternates text and protobuf; every response must be 200, parse, and never count backwards. */
  private Callable<Integer> scrape(URI uri, CountDownLatch go) {
    return () -> {
      go.await();
      double lastText = 0;
      double lastProtobuf = 0;
      for (int i = 0; i < SCRAPES_EACH; i++) {
        boolean text = i % 2 == 0;
        HttpResponse<byte[]> response = get(uri, text ? "" : "?format=protobuf");
        assertThat(response.statusCode()).isEqualTo(200);
        if (text) {
          double runs = runsTotal(new String(response.body(), StandardCharsets.UTF_8));
          assertThat(runs).isGreaterThanOrEqualTo(lastText);
          lastText = runs;
        } else {
          double runs = protobufRunsTotal(response.body());
          assertThat(runs).isGreaterThanOrEqualTo(lastProtobuf);
          lastProtobuf = runs;
        }
      }
      return SCRAPES_EACH;
    };
  }

  private HttpResponse<byte[]> get(URI uri, String query)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(uri + query)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Parses a text exposition strictly (metrics-assertj's parser) and sums {@code check_runs_total}. */
  private static double runsTotal(String exposition) {
    return ExpositionAssertions.assertThat(exposition).isValidExposition()
        .extractingValues("check_runs_total").actual().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double protobufRunsTotal(byte[] body) throws IOException {
    double sum = 0;
    int families = 0;
    try (InputStream in = new ByteArrayInputStream(body)) {
      Metrics.MetricFamily family;
      while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
        families++;
        if (family.getName().equals("check_runs_total")) {
          for (Metrics.Metric metric : family.getMetricList()) {
            sum += metric.getCounter().getValue();
          }
        }
      }
    }
    assertThat(families).isPositive();
    return sum;
  }
}
