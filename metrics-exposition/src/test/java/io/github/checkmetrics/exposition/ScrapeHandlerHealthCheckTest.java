package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The health path behind a health check, such as a check runner's readiness. */
class ScrapeHandlerHealthCheckTest {

  private final AtomicBoolean healthy = new AtomicBoolean();
  private final ScrapeHandler handler =
      ScrapeHandler.builder().registry(new PrometheusRegistry()).healthCheck(healthy::get).build();

  @Test
  void healthPathShouldAnswer503UntilTheCheckSaysHealthy() {
    ScrapeResponse unhealthy = handler.handle(TestRequest.of("GET", "/-/healthy"));
    assertThat(unhealthy.status()).isEqualTo(503);
    assertThat(unhealthy.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8");
    assertThat(new String(unhealthy.body(), StandardCharsets.UTF_8))
        .isEqualTo("Service Unavailable\n");
    assertThat(handler.handle(TestRequest.of("HEAD", "/-/healthy")).status()).isEqualTo(503);

    healthy.set(true);

    ScrapeResponse ok = handler.handle(TestRequest.of("GET", "/-/healthy"));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("OK");
  }

  @Test
  void otherMethodsShouldStillGet405AndMetricsShouldNotDependOnHealth() {
    assertThat(handler.handle(TestRequest.of("POST", "/-/healthy")).status()).isEqualTo(405);
    assertThat(handler.handle(TestRequest.of("GET", "/metrics")).status()).isEqualTo(200);
  }

  @Test
  void throwingHealthCheckShouldAnswer503() {
    ScrapeHandler throwing =
        ScrapeHandler.builder()
            .healthCheck(
                () -> {
                  throw new IllegalStateException("runner gone");
                })
            .build();
    assertThat(throwing.handle(TestRequest.of("GET", "/-/healthy")).status()).isEqualTo(503);
  }

  @Test
  void badHealthCheckOptionShouldThrow() {
    assertThatThrownBy(() -> ScrapeHandler.builder().healthCheck(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("check");
    assertThatThrownBy(
            () -> ScrapeHandler.builder().healthCheck(named("first")).healthCheck(named("second")))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("healthCheck was already set to first; cannot set it to second");
  }

  /** A health check that shows as {@code name} in messages. */
  private static java.util.function.BooleanSupplier named(String name) {
    return new java.util.function.BooleanSupplier() {
      @Override
      public boolean getAsBoolean() {
        return true;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
