package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The routes of the handler: path templates, no health path, and the 503 past its scrape slots. */
class ScrapeHandlerRoutesTest {

  private final PrometheusRegistry registry = new PrometheusRegistry();

  ScrapeHandlerRoutesTest() {
    registry.register(
        () ->
            GaugeSnapshot.builder()
                .name("up")
                .dataPoint(GaugeDataPointSnapshot.builder().value(1).build())
                .build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/accounts/a/metrics", "/accounts/tenant-42/metrics"})
  void templateShouldServeEveryValueOfItsSegment(String path) {
    ScrapeHandler handler =
        ScrapeHandler.builder().registry(registry).metricsPath("/accounts/{tenant}/metrics").build();

    ScrapeResponse response = handler.handle(TestRequest.of("GET", path));

    assertThat(response.status()).isEqualTo(200);
    assertThat(body(response)).contains("up 1.0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/accounts//metrics", "/accounts/a/b/metrics", "/accounts/a/metricsx", "/accounts/a"})
  void templateShouldNotServeOtherPaths(String path) {
    ScrapeHandler handler =
        ScrapeHandler.builder().registry(registry).metricsPath("/accounts/{tenant}/metrics").build();

    ScrapeResponse response = handler.handle(TestRequest.of("GET", path));

    assertThat(response.status()).isEqualTo(404);
    assertThat(body(response)).isEqualTo("Not Found\n");
  }

  @Test
  void noHealthPathShouldAnswer404ThereAndLeaveItOutOfTheIndex() {
    ScrapeHandler handler = ScrapeHandler.builder().registry(registry).noHealthPath().build();

    assertThat(handler.handle(TestRequest.of("GET", "/-/healthy")).status()).isEqualTo(404);
    assertThat(handler.healthPath()).isEmpty();
    assertThat(body(handler.handle(TestRequest.of("GET", "/"))))
        .contains("href=\"/metrics\"")
        .doesNotContain("health");
  }

  @Test
  void scrapePastItsSlotsShouldAnswer503WithRetryAfterAtOnce() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PrometheusRegistry slow = new PrometheusRegistry();
    slow.register(
        () -> {
          entered.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return GaugeSnapshot.builder().name("slow").build();
        });
    ScrapeHandler handler = ScrapeHandler.builder().registry(slow).concurrentScrapes(1, 0).build();
    CompletableFuture<ScrapeResponse> first =
        CompletableFuture.supplyAsync(() -> handler.handle(TestRequest.of("GET", "/metrics")));
    try {
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

      ScrapeResponse busy = handler.handle(TestRequest.of("GET", "/metrics"));
      ScrapeResponse busyHead = handler.handle(TestRequest.of("HEAD", "/metrics"));
      ScrapeResponse health = handler.handle(TestRequest.of("GET", "/-/healthy"));

      assertThat(busy.status()).isEqualTo(503);
      assertThat(busy.headers()).containsEntry("Retry-After", "1");
      assertThat(body(busy)).isEqualTo("Service Unavailable: too many concurrent requests\n");
      assertThat(busyHead.status()).isEqualTo(503);
      assertThat(busyHead.hasBody()).isFalse();
      assertThat(health.status()).isEqualTo(200); // only scrapes take a slot
    } finally {
      release.countDown();
    }
    assertThat(first.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(handler.handle(TestRequest.of("GET", "/metrics")).status()).isEqualTo(200);
  }

  static Stream<Arguments> invalidRouteOptions() {
    return Stream.of(
        invalid(b -> b.metricsPath("/a{b}").build(), IllegalArgumentException.class,
            "metrics path must hold {name} only as a whole segment, name matching"
                + " [a-z][a-z0-9_]*: \"/a{b}\""),
        invalid(b -> b.metricsPath("/{Tenant}/metrics").build(), IllegalArgumentException.class,
            "metrics path must hold {name} only as a whole segment, name matching"
                + " [a-z][a-z0-9_]*: \"/{Tenant}/metrics\""),
        invalid(b -> b.metricsPath("/{t}/{t}").build(), IllegalArgumentException.class,
            "metrics path must name each segment once: \"/{t}/{t}\""),
        invalid(b -> b.healthPath("/h").noHealthPath(), IllegalStateException.class,
            "healthPath was already set to \"/h\"; cannot set it to \"none\""),
        invalid(b -> b.concurrentScrapes(0, 1), IllegalArgumentException.class,
            "collecting scrapes must be > 0: 0"),
        invalid(b -> b.concurrentScrapes(1, -1), IllegalArgumentException.class,
            "waiting scrapes must be >= 0: -1"),
        invalid(b -> b.concurrentScrapes(1, 0).concurrentScrapes(2, 0),
            IllegalStateException.class, "concurrentScrapes was already set to 1; cannot set it to 2"));
  }

  @ParameterizedTest
  @MethodSource("invalidRouteOptions")
  void invalidRouteOptionShouldThrowWithExactMessage(
      Consumer<ScrapeHandler.Builder> configure, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(() -> configure.accept(ScrapeHandler.builder().registry(registry)))
        .isExactlyInstanceOf(type)
        .hasMessage(message);
  }

  private static Arguments invalid(
      Consumer<ScrapeHandler.Builder> configure, Class<? extends Throwable> type, String message) {
    return Arguments.of(configure, type, message);
  }

  private static String body(ScrapeResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
