package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantRateLimitTest {

  private final ManualTicker ticker = new ManualTicker();

  @Test
  void burstShouldPassThenAnswer429WithRetryAfterUntilATokenIsBack() {
    TenantRateLimit limit = new TenantRateLimit(3, 3, ticker); // a token every 20 s

    assertThat(limit.acquire("acme", false)).isNull();
    assertThat(limit.acquire("acme", false)).isNull();
    assertThat(limit.acquire("acme", false)).isNull();
    ScrapeResponse refused = limit.acquire("acme", false);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.headers())
        .containsExactly(
            Map.entry("Content-Type", "text/plain; charset=utf-8"),
            Map.entry("X-Content-Type-Options", "nosniff"),
            Map.entry("Retry-After", "20"),
            Map.entry("Cache-Control", "no-store"));
    assertThat(new String(refused.body(), StandardCharsets.UTF_8)).isEqualTo("Too Many Requests\n");

    ticker.advance(Duration.ofSeconds(5));
    assertThat(limit.acquire("acme", false).headers()).containsEntry("Retry-After", "15");
    ticker.advance(Duration.ofSeconds(15).minusNanos(1));
    assertThat(limit.acquire("acme", false).headers()).containsEntry("Retry-After", "1");
    ticker.advance(Duration.ofNanos(1));
    assertThat(limit.acquire("acme", false)).isNull();
    assertThat(limit.acquire("acme", false)).isNotNull();
  }

  @Test
  void tenantsShouldHaveABucketEach() {
    TenantRateLimit limit = new TenantRateLimit(60, 1, ticker);

    assertThat(limit.acquire("acme", false)).isNull();
    assertThat(limit.acquire("acme", false)).isNotNull();
    assertThat(limit.acquire("globex", false)).isNull();
  }

  @Test
  void bucketShouldNeverHoldMoreThanTheBurst() {
    TenantRateLimit limit = new TenantRateLimit(60, 2, ticker);
    assertThat(limit.acquire("acme", false)).isNull();

    ticker.advance(Duration.ofHours(1));
    assertThat(limit.acquire("acme", false)).isNull();
    assertThat(limit.acquire("acme", false)).isNull();
    assertThat(limit.acquire("acme", false).status()).isEqualTo(429);
  }

  @Test
  void headShouldGetThe429WithoutBody() {
    TenantRateLimit limit = new TenantRateLimit(1, 1, ticker);
    limit.acquire("acme", true);

    ScrapeResponse refused = limit.acquire("acme", true);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.hasBody()).isFalse();
    assertThat(refused.contentLength()).isEqualTo("Too Many Requests\n".length());
    assertThat(refused.headers()).containsEntry("Retry-After", "60");
  }

  @Test
  void refusalsShouldBeCountedPerTenantInThePlatformsRegistry() {
    PrometheusRegistry registry = new PrometheusRegistry();
    TenantRateLimit limit = TenantRateLimit.counted(1, 1, ticker, registry, "check", "tenant");

    limit.acquire("acme", false);
    limit.acquire("acme", false);
    limit.acquire("acme", false);
    limit.acquire("globex", false);

    MetricSnapshots snapshots = registry.scrape();
    assertThat(snapshots.size()).isEqualTo(1);
    CounterSnapshot counter = (CounterSnapshot) snapshots.get(0);
    assertThat(counter.getMetadata().getPrometheusName())
        .isEqualTo("check_tenant_scrapes_rate_limited");
    assertThat(counter.getDataPoints()).hasSize(1);
    assertThat(counter.getDataPoints().get(0).getLabels().get("tenant")).isEqualTo("acme");
    assertThat(counter.getDataPoints().get(0).getValue()).isEqualTo(2.0);
  }

  @Test
  void secondCountedLimitOnOneRegistryShouldBeRefused() {
    PrometheusRegistry registry = new PrometheusRegistry();
    TenantRateLimit.counted(1, 1, ticker, registry, "check", "tenant");

    assertThatThrownBy(() -> TenantRateLimit.counted(1, 1, ticker, registry, "check", "tenant"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "tenant rate limit counter is already registered in the checks' registry:"
                + " check_tenant_scrapes_rate_limited_total (give every handler of these checks"
                + " one rate limit)");
    assertThat(registry.scrape().size()).isEqualTo(1);
  }

  static Stream<Arguments> badLimits() {
    return Stream.of(
        Arguments.of(0, 1, "tenant rate limit requests per minute must be between 1 and 1000000: 0"),
        Arguments.of(
            1_000_001, 1,
            "tenant rate limit requests per minute must be between 1 and 1000000: 1000001"),
        Arguments.of(1, 0, "tenant rate limit burst must be between 1 and 1000000: 0"),
        Arguments.of(1, -5, "tenant rate limit burst must be between 1 and 1000000: -5"));
  }

  @ParameterizedTest
  @MethodSource("badLimits")
  void badLimitShouldBeRefused(int perMinute, int burst, String message) {
    assertThatThrownBy(() -> new TenantRateLimit(perMinute, burst, ticker))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    PrometheusRegistry registry = new PrometheusRegistry();
    assertThatThrownBy(
            () -> TenantRateLimit.counted(perMinute, burst, ticker, registry, "check", "tenant"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThat(registry.scrape().size()).as("nothing registered").isZero();
  }
}
