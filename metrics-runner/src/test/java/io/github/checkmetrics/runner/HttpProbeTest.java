package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final long SLOW_MILLIS = 300;

  private static LoopbackTargets.Http target;

  @BeforeAll
  static void startTarget() throws Exception {
    target = new LoopbackTargets.Http(SLOW_MILLIS);
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  /** Runs a probe once and returns the failure reason the runner would record. */
  private static String reasonOf(Probe probe, Duration timeout) {
    try {
      Outcome outcome = probe.run(timeout);
      throw new AssertionError("expected a failure, got " + outcome);
    } catch (Exception e) {
      return FailureReasons.of(e);
    }
  }

  @Test
  void answeringEndpointShouldPass() throws Exception {
    assertThat(HttpProbe.builder(target.url("/ok")).build().run(TIMEOUT)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void headRequestShouldPass() throws Exception {
    HttpProbe probe = HttpProbe.builder(target.url("/ok")).method("HEAD").build();
    assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void redirectShouldCountAsAnAnswerAndNotBeFollowed() throws Exception {
    HttpProbe probe = HttpProbe.builder(target.url("/redirect")).build();
    assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
    HttpProbe strict = HttpProbe.builder(target.url("/redirect")).expectedStatus(200, 299).build();
    assertThat(reasonOf(strict, TIMEOUT)).isEqualTo("unexpected_status");
  }

  @Test
  void serverErrorShouldFailWithUnexpectedStatus() {
    HttpProbe probe = HttpProbe.builder(target.url("/error")).build();
    assertThatThrownBy(() -> probe.run(TIMEOUT))
        .isInstanceOf(ProbeException.class)
        .hasMessage("status 500 from " + target.url("/error") + ", expected 200..399")
        .extracting(e -> ((ProbeException) e).reason())
        .isEqualTo("unexpected_status");
  }

  @Test
  void expectedStatusRangeShouldBeHonoured() throws Exception {
    HttpProbe probe = HttpProbe.builder(target.url("/error")).expectedStatus(500, 500).build();
    assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void expectedBodyShouldPassWhenPresentAndFailWhenMissing() throws Exception {
    HttpProbe present = HttpProbe.builder(target.url("/ok")).bodyContains("checkmetrics").build();
    HttpProbe missing = HttpProbe.builder(target.url("/ok")).bodyContains("goodbye").build();

    assertThat(present.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
    assertThatThrownBy(() -> missing.run(TIMEOUT))
        .isInstanceOf(ProbeException.class)
        .hasMessage("body of " + target.url("/ok") + " does not contain \"goodbye\"");
    assertThat(reasonOf(missing, TIMEOUT)).isEqualTo("body_mismatch");
  }

  @Test
  void statusShouldBeCheckedBeforeTheBody() {
    HttpProbe probe = HttpProbe.builder(target.url("/error")).bodyContains("broken").build();
    assertThat(reasonOf(probe, TIMEOUT)).isEqualTo("unexpected_status");
  }

  @Test
  void answerSlowerThanTheThresholdShouldBeDegraded() throws Exception {
    // The target sleeps 300 ms before answering, so the run takes longer than 100 ms.
    HttpProbe slow =
        HttpProbe.builder(target.url("/slow")).degradedThreshold(Duration.ofMillis(100)).build();
    HttpProbe patient =
        HttpProbe.builder(target.url("/slow")).degradedThreshold(Duration.ofMinutes(1)).build();

    assertThat(slow.run(TIMEOUT)).isEqualTo(Outcome.DEGRADED);
    assertThat(patient.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void targetThatAcceptsAndNeverAnswersShouldFailWithTimeout() throws Exception {
    try (LoopbackTargets.Silent silent = new LoopbackTargets.Silent()) {
      HttpProbe probe = HttpProbe.builder("http://127.0.0.1:" + silent.port() + "/").build();
      assertThat(reasonOf(probe, Duration.ofMillis(200))).isEqualTo("timeout");
    }
  }

  @Test
  void targetThatNeverAnswersShouldBeRecordedAsTimeoutByTheRunner() throws Exception {
    BlockingQueue<CheckResult> results = new LinkedBlockingQueue<>();
    CheckMetrics metrics = CheckMetrics.builder().registry(new PrometheusRegistry()).build();
    try (LoopbackTargets.Silent silent = new LoopbackTargets.Silent();
        CheckRunner runner = CheckRunner.builder(metrics).onResult(results::add).build()) {
      Duration timeout = Duration.ofMillis(300);
      runner.add(
          Check.builder("silent").build(),
          HttpProbe.builder("http://127.0.0.1:" + silent.port() + "/").build(),
          timeout,
          timeout);
      runner.start();

      CheckResult result = results.poll(20, TimeUnit.SECONDS);

      assertThat(result).isNotNull();
      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.failureReason()).hasValue("timeout");
      assertThat(result.duration()).isGreaterThanOrEqualTo(timeout);
    }
  }

  @Test
  void closedPortShouldFailWithConnectionRefused() throws Exception {
    HttpProbe probe =
        HttpProbe.builder("http://127.0.0.1:" + LoopbackTargets.closedPort() + "/").build();
    assertThat(reasonOf(probe, TIMEOUT)).isEqualTo("connection_refused");
  }

  @Test
  void unknownHostShouldFailWithDns() {
    // .invalid never resolves (RFC 2606).
    HttpProbe probe = HttpProbe.builder("http://checkmetrics-test.invalid/").build();
    assertThat(reasonOf(probe, TIMEOUT)).isEqualTo("dns");
  }

  @Test
  void tlsToAPlainHttpServerShouldFailWithTls() throws Exception {
    // An https URL pointed at a plain HTTP port: the server answers the ClientHello in clear text.
    try (LoopbackTargets.Silent plain =
        new LoopbackTargets.Silent("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
      HttpProbe probe = HttpProbe.builder("https://127.0.0.1:" + plain.port() + "/ok").build();
      assertThat(reasonOf(probe, TIMEOUT)).isEqualTo("tls");
    }
  }

  @Test
  void followedRedirectShouldBeCheckedAtItsEnd() throws Exception {
    HttpProbe probe =
        HttpProbe.builder(target.url("/redirect"))
            .followRedirects(true)
            .expectedStatus(200, 200)
            .bodyContains("hello")
            .build();
    assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void javadocUsageShouldBuild() throws Exception {
    Probe probe =
        HttpProbe.builder(target.url("/ok"))
            .method("GET")
            .expectedStatus(200, 299)
            .bodyContains("hello")
            .degradedThreshold(Duration.ofSeconds(30))
            .build();
    assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
    assertThat(probe).hasToString("HttpProbe{GET " + target.url("/ok") + ", status 200..299}");
  }

  static Stream<Arguments> invalidUrls() {
    String notHttp = "url must be an absolute http or https URL with a host: ";
    String userInfo =
        "url must not contain user information; pass credentials through basicAuthFromFile or"
            + " basicAuthFromEnv: ";
    return Stream.of(
        Arguments.of("not a url", notHttp + "\"not a url\""),
        Arguments.of("ftp://example.com/", notHttp + "\"ftp://example.com/\""),
        Arguments.of("/health", notHttp + "\"/health\""),
        Arguments.of("http://", notHttp + "\"http://\""),
        Arguments.of("http:///health", notHttp + "\"http:///health\""),
        Arguments.of("http://example.com/#top", notHttp + "\"http://example.com/#top\""),
        Arguments.of("localhost:8080", notHttp + "\"localhost:8080\""),
        // User information is never sent by HttpClient, and never shown in a message.
        Arguments.of(
            "http://user:s3cr3t@example.com/health",
            userInfo + "\"http://***@example.com/health\""),
        Arguments.of(
            "https://s3cr3t@example.com:8443/x?y=a@b",
            userInfo + "\"https://***@example.com:8443/x?y=a@b\""),
        Arguments.of("http://user:s3cr3t@example.com", userInfo + "\"http://***@example.com\""),
        Arguments.of("http://user:s3@cr3t@example.com/", notHttp + "\"http://***@example.com/\""),
        Arguments.of("http://user:s3 cr3t@example.com/", notHttp + "\"http://***@example.com/\""),
        Arguments.of("http://user:s3cr3t@/health", notHttp + "\"http://***@/health\""));
  }

  @ParameterizedTest
  @MethodSource("invalidUrls")
  void malformedUrlShouldThrow(String url, String message) {
    assertThatThrownBy(() -> HttpProbe.builder(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message)
        .message()
        .doesNotContain("s3");
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.method("get"),
            IllegalArgumentException.class,
            "method must match [A-Z]{1,16}: \"get\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.method("GET").method("HEAD"),
            IllegalStateException.class,
            "method was already set to \"GET\"; cannot set it to \"HEAD\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.expectedStatus(99, 200),
            IllegalArgumentException.class,
            "expected status must be a range within 100..599: 99..200"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.expectedStatus(300, 200),
            IllegalArgumentException.class,
            "expected status must be a range within 100..599: 300..200"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.expectedStatus(200, 600),
            IllegalArgumentException.class,
            "expected status must be a range within 100..599: 200..600"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.bodyContains(""),
            IllegalArgumentException.class,
            "body contains must not be empty: \"\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.bodyContains("a").bodyContains("b"),
            IllegalStateException.class,
            "bodyContains was already set to \"a\"; cannot set it to \"b\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.degradedThreshold(Duration.ZERO),
            IllegalArgumentException.class,
            "degraded threshold must be positive: PT0S"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.degradedThreshold(Duration.ofMillis(-5)),
            IllegalArgumentException.class,
            "degraded threshold must be positive: PT-0.005S"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>)
                b -> b.degradedThreshold(Duration.ofSeconds(1)).degradedThreshold(Duration.ofSeconds(2)),
            IllegalStateException.class,
            "degradedThreshold was already set to PT1S; cannot set it to PT2S"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.degradedThreshold(null),
            NullPointerException.class,
            "threshold"));
  }

  @ParameterizedTest
  @MethodSource("invalidOptions")
  void invalidOptionShouldThrow(
      Consumer<HttpProbe.Builder> option, Class<? extends Throwable> type, String message) {
    HttpProbe.Builder builder = HttpProbe.builder("http://127.0.0.1:8080/health");
    assertThatThrownBy(() -> option.accept(builder)).isInstanceOf(type).hasMessage(message);
  }

  @Test
  void nullUrlShouldThrow() {
    assertThatThrownBy(() -> HttpProbe.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("url");
  }
}
