package io.github.checkmetrics.exposition;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per tenant (as Checkly limits its endpoint to 50 requests a minute): each tenant
 * may make {@code burst} requests at once and one more every {@code 60 / requestsPerMinute}
 * seconds; beyond, 429 with {@code Retry-After}, counted in {@code
 * <namespace>_tenant_scrapes_rate_limited_total{tenant="..."}} of the platform's own, unscoped view
 * (the registry of its {@code CheckMetrics}), never in a tenant's.
 *
 * <p>A bucket exists only for a tenant a credential resolved to, so memory is bounded by the
 * platform's tenants, not by what clients send. Thread-safe: one lock per tenant's bucket.
 */
final class TenantRateLimit {

  /** Refused requests get this body; it says nothing about other tenants. */
  static final String BODY = "Too Many Requests\n";

  static final String METRIC = "tenant_scrapes_rate_limited";

  private static final long NANOS_PER_MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final int requestsPerMinute;
  private final int burst;
  private final double nanosPerToken;
  private final LongSupplier ticker;
  private final Counter rejected;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * A limit whose rejections are not counted, for tests of the bucket alone.
   *
   * @param requestsPerMinute 1 to 1,000,000: tokens added per minute
   * @param burst 1 to 1,000,000: the most tokens a bucket holds, so the most requests at once
   */
  TenantRateLimit(int requestsPerMinute, int burst, LongSupplier ticker) {
    this(requestsPerMinute, burst, ticker, null);
  }

  private TenantRateLimit(int requestsPerMinute, int burst, LongSupplier ticker, Counter rejected) {
    requireRange("tenant rate limit requests per minute", requestsPerMinute);
    requireRange("tenant rate limit burst", burst);
    this.requestsPerMinute = requestsPerMinute;
    this.burst = burst;
    this.nanosPerToken = (double) NANOS_PER_MINUTE / requestsPerMinute;
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.rejected = rejected;
  }

  /**
   * A limit counting its rejections in {@code registry}, as {@code
   * <namespace>_tenant_scrapes_rate_limited_total} with the label {@code tenantLabel}.
   *
   * @throws IllegalStateException when the registry already holds that family (a second handler
   *     limiting the same checks: give them one)
   */
  static TenantRateLimit counted(
      int requestsPerMinute,
      int burst,
      LongSupplier ticker,
      PrometheusRegistry registry,
      String namespace,
      String tenantLabel) {
    requireRange("tenant rate limit requests per minute", requestsPerMinute);
    requireRange("tenant rate limit burst", burst);
    String name = namespace + "_" + METRIC;
    // Checked before registering: a failed duplicate registration in client_java releases the
    // first metric's name, so the clash would not even be refused the next time.
    if (registry.scrape(name::equals).size() > 0) {
      throw new IllegalStateException(
          "tenant rate limit counter is already registered in the checks' registry: "
              + name
              + "_total (give every handler of these checks one rate limit)");
    }
    Counter counter =
        Counter.builder()
            .name(name)
            .help("Tenant scrapes refused with 429 because the tenant's rate limit was exhausted")
            .labelNames(tenantLabel)
            .register(registry);
    return new TenantRateLimit(requestsPerMinute, burst, ticker, counter);
  }

  static void requireRange(String what, int value) {
    if (value < 1 || value > 1_000_000) {
      throw new IllegalArgumentException(what + " must be between 1 and 1000000: " + value);
    }
  }

  /**
   * Takes a token from {@code tenant}'s bucket.
   *
   * @return null when the request may proceed, else the 429 to answer
   */
  ScrapeResponse acquire(String tenant, boolean head) {
    long waitNanos = buckets.computeIfAbsent(tenant, t -> new Bucket(burst, ticker.getAsLong()))
        .take(ticker.getAsLong());
    if (waitNanos == 0) {
      return null;
    }
    if (rejected != null) {
      rejected.labelValues(tenant).inc();
    }
    long seconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / 1_000_000_000L);
    return ScrapeResponse.text(429, ScrapeHandler.TEXT, BODY, head)
        .withHeader("Retry-After", Long.toString(seconds))
        .withHeader("Cache-Control", "no-store");
  }

  /** A bucket of tokens, refilled continuously. */
  private final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    /** Returns 0 and takes a token, or the nanoseconds until one is there. */
    synchronized long take(long now) {
      long elapsed = now - refilledAt;
      if (elapsed > 0) {
        tokens = Math.min(burst, tokens + elapsed / nanosPerToken);
        refilledAt = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken));
    }
  }

  @Override
  public String toString() {
    return "TenantRateLimit[" + requestsPerMinute + "/min, burst " + burst + "]";
  }
}
