package io.github.checkmetrics.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.assertj.ExpositionAssertions;
import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.TenantResolver;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.generated.Metrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation, against a real adapter: 50 tenants whose checks share ids, names and regions
 * (and share them with the platform's own checks), a registry that also holds the JVM's metrics
 * and the platform's own; every scrape of every tenant, in every exposition format and through
 * both shapes of tenant endpoint, holds exactly the series of a {@code CheckMetrics} that holds
 * only that tenant's checks, never another tenant's, the platform's, the JVM's or another
 * collector's, unless the platform shares a family with every tenant.
 *
 * <p>"Exactly" is a comparison of parsed series (name, labels, value), the scrape's and the
 * reference's, read by the same parser: client_java's protobuf classes for protobuf, and the
 * text parser of {@code metrics-assertj} for the text formats.
 */
public abstract class TenantIsolationSuite {

  /** The tenants of the fixture; every fifth has no check at all. */
  static final int TENANTS = 50;

  private static final String[] CHECK_IDS = {"db", "api", "web", "queue"};
  private static final String[] CHECK_NAMES = {"Orders database", "Public API", "Shop", "Queue"};
  private static final String[] REGIONS = {"eu-west-1", "us-east-1"};
  private static final Instant FINISHED = Instant.parse("2026-12-05T12:00:00Z");
  private static final String SHARED = "platform_queue_length";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<Endpoint> endpoints = new ArrayList<>();

  /**
   * Starts the adapter under test in front of {@code handler}, routing every path of the server to
   * it (a servlet mapped at {@code /*}).
   *
   * @param handler the handler
   * @return the running endpoint; its {@link Endpoint#metricsUri()} is the handler's fixed metrics
   *     path, {@code /metrics}
   * @throws Exception when the adapter cannot start
   */
  protected abstract Endpoint start(ScrapeHandler handler) throws Exception;

  @AfterEach
  void stopEndpoints() {
    endpoints.forEach(Endpoint::close);
    endpoints.clear();
  }

  @Test
  void everyScrapeOfEveryTenantShouldHoldExactlyItsOwnSeries() throws Exception {
    Platform platform = Platform.create();
    URI metrics = serve(platform.handler(List.of()));

    for (int i = 0; i < TENANTS; i++) {
      for (ExpositionFormat format : ExpositionFormat.values()) {
        byte[] expected = platform.reference(i, List.of(), format);
        assertExactly(
            scrape(bearerPath(metrics, i), "Bearer " + token(i), format), expected, format,
            tenant(i) + ", bearer on /accounts/" + tenant(i) + "/metrics, " + format);
        assertExactly(
            scrape(metrics, basic(i), format), expected, format,
            tenant(i) + ", basic auth on /metrics, " + format);
      }
    }
  }

  @Test
  void sharedFamilyShouldBeInEveryTenantsScrapeAndNothingElseOfThePlatform() throws Exception {
    Platform platform = Platform.create();
    List<String> shared = List.of(SHARED);
    URI metrics = serve(platform.handler(shared));

    for (int i = 0; i < TENANTS; i++) {
      for (ExpositionFormat format : ExpositionFormat.values()) {
        byte[] actual = scrape(bearerPath(metrics, i), "Bearer " + token(i), format);
        assertExactly(actual, platform.reference(i, shared, format), format, tenant(i) + ", " + format);
        if (format != ExpositionFormat.PROTOBUF) {
          ExpositionAssertions.assertThat(new String(actual, StandardCharsets.UTF_8), format)
              .hasFamily(SHARED);
        }
      }
    }
  }

  @Test
  void tenantsTokenOnAnotherTenantsPathShouldGetTheRefusalOfNoToken() throws Exception {
    URI metrics = serve(Platform.create().handler(List.of()));
    HttpResponse<byte[]> none = send(bearerPath(metrics, 1), Map.of());

    assertThat(none.statusCode()).isEqualTo(401);
    for (int i = 0; i < TENANTS; i++) {
      int other = (i + 1) % TENANTS;
      HttpResponse<byte[]> refused =
          send(bearerPath(metrics, other), Map.of("Authorization", "Bearer " + token(i)));
      assertThat(refused.statusCode()).as("%s on %s", tenant(i), tenant(other)).isEqualTo(401);
      assertThat(refused.body()).isEqualTo(none.body());
      assertThat(headers(refused)).isEqualTo(headers(none));
    }
  }

  /** The platform: one {@code CheckMetrics} with the checks of every tenant and its own. */
  private record Platform(PrometheusRegistry registry, CheckMetrics checks) {

    static Platform create() {
      PrometheusRegistry registry = new PrometheusRegistry();
      JvmMetrics.builder().register(registry);
      Counter requests =
          Counter.builder().name("platform_requests").help("Requests").register(registry);
      requests.inc(7);
      platformQueue(registry);
      CheckMetrics checks = CheckMetrics.builder().registry(registry).build();
      // The platform's own checks carry the same ids as the tenants'.
      fill(checks, null, 4, 99);
      for (int i = 0; i < TENANTS; i++) {
        fill(checks, tenant(i), i % 5, i);
      }
      return new Platform(registry, checks);
    }

    ScrapeHandler handler(List<String> shared) {
      Map<String, String> tokens = new LinkedHashMap<>();
      for (int i = 0; i < TENANTS; i++) {
        tokens.put(tenant(i), token(i));
      }
      ScrapeHandler.Builder builder =
          ScrapeHandler.builder()
              .registry(registry)
              .tenants(checks, TenantResolver.tokens(tokens))
              .metricsPath("/metrics")
              .tenantPath("/accounts/{tenant}/metrics");
      if (!shared.isEmpty()) {
        builder.tenantSharedFamilies(shared.toArray(String[]::new));
      }
      return builder.build();
    }

    /**
     * What tenant {@code i} must see, in {@code format}: what a registry holding its checks alone
     * (as checks of no tenant) and the shared families writes, less the refusal counters (the
     * platform's).
     */
    byte[] reference(int i, List<String> shared, ExpositionFormat format) throws IOException {
      PrometheusRegistry reference = new PrometheusRegistry();
      if (shared.contains(SHARED)) {
        platformQueue(reference);
      }
      fill(CheckMetrics.builder().registry(reference).build(), null, i % 5, i);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ExpositionWriter.of(reference).write(out, format, name -> !name.endsWith("_rejected"));
      return out.toByteArray();
    }

    /** The platform's family it may share with every tenant. */
    private static void platformQueue(PrometheusRegistry registry) {
      Gauge.builder()
          .name("platform_queue_length")
          .help("Checks waiting to run")
          .labelNames("queue")
          .register(registry)
          .labelValues("default")
          .set(3);
    }

    /**
     * Registers {@code count} checks of {@code tenant} (null: of no tenant) and records results
     * whose values tell the tenants apart ({@code seed}), into {@code checks}.
     */
    private static void fill(CheckMetrics checks, String tenant, int count, int seed) {
      for (int k = 0; k < count; k++) {
        Check.Builder check = Check.builder(CHECK_IDS[k]).name(CHECK_NAMES[k]).type("http");
        checks.register((tenant == null ? check : check.tenant(tenant)).build());
        for (int r = 0; r <= (seed + k) % REGIONS.length; r++) {
          CheckResult.Builder result =
              CheckResult.builder(CHECK_IDS[k], REGIONS[r])
                  .outcome(Outcome.values()[(seed + k + r) % Outcome.values().length])
                  .duration(Duration.ofMillis(10L * seed + k + 1))
                  .finishedAt(FINISHED.plusSeconds(seed));
          checks.record((tenant == null ? result : result.tenant(tenant)).build());
        }
      }
    }
  }

  static String tenant(int i) {
    return String.format("tenant-%02d", i);
  }

  static String token(int i) {
    return "token-of-tenant-" + i + "-" + Integer.toHexString(i * 7919);
  }

  private static String basic(int i) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((tenant(i) + ":" + token(i)).getBytes(StandardCharsets.UTF_8));
  }

  private URI serve(ScrapeHandler handler) throws Exception {
    Endpoint endpoint = start(handler);
    endpoints.add(endpoint);
    return endpoint.metricsUri();
  }

  /** The Checkly-shaped path of tenant {@code i}, beside the fixed metrics path. */
  private static URI bearerPath(URI metrics, int i) {
    return metrics.resolve("accounts/" + tenant(i) + "/metrics");
  }

  private byte[] scrape(URI uri, String authorization, ExpositionFormat format)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        send(URI.create(uri + "?format=" + format.queryValue()), Map.of("Authorization", authorization));
    assertThat(response.statusCode()).as("%s", uri).isEqualTo(200);
    return response.body();
  }

  private HttpResponse<byte[]> send(URI uri, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Map<String, List<String>> headers(HttpResponse<?> response) {
    Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
    headers.remove("date");
    return headers;
  }

  /**
   * Asserts that a scrape holds exactly the reference's series: the same text, byte for byte, for
   * the text formats (a valid exposition, as metrics-assertj's parser reads it, without the JVM's
   * or the platform's own families); for protobuf the same metric families as client_java's
   * classes read them, created timestamps aside (the reference's checks were created later).
   */
  private static void assertExactly(
      byte[] actual, byte[] expected, ExpositionFormat format, String description)
      throws IOException {
    if (format == ExpositionFormat.PROTOBUF) {
      assertThat(withoutCreated(actual)).as(description).isEqualTo(withoutCreated(expected));
      return;
    }
    String text = new String(actual, StandardCharsets.UTF_8);
    assertThat(text).as(description).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    ExpositionAssertions.assertThat(text, format)
        .isValidExposition()
        .doesNotHaveFamily("jvm_threads_current")
        .doesNotHaveFamily("platform_requests");
  }

  /** The families of a protobuf body, read by client_java's classes, without created times. */
  private static List<Metrics.MetricFamily> withoutCreated(byte[] body) throws IOException {
    List<Metrics.MetricFamily> families = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(body)) {
      Metrics.MetricFamily family;
      while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
        Metrics.MetricFamily.Builder builder = family.toBuilder();
        for (Metrics.Metric.Builder metric : builder.getMetricBuilderList()) {
          if (metric.hasCounter()) {
            metric.getCounterBuilder().clearCreatedTimestamp();
          }
          if (metric.hasHistogram()) {
            metric.getHistogramBuilder().clearCreatedTimestamp();
          }
        }
        families.add(builder.build());
      }
    }
    assertThat(families)
        .extracting(Metrics.MetricFamily::getName)
        .noneMatch(name -> name.startsWith("jvm_") || name.startsWith("platform_requests"));
    return families;
  }
}
