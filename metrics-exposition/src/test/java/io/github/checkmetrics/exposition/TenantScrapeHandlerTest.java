package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tenant mode of {@link ScrapeHandler}: which tenant a request is let in as, the one refusal,
 * the answers to malformed tenant segments, the rate limit and the cache, each with the exact
 * status, headers and body. Isolation over real adapters is {@code TenantIsolationSuite}'s.
 */
class TenantScrapeHandlerTest {

  static final String TEMPLATE = "/accounts/{tenant}/metrics";
  private static final Instant FINISHED = Instant.parse("2026-12-05T12:00:00Z");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CheckMetrics checks = CheckMetrics.builder().registry(registry).build();
  private final TenantResolver resolver =
      TenantResolver.tokens(Map.of("acme", "acme-token", "globex", "globex-token", "empty", "e"));
  private final ManualTicker ticker = new ManualTicker();

  TenantScrapeHandlerTest() {
    for (String tenant : List.of("acme", "globex", "")) {
      Check.Builder check = Check.builder("db").name("Orders database");
      checks.register((tenant.isEmpty() ? check : check.tenant(tenant)).build());
      CheckResult.Builder result =
          CheckResult.builder("db", "eu-west-1")
              .outcome(tenant.equals("acme") ? Outcome.PASSED : Outcome.FAILED)
              .duration(Duration.ofMillis(tenant.length() + 1))
              .finishedAt(FINISHED);
      checks.record((tenant.isEmpty() ? result : result.tenant(tenant)).build());
    }
  }

  private ScrapeHandler handler() {
    return builder().build();
  }

  private ScrapeHandler.Builder builder() {
    return ScrapeHandler.builder()
        .tenants(checks, resolver)
        .metricsPath("/metrics")
        .tenantPath(TEMPLATE)
        .ticker(ticker);
  }

  @Test
  void bearerOnTheTenantsPathShouldServeExactlyItsOwnChecksWithoutTenantLabel() {
    ScrapeResponse response = handler().handle(get("/accounts/acme/metrics", bearer("acme-token")));

    assertThat(response.status()).isEqualTo(200);
    assertThat(text(response)).isEqualTo(onlyOf("acme")).doesNotContain("tenant=");
  }

  @Test
  void basicAuthOnTheFixedPathShouldServeTheTenantOfTheUserName() {
    ScrapeResponse response = handler().handle(get("/metrics", basic("globex:globex-token")));

    assertThat(response.status()).isEqualTo(200);
    assertThat(text(response)).isEqualTo(onlyOf("globex"));
  }

  @Test
  void bearerOnTheFixedPathShouldServeTheTenantOfTheToken() {
    ScrapeResponse response = handler().handle(get("/metrics", bearer("acme-token")));

    assertThat(text(response)).isEqualTo(onlyOf("acme"));
  }

  @Test
  void tenantWithoutChecksShouldGetAnEmpty200() {
    ScrapeResponse response = handler().handle(get("/accounts/empty/metrics", bearer("e")));

    assertThat(response.status()).isEqualTo(200);
    assertThat(text(response)).isEmpty();
    assertThat(response.headers())
        .containsEntry("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("no credential", "/accounts/acme/metrics", null),
        Arguments.of("wrong token", "/accounts/acme/metrics", "Bearer nope"),
        Arguments.of("another tenant's token", "/accounts/acme/metrics", "Bearer globex-token"),
        Arguments.of("unknown tenant", "/accounts/initech/metrics", "Bearer acme-token"),
        Arguments.of("unknown tenant, no credential", "/accounts/initech/metrics", null),
        Arguments.of("a hash as token", "/metrics", "Bearer " + TenantResolverTest.sha256Hex("e")),
        Arguments.of("malformed bearer", "/metrics", "Bearer a b"),
        Arguments.of("other scheme", "/metrics", "Digest acme-token"),
        Arguments.of("basic of another tenant", "/metrics", basic("acme:globex-token")),
        Arguments.of("basic of an unknown tenant", "/metrics", basic("initech:acme-token")),
        Arguments.of("basic without colon", "/metrics", basic("acme-token")),
        Arguments.of("basic on another path", "/accounts/acme/metrics", basic("globex:globex-token")),
        Arguments.of("basic not base64", "/metrics", "Basic !!!"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void everyRefusalShouldBeTheSame401(String why, String path, String authorization) {
    ScrapeHandler handler = handler();
    ScrapeResponse get = handler.handle(request("GET", path, authorization));
    ScrapeResponse head = handler.handle(request("HEAD", path, authorization));

    assertThat(get.status()).isEqualTo(401);
    assertThat(get.headers())
        .containsExactly(
            Map.entry(
                "WWW-Authenticate",
                "Bearer realm=\"metrics\", Basic realm=\"metrics\", charset=\"UTF-8\""),
            Map.entry("Content-Type", "text/plain; charset=utf-8"),
            Map.entry("X-Content-Type-Options", "nosniff"),
            Map.entry("Cache-Control", "no-store"));
    assertThat(text(get)).isEqualTo("Unauthorized\n");
    assertThat(head.status()).isEqualTo(401);
    assertThat(head.headers()).isEqualTo(get.headers());
    assertThat(head.hasBody()).isFalse();
  }

  static Stream<Arguments> malformedSegments() {
    return Stream.of(
        Arguments.of("/accounts/../metrics"),
        Arguments.of("/accounts/./metrics"),
        Arguments.of("/accounts/a%2Fb/metrics"),
        Arguments.of("/accounts/%2F/metrics"),
        Arguments.of("/accounts/acme%2E/metrics"),
        Arguments.of("/accounts//metrics"),
        Arguments.of("/accounts/" + "a".repeat(10 * 1024) + "/metrics"),
        Arguments.of("/accounts/" + "a".repeat(129) + "/metrics"),
        Arguments.of("/accounts/acme/metrics/"),
        Arguments.of("/accounts/acme"));
  }

  @ParameterizedTest
  @MethodSource("malformedSegments")
  void malformedTenantSegmentShouldBeThePlain404WithOrWithoutCredentials(String path) {
    ScrapeHandler handler = handler();
    ScrapeResponse unknownPath = handler.handle(request("GET", "/nowhere", null));

    for (String authorization : new String[] {null, "Bearer acme-token", "Bearer nope"}) {
      ScrapeResponse response = handler.handle(request("GET", path, authorization));
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.headers()).isEqualTo(unknownPath.headers());
      assertThat(text(response)).isEqualTo("Not Found\n");
    }
  }

  @Test
  void otherMethodShouldBe405BeforeTheCredentials() {
    ScrapeResponse response = handler().handle(request("POST", "/accounts/acme/metrics", null));

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers()).containsEntry("Allow", "GET, HEAD");
  }

  @Test
  void rateLimitShouldAnswer429WithRetryAfterAndCountItInThePlatformsView() throws IOException {
    ScrapeHandler handler = builder().tenantRateLimit(6, 2).build(); // a token every 10 s

    assertThat(handler.handle(get("/metrics", bearer("acme-token"))).status()).isEqualTo(200);
    assertThat(handler.handle(get("/metrics", bearer("acme-token"))).status()).isEqualTo(200);
    ScrapeResponse limited = handler.handle(get("/accounts/acme/metrics", bearer("acme-token")));
    assertThat(handler.handle(get("/metrics", bearer("globex-token"))).status()).isEqualTo(200);
    ScrapeResponse refused = handler.handle(get("/accounts/acme/metrics", bearer("nope")));

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers())
        .containsExactly(
            Map.entry("Content-Type", "text/plain; charset=utf-8"),
            Map.entry("X-Content-Type-Options", "nosniff"),
            Map.entry("Retry-After", "10"),
            Map.entry("Cache-Control", "no-store"));
    assertThat(text(limited)).isEqualTo("Too Many Requests\n");
    assertThat(refused.status()).as("a refused request takes no token").isEqualTo(401);
    assertThat(ExpositionWriter.of(registry).toString(ExpositionFormat.PROMETHEUS_TEXT))
        .contains(
            "# TYPE check_tenant_scrapes_rate_limited_total counter\n"
                + "check_tenant_scrapes_rate_limited_total{tenant=\"acme\"} 1.0\n");
    assertThat(text(handler.handle(get("/metrics", bearer("acme-token")))))
        .doesNotContain("rate_limited");
    ticker.advance(Duration.ofSeconds(10));
    assertThat(handler.handle(get("/metrics", bearer("acme-token"))).status()).isEqualTo(200);
  }

  @Test
  void cacheShouldServeTheSameAnswerUntilItsTimeToLiveEnds() {
    ScrapeHandler handler = builder().tenantCache(Duration.ofSeconds(60)).build();
    String before = text(handler.handle(get("/metrics", bearer("acme-token"))));

    checks.record(
        CheckResult.builder("db", "us-east-1")
            .tenant("acme")
            .outcome(Outcome.FAILED)
            .duration(Duration.ofMillis(3))
            .build());
    assertThat(text(handler.handle(get("/accounts/acme/metrics", bearer("acme-token")))))
        .isEqualTo(before);
    assertThat(text(handler.handle(get("/metrics?format=openmetrics", bearer("acme-token")))))
        .as("another format is another key")
        .contains("us-east-1");
    ticker.advance(Duration.ofSeconds(60));
    assertThat(text(handler.handle(get("/metrics", bearer("acme-token")))))
        .isNotEqualTo(before)
        .contains("us-east-1");
  }

  static Stream<Arguments> badBuilders() {
    CheckMetrics checks = CheckMetrics.builder().registry(new PrometheusRegistry()).build();
    TenantResolver resolver = TenantResolver.tokens(Map.of("acme", "t"));
    return Stream.of(
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>) b -> b.tenantPath(TEMPLATE),
            IllegalStateException.class,
            "tenantPath needs tenants(checks, resolver); none was set"),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>) b -> b.tenantRateLimit(50, 5),
            IllegalStateException.class,
            "tenantRateLimit needs tenants(checks, resolver); none was set"),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>) b -> b.tenantCache(Duration.ofSeconds(60)),
            IllegalStateException.class,
            "tenantCache needs tenants(checks, resolver); none was set"),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>) b -> b.tenantSharedFamilies("jvm_threads_current"),
            IllegalStateException.class,
            "tenantSharedFamilies needs tenants(checks, resolver); none was set"),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>)
                b -> b.tenants(checks, resolver).metricsPath("/accounts/{account}/metrics"),
            IllegalArgumentException.class,
            "metrics path may hold {tenant} and no other {name}: \"/accounts/{account}/metrics\""),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>)
                b -> b.tenants(checks, resolver).tenantPath("/t/{tenant}/{region}"),
            IllegalArgumentException.class,
            "tenant path may hold {tenant} and no other {name}: \"/t/{tenant}/{region}\""),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>) b -> b.tenants(checks, resolver).tenantPath("/metrics"),
            IllegalStateException.class,
            "tenant path must differ from the other paths of the handler: \"/metrics\""),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>)
                b -> b.tenants(checks, resolver)
                    .authentication(Authentication.bearerToken(Secret.value("t"))),
            IllegalStateException.class,
            "authentication must not be set with tenants(checks, resolver): the tenant resolver"
                + " authenticates a tenant endpoint"),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>)
                b -> b.tenants(checks, resolver).route("/-/reload", r -> null),
            IllegalStateException.class,
            "route must not be set with tenants(checks, resolver): every tenant's credential would"
                + " open it; serve routes from a handler of their own: \"/-/reload\""),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>)
                b -> b.tenants(checks, resolver).tenantSharedFamilies("check_status"),
            IllegalArgumentException.class,
            "tenant shared family must not be a family of the checks: \"check_status\""),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>) b -> b.tenantRateLimit(0, 1),
            IllegalArgumentException.class,
            "tenant rate limit requests per minute must be between 1 and 1000000: 0"),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>) b -> b.tenantRateLimit(1, 0),
            IllegalArgumentException.class,
            "tenant rate limit burst must be between 1 and 1000000: 0"),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>) b -> b.tenantCache(Duration.ZERO),
            IllegalArgumentException.class,
            "tenant cache time to live must be between 1 millisecond and 1 hour: PT0S"),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>) b -> b.tenants(null, resolver),
            NullPointerException.class,
            "checks"),
        Arguments.of(
            (Consumer<ScrapeHandler.Builder>) b -> b.tenants(checks, null),
            NullPointerException.class,
            "resolver"));
  }

  @ParameterizedTest
  @MethodSource("badBuilders")
  void badBuilderShouldBeRefused(
      Consumer<ScrapeHandler.Builder> options, Class<? extends Throwable> type, String message) {
    ScrapeHandler.Builder builder = ScrapeHandler.builder().registry(registry);
    assertThatThrownBy(
            () -> {
              options.accept(builder);
              builder.build();
            })
        .isInstanceOf(type)
        .hasMessage(message);
  }

  /** What a {@code CheckMetrics} holding only {@code tenant}'s checks, as checks of no tenant, shows. */
  private String onlyOf(String tenant) {
    PrometheusRegistry reference = new PrometheusRegistry();
    CheckMetrics only = CheckMetrics.builder().registry(reference).build();
    only.register(Check.builder("db").name("Orders database").build());
    only.record(
        CheckResult.builder("db", "eu-west-1")
            .outcome(tenant.equals("acme") ? Outcome.PASSED : Outcome.FAILED)
            .duration(Duration.ofMillis(tenant.length() + 1))
            .finishedAt(FINISHED)
            .build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ExpositionWriter.of(reference)
          .write(out, ExpositionFormat.PROMETHEUS_TEXT, name -> !name.endsWith("_rejected"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static TestRequest get(String path, String authorization) {
    return request("GET", path, authorization);
  }

  private static TestRequest request(String method, String path, String authorization) {
    TestRequest request = TestRequest.of(method, path);
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String basic(String userPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(ScrapeResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
