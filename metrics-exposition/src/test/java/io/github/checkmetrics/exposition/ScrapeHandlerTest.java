package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.testkit.CheckRegistries;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrapeHandlerTest {

  private final PrometheusRegistry registry = CheckRegistries.checkRegistry();
  private final ScrapeHandler handler = ScrapeHandler.builder().registry(registry).build();

  @Test
  void javadocUsageShouldCompileAndServe() {
    ScrapeRequest request = TestRequest.of("GET", "/metrics");
    // twin of the class javadoc
    ScrapeHandler handler = ScrapeHandler.builder()
        .registry(registry)
        .metricsPath("/metrics")
        .healthPath("/-/healthy")
        .build();
    ScrapeResponse response = handler.handle(request);

    assertThat(response.status()).isEqualTo(200);
    assertThat(body(response))
        .isEqualTo(ExpositionWriter.of(registry).toString(ExpositionFormat.PROMETHEUS_TEXT));
  }

  @Test
  void healthPathShouldAnswerOk() {
    ScrapeResponse response = handler.handle(TestRequest.of("GET", "/-/healthy"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8");
    assertThat(body(response)).isEqualTo("OK");
  }

  @Test
  void indexPageShouldLinkToTheMetricsPath() {
    ScrapeHandler handler = ScrapeHandler.builder().registry(registry).metricsPath("/m<x>").build();

    ScrapeResponse response = handler.handle(TestRequest.of("GET", "/"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("Content-Type", "text/html; charset=utf-8");
    assertThat(body(response))
        .contains("<a href=\"/m&lt;x&gt;\">/m&lt;x&gt;</a>")
        .contains("<a href=\"/-/healthy\">");
  }

  @Test
  void indexPageWhenDisabledShouldBe404() {
    ScrapeHandler handler = ScrapeHandler.builder().registry(registry).indexPage(false).build();

    assertThat(handler.handle(TestRequest.of("GET", "/")).status()).isEqualTo(404);
  }

  @Test
  void metricsPathSlashShouldServeMetricsInsteadOfTheIndex() {
    ScrapeHandler handler = ScrapeHandler.builder().registry(registry).metricsPath("/").build();

    ScrapeResponse response = handler.handle(TestRequest.of("GET", "/"));

    assertThat(response.headers()).containsEntry("Content-Type", ExpositionFormat.PROMETHEUS_TEXT.contentType());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metricsfoo", "/metrics/", "/Metrics", "//metrics", "/-/healthy/", ""})
  void otherPathsShouldBe404(String path) {
    ScrapeResponse response = handler.handle(TestRequest.of("GET", path));

    assertThat(response.status()).isEqualTo(404);
    assertThat(body(response)).isEqualTo("Not Found\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/-/healthy"})
  void otherMethodsOnHealthAndIndexShouldBe405(String path) {
    ScrapeResponse response = handler.handle(TestRequest.of("POST", path));

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers()).containsEntry("Allow", "GET, HEAD");
  }

  @Test
  void scrapeShouldServeMetricsWhateverThePath() {
    ScrapeResponse response = handler.scrape(TestRequest.of("GET", "/app/prometheus?format=openmetrics"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers())
        .containsEntry(
            "Content-Type", ExpositionFormat.OPENMETRICS.contentType() + "; escaping=underscores");
  }

  @Test
  void headShouldReportTheLengthOfGetWithoutBody() {
    ScrapeResponse get = handler.handle(TestRequest.of("GET", "/metrics"));
    ScrapeResponse head = handler.handle(TestRequest.of("HEAD", "/metrics"));

    assertThat(head.hasBody()).isFalse();
    assertThat(head.body()).isEmpty();
    assertThat(head.contentLength()).isEqualTo(get.body().length).isPositive();
    assertThat(head.headers()).isEqualTo(get.headers());
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of("name[]=%zz", "query must be valid percent-encoding: \"%zz\""),
        Arguments.of("name[]=a%", "query must be valid percent-encoding: \"a%\""),
        Arguments.of(
            "format=prometheus&format=protobuf",
            "format must be given at most once: \"protobuf\""),
        Arguments.of("name%5B%5D=", "name[] must be a non-empty metric name: \"\""));
  }

  @ParameterizedTest
  @MethodSource("badQueries")
  void badQueryShouldBe400WithExactMessage(String query, String message) {
    ScrapeResponse response = handler.handle(TestRequest.of("GET", "/metrics?" + query));

    assertThat(response.status()).isEqualTo(400);
    assertThat(body(response)).isEqualTo(message + "\n");
  }

  @Test
  void queryLimitsShouldBeConfigurable() {
    ScrapeHandler handler =
        ScrapeHandler.builder().registry(registry).maxQueryLength(10).maxQueryParameters(2).build();

    assertThat(body(handler.handle(TestRequest.of("GET", "/metrics?name[]=check_s"))))
        .isEqualTo("query length must be <= 10 characters: 14\n");
    assertThat(body(handler.handle(TestRequest.of("GET", "/metrics?a&b&c"))))
        .isEqualTo("query parameter count must be <= 2: 3\n");
    assertThat(handler.handle(TestRequest.of("GET", "/metrics?a&&b")).status()).isEqualTo(200);
  }

  @Test
  void failureWhileCollectingShouldBeLoggedOnceAndNeverReachTheBody() {
    registry.register(new Failing());
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    ScrapeResponse response;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      response = handler.handle(TestRequest.of("GET", "/metrics").header("Accept-Encoding", "gzip"));
    } finally {
      System.setErr(stderr);
    }

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.headers()).doesNotContainKeys("Content-Encoding", "Vary");
    assertThat(body(response))
        .isEqualTo("An error occurred while collecting metrics; the cause is in the server log.\n");
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log.split("answered 500", -1)).hasSize(2);
    assertThat(log).contains("ERROR").contains(Failing.MESSAGE).contains("at io.github.checkmetrics");
  }

  @Test
  void routeShouldAnswerItsPathAfterTheMetricsCredentials() {
    ScrapeHandler routed = ScrapeHandler.builder()
        .registry(registry)
        .authentication(Authentication.bearerToken(Secret.value("s3cr3t")))
        .route("/-/reload", request -> ScrapeResponse.plainText(
                405, "method must be POST\n", "HEAD".equals(request.method()))
            .withHeader("Allow", "POST"))
        .build();

    assertThat(routed.handle(TestRequest.of("POST", "/-/reload")).status()).isEqualTo(401);
    ScrapeResponse answered = routed.handle(
        TestRequest.of("GET", "/-/reload").header("Authorization", "Bearer s3cr3t"));
    assertThat(answered.status()).isEqualTo(405);
    assertThat(answered.headers()).containsEntry("Allow", "POST")
        .containsEntry("Content-Type", "text/plain; charset=utf-8")
        .containsEntry("X-Content-Type-Options", "nosniff");
    assertThat(body(answered)).isEqualTo("method must be POST\n");
    assertThat(routed.handle(TestRequest.of("GET", "/-/reloadx")
        .header("Authorization", "Bearer s3cr3t")).status()).isEqualTo(404);
  }

  @Test
  void routeThatFailsShouldGetTheGeneric500() {
    ScrapeHandler routed = ScrapeHandler.builder()
        .registry(registry)
        .route("/throws", request -> {
          throw new IllegalStateException("secret detail");
        })
        .route("/null", request -> null)
        .build();
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    ScrapeResponse thrown;
    ScrapeResponse nothing;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      thrown = routed.handle(TestRequest.of("GET", "/throws"));
      nothing = routed.handle(TestRequest.of("GET", "/null"));
    } finally {
      System.setErr(stderr);
    }

    assertThat(thrown.status()).isEqualTo(500);
    assertThat(body(thrown)).isEqualTo("Internal Server Error\n");
    assertThat(nothing.status()).isEqualTo(500);
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("The route of /throws failed; answered 500").contains("secret detail");
  }

  @Test
  void plainTextAndWithHeaderShouldRefuseWhatTheyCannotSend() {
    assertThatThrownBy(() -> ScrapeResponse.plainText(99, "x", false))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be between 100 and 599: 99");
    assertThatThrownBy(() -> ScrapeResponse.plainText(600, "x", false))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be between 100 and 599: 600");
    assertThatThrownBy(() -> ScrapeResponse.plainText(200, "x", false)
            .withHeader("content-length", "1"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("header must not be Content-Length: the adapter sets it");
    ScrapeResponse head = ScrapeResponse.plainText(503, "busy\n", true);
    assertThat(head.hasBody()).isFalse();
    assertThat(head.contentLength()).isEqualTo(5);
  }

  @Test
  void constantLabelsShouldBeServed() {
    ScrapeHandler handler =
        ScrapeHandler.builder().registry(registry).constantLabel("instance_group", "a").build();

    assertThat(body(handler.handle(TestRequest.of("GET", "/metrics?name[]=check_status"))))
        .contains("instance_group=\"a\"");
  }

  @Test
  void defaultsShouldBeReported() {
    ScrapeHandler handler = ScrapeHandler.builder().build();

    assertThat(handler.metricsPath()).isEqualTo("/metrics");
    assertThat(handler.healthPath()).contains("/-/healthy");
  }

  @Test
  void authenticationShouldGuardMetricsAndIndexButNotHealthByDefault() {
    ScrapeHandler handler =
        ScrapeHandler.builder()
            .registry(registry)
            .authentication(Authentication.bearerToken(Secret.value("right-token")))
            .build();

    assertThat(handler.handle(TestRequest.of("GET", "/metrics")).status()).isEqualTo(401);
    assertThat(handler.handle(TestRequest.of("GET", "/")).status()).isEqualTo(401);
    assertThat(handler.handle(TestRequest.of("GET", "/-/healthy")).status()).isEqualTo(200);
    assertThat(handler.handle(TestRequest.of("GET", "/other")).status()).isEqualTo(404);
    assertThat(
            handler
                .handle(
                    TestRequest.of("GET", "/").header("Authorization", "Bearer right-token"))
                .status())
        .isEqualTo(200);
    ScrapeResponse scrape =
        handler.scrape(TestRequest.of("GET", "/any").header("Authorization", "Bearer right-token"));
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(body(scrape)).contains("check_status{");
  }

  @Test
  void authenticatedHealthPathShouldNeedTheCredentials() {
    ScrapeHandler handler =
        ScrapeHandler.builder()
            .registry(registry)
            .authentication(Authentication.basic("prometheus", Secret.value("pw")))
            .authenticateHealthPath(true)
            .build();
    String basic = AuthenticationTest.basic("prometheus:pw");

    ScrapeResponse refused = handler.handle(TestRequest.of("GET", "/-/healthy"));
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.headers())
        .containsEntry("WWW-Authenticate", "Basic realm=\"metrics\", charset=\"UTF-8\"");
    assertThat(
            body(handler.handle(TestRequest.of("GET", "/-/healthy").header("Authorization", basic))))
        .isEqualTo("OK");
  }

  @Test
  void methodShouldBeCheckedBeforeCredentialsAndCredentialsBeforeTheQuery() {
    ScrapeHandler handler =
        ScrapeHandler.builder()
            .registry(registry)
            .authentication(Authentication.bearerToken(Secret.value("right-token")))
            .build();

    assertThat(handler.handle(TestRequest.of("POST", "/metrics")).status()).isEqualTo(405);
    ScrapeResponse badQuery = handler.handle(TestRequest.of("GET", "/metrics?format=xml&name[]="));
    assertThat(badQuery.status()).isEqualTo(401);
    assertThat(body(badQuery)).isEqualTo("Unauthorized\n");
    assertThat(
            handler
                .handle(
                    TestRequest.of("GET", "/metrics?format=xml")
                        .header("Authorization", "Bearer right-token"))
                .status())
        .isEqualTo(406);
  }

  static Stream<Arguments> invalidBuilders() {
    return Stream.of(
        invalid(b -> b.metricsPath("metrics"), IllegalArgumentException.class,
            "metrics path must match /[^?#\\s]*: \"metrics\""),
        invalid(b -> b.metricsPath(""), IllegalArgumentException.class,
            "metrics path must match /[^?#\\s]*: \"\""),
        invalid(b -> b.metricsPath("/metrics?x=1"), IllegalArgumentException.class,
            "metrics path must match /[^?#\\s]*: \"/metrics?x=1\""),
        invalid(b -> b.healthPath("/a b"), IllegalArgumentException.class,
            "health path must match /[^?#\\s]*: \"/a b\""),
        invalid(b -> b.metricsPath(null), NullPointerException.class, "path"),
        invalid(b -> b.registry(null), NullPointerException.class, "registry"),
        invalid(b -> b.constantLabel(null, "v"), NullPointerException.class, "name"),
        invalid(b -> b.maxQueryLength(0), IllegalArgumentException.class,
            "max query length must be > 0: 0"),
        invalid(b -> b.maxQueryParameters(-1), IllegalArgumentException.class,
            "max query parameters must be > 0: -1"),
        invalid(b -> b.healthPath("/metrics").build(), IllegalStateException.class,
            "health path must differ from the metrics path: \"/metrics\""),
        invalid(b -> b.metricsPath("/m").healthPath("/m").build(), IllegalStateException.class,
            "health path must differ from the metrics path: \"/m\""),
        invalid(b -> b.metricsPath("/a").metricsPath("/b"), IllegalStateException.class,
            "metricsPath was already set to \"/a\"; cannot set it to \"/b\""),
        invalid(b -> b.indexPage(true).indexPage(false), IllegalStateException.class,
            "indexPage was already set to true; cannot set it to false"),
        invalid(b -> b.maxQueryLength(5).maxQueryLength(6), IllegalStateException.class,
            "maxQueryLength was already set to 5; cannot set it to 6"),
        invalid(b -> b.authentication(null), NullPointerException.class, "authentication"),
        invalid(b -> b.authentication(Authentication.bearerToken(Secret.value("s3cr3t")))
                .authentication(Authentication.basic("u", Secret.value("s3cr3t"))),
            IllegalStateException.class,
            "authentication was already set to Authentication[Bearer: value]; cannot set it to"
                + " Authentication[Basic: value]"),
        invalid(b -> b.authenticateHealthPath(true).authenticateHealthPath(false),
            IllegalStateException.class, "authenticateHealthPath was already set to true; cannot set it to false"),
        invalid(b -> b.authenticateHealthPath(true).build(), IllegalStateException.class,
            "authenticate health path needs authentication; none was set"),
        invalid(b -> b.route("probe", request -> null), IllegalArgumentException.class,
            "route path must match /[^?#\\s]*: \"probe\""),
        invalid(b -> b.route("/", request -> null), IllegalArgumentException.class,
            "route path must not be \"/\" (the index page)"),
        invalid(b -> b.route(null, request -> null), NullPointerException.class, "path"),
        invalid(b -> b.route("/probe", null), NullPointerException.class, "route"),
        invalid(b -> b.route("/probe", request -> null).route("/probe", request -> null),
            IllegalStateException.class,
            "route was already set to \"/probe\"; cannot set it to \"/probe\""),
        invalid(b -> b.route("/metrics", request -> null).build(), IllegalStateException.class,
            "route path must differ from the metrics and health paths: \"/metrics\""),
        invalid(b -> b.route("/-/healthy", request -> null).build(), IllegalStateException.class,
            "route path must differ from the metrics and health paths: \"/-/healthy\""));
  }

  @ParameterizedTest
  @MethodSource("invalidBuilders")
  void invalidBuilderShouldThrowWithExactMessage(
      Consumer<ScrapeHandler.Builder> configure, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(() -> configure.accept(ScrapeHandler.builder()))
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

  private static final class Failing implements Collector {
    static final String MESSAGE = "collector broke";

    @Override
    public MetricSnapshot collect() {
      throw new IllegalStateException(MESSAGE);
    }
  }
}
