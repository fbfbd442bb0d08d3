package io.github.checkmetrics.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authentication rows of the HTTP contract against a real adapter reached through {@link
 * HttpClient}: right credentials pass, every wrong, missing or malformed {@code Authorization}
 * header gets the same 401 and an oversized one 431, never 500. An adapter's test extends it as it
 * extends {@link ScrapeContractSuite}.
 *
 * <pre>{@code
 * class MetricsServerAuthContractTest extends AuthContractSuite {
 *   @Override
 *   protected Endpoint start(ScrapeHandler handler) {
 *     MetricsServer server =
 *         MetricsServer.builder().host("127.0.0.1").port(0).handler(handler).buildAndStart();
 *     return Endpoint.of(
 *         URI.create("http://127.0.0.1:" + server.port() + handler.metricsPath()), server);
 *   }
 * }
 * }</pre>
 *
 * <p>Needs metrics-model on the test classpath, like {@link ScrapeContractSuite}.
 */
public abstract class AuthContractSuite {

  /** The token every bearer endpoint of the suite accepts. */
  public static final String TOKEN = "c2VjcmV0LXRva2VuLWZvci10ZXN0cw.Zm9v-bar_~+/=";

  /** The basic auth user and password every basic endpoint of the suite accepts. */
  public static final String USER = "org-42";

  public static final String PASSWORD = "p\u00e4ss w\u00f6rd:42";

  static final String BEARER_CHALLENGE = "Bearer realm=\"metrics\"";
  static final String BASIC_CHALLENGE = "Basic realm=\"metrics\", charset=\"UTF-8\"";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<Endpoint> endpoints = new ArrayList<>();

  @TempDir Path directory;

  /**
   * Starts the adapter under test in front of {@code handler}.
   *
   * @param handler the handler every request of the returned endpoint must reach
   * @return the running endpoint; the suite closes it after the test
   * @throws Exception when the adapter cannot start
   */
  protected abstract Endpoint start(ScrapeHandler handler) throws Exception;

  /**
   * Starts the adapter serving {@code registry} behind {@code authentication}; every test of the
   * suite starts its endpoint through this. By default it builds the handler and calls {@link
   * #start(ScrapeHandler)}; an adapter whose own builder takes the authentication overrides it to
   * run the suite through that option.
   *
   * @param registry the registry to serve at {@code /metrics}
   * @param authentication the credentials every scrape must present
   * @return the running endpoint; the suite closes it after the test
   * @throws Exception when the adapter cannot start
   */
  protected Endpoint start(PrometheusRegistry registry, Authentication authentication)
      throws Exception {
    return start(
        ScrapeHandler.builder().registry(registry).authentication(authentication).build());
  }

  @AfterEach
  void stopEndpoints() {
    endpoints.forEach(Endpoint::close);
    endpoints.clear();
  }

  static Stream<String> rightBearerHeaders() {
    return Stream.of("Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN, "bEaReR " + TOKEN);
  }

  @ParameterizedTest
  @MethodSource("rightBearerHeaders")
  void rightBearerTokenShouldServeMetricsWhateverTheSchemeCase(String authorization)
      throws Exception {
    HttpResponse<String> response = send(serve(bearer()), "GET", List.of(authorization));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("check_status{");
  }

  /**
   * No tab between scheme and token here: the JDK server turns every tab of a header into a
   * space before the handler sees it (the handler itself refuses a tab, see AuthenticationTest).
   */
  static Stream<Arguments> wrongBearerHeaders() {
    String prefix = TOKEN.substring(0, TOKEN.length() - 1);
    return Stream.of(
        Arguments.of("missing", List.of()),
        Arguments.of("empty", List.of("")),
        Arguments.of("scheme alone", List.of("Bearer")),
        Arguments.of("two spaces", List.of("Bearer  " + TOKEN)),
        Arguments.of("space inside", List.of("Bearer " + TOKEN.substring(0, 8) + " " + TOKEN.substring(8))),
        Arguments.of("no space", List.of("Bearer" + TOKEN)),
        Arguments.of("token alone", List.of(TOKEN)),
        Arguments.of("prefix of the token", List.of("Bearer " + prefix)),
        Arguments.of("token and more", List.of("Bearer " + TOKEN + "x")),
        Arguments.of("wrong token", List.of("Bearer wrong-token")),
        Arguments.of("other scheme", List.of("Basic " + TOKEN)),
        Arguments.of("two headers", List.of("Bearer " + TOKEN, "Bearer " + TOKEN)),
        Arguments.of("non-ascii", List.of("Bearer t\u00f6ken")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongBearerHeaders")
  void wrongBearerHeaderShouldBe401RevealingNothing(String name, List<String> authorization)
      throws Exception {
    HttpResponse<String> response = send(serve(bearer()), "GET", authorization);

    assertUnauthorized(response, BEARER_CHALLENGE);
  }

  @Test
  void rightBasicAuthShouldServeMetrics() throws Exception {
    URI uri = serve(basic());

    assertThat(send(uri, "GET", List.of(basicHeader("Basic", USER + ":" + PASSWORD))).statusCode())
        .isEqualTo(200);
    assertThat(send(uri, "GET", List.of(basicHeader("basic", USER + ":" + PASSWORD))).statusCode())
        .isEqualTo(200);
  }

  static Stream<Arguments> wrongBasicHeaders() {
    return Stream.of(
        Arguments.of("missing", List.of()),
        Arguments.of("empty", List.of("")),
        Arguments.of("scheme alone", List.of("Basic")),
        Arguments.of("not base64", List.of("Basic not*base64!")),
        Arguments.of("without colon", List.of(basicHeader("Basic", USER + PASSWORD))),
        Arguments.of("user only", List.of(basicHeader("Basic", USER))),
        Arguments.of("wrong password", List.of(basicHeader("Basic", USER + ":wrong"))),
        Arguments.of("prefix of the password",
            List.of(basicHeader("Basic", USER + ":" + PASSWORD.substring(0, 4)))),
        Arguments.of("wrong user", List.of(basicHeader("Basic", "org-43:" + PASSWORD))),
        Arguments.of("two spaces", List.of("Basic  " + base64(USER + ":" + PASSWORD))),
        Arguments.of("other scheme", List.of("Bearer " + base64(USER + ":" + PASSWORD))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongBasicHeaders")
  void wrongBasicHeaderShouldBe401RevealingNothing(String name, List<String> authorization)
      throws Exception {
    HttpResponse<String> response = send(serve(basic()), "GET", authorization);

    assertUnauthorized(response, BASIC_CHALLENGE);
  }

  @Test
  void headWithoutCredentialsShouldBe401WithoutBody() throws Exception {
    HttpResponse<String> response = send(serve(bearer()), "HEAD", List.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(BEARER_CHALLENGE);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void authorizationHeaderOf16KilobytesShouldBe431() throws Exception {
    URI uri = serve(bearer());

    HttpResponse<String> response =
        send(uri, "GET", List.of("Bearer " + "a".repeat(16 * 1024)));

    assertThat(response.statusCode()).isEqualTo(oversizedHeaderStatus());
    assertThat(response.body()).doesNotContain("aaaa").doesNotContain("check_");
    // The endpoint keeps serving.
    assertThat(send(uri, "GET", List.of("Bearer " + TOKEN)).statusCode()).isEqualTo(200);
  }

  @Test
  void tokenInACredentialFileBeforeAndAfterEveryRewriteInPlaceShouldNeverBeRefused()
      throws Exception {
    Path file = Files.writeString(directory.resolve("tokens"), TOKEN + "\n");
    URI uri = serve(Authentication.bearerToken(Secret.file(file)));
    int rewrites = 200;
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      // Truncate, pause, write: an editor or echo > file, slowed so that scrapes see it empty.
      Future<?> rewriting =
          writer.submit(
              () -> {
                for (int i = 0; i < rewrites; i++) {
                  try (OutputStream out = Files.newOutputStream(file)) {
                    TimeUnit.MILLISECONDS.sleep(2);
                    out.write((TOKEN + "\nrotated-" + i + "\n").getBytes(StandardCharsets.UTF_8));
                  }
                  TimeUnit.MILLISECONDS.sleep(1);
                }
                return null;
              });
      List<Integer> refused = new ArrayList<>();
      int scrapes = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!rewriting.isDone() && System.nanoTime() < deadline) {
        int status = send(uri, "HEAD", List.of("Bearer " + TOKEN)).statusCode();
        scrapes++;
        if (status != 200) {
          refused.add(status);
        }
      }
      rewriting.get(10, TimeUnit.SECONDS);

      assertThat(refused).as("statuses other than 200 in %d scrapes", scrapes).isEmpty();
      assertThat(scrapes).isPositive();
      assertThat(send(uri, "GET", List.of("Bearer rotated-" + (rewrites - 1))).statusCode())
          .isEqualTo(200);
      assertThat(send(uri, "GET", List.of("Bearer rotated-" + (rewrites - 2))).statusCode())
          .isEqualTo(401);
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void credentialFileMissingOrEmptyPastTheSettleTimeShouldBeRefusedUntilRestored()
      throws Exception {
    Duration settleTime = Duration.ofMillis(500);
    Path file = Files.writeString(directory.resolve("revocable"), TOKEN + "\n");
    URI uri = serve(Authentication.bearerToken(Secret.file(file, settleTime)));
    List<String> authorization = List.of("Bearer " + TOKEN);
    assertThat(send(uri, "GET", authorization).statusCode()).isEqualTo(200);

    Files.delete(file);
    // The first scrape that finds the file missing starts the settle time.
    assertThat(send(uri, "GET", authorization).statusCode()).isEqualTo(200);
    pastSettleTime(settleTime);
    assertUnauthorized(send(uri, "GET", authorization), BEARER_CHALLENGE);
    assertUnauthorized(send(uri, "GET", authorization), BEARER_CHALLENGE);

    Files.writeString(file, TOKEN + "\n");
    assertThat(send(uri, "GET", authorization).statusCode()).isEqualTo(200);

    Files.writeString(file, "\n");
    assertThat(send(uri, "GET", authorization).statusCode()).isEqualTo(200);
    pastSettleTime(settleTime);
    assertUnauthorized(send(uri, "GET", authorization), BEARER_CHALLENGE);
  }

  /** Waits until the settle time, started by the scrape before, has passed. */
  private static void pastSettleTime(Duration settleTime) throws InterruptedException {
    Thread.sleep(settleTime.toMillis() + 100);
  }

  /**
   * The status the adapter answers a 16 KB {@code Authorization} header with: 431, from the
   * handler or from the container (Jetty); an adapter whose container answers otherwise overrides
   * this and says why.
   *
   * @return 431 unless overridden
   */
  protected int oversizedHeaderStatus() {
    return 431;
  }

  private static void assertUnauthorized(HttpResponse<String> response, String challenge) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
    // Compared as media types: Jetty writes "text/plain;charset=utf-8".
    assertThat(ScrapeContractSuite.contentType(response))
        .isEqualTo(ScrapeContractSuite.mediaType("text/plain; charset=utf-8"));
    // The same body for every refusal: it tells nothing about what was wrong.
    assertThat(response.body()).isEqualTo("Unauthorized\n");
  }

  /** Bearer authentication that accepts {@link #TOKEN}. */
  protected static Authentication bearer() {
    return Authentication.bearerToken(Secret.value(TOKEN));
  }

  /** Basic authentication that accepts {@link #USER} and {@link #PASSWORD}. */
  protected static Authentication basic() {
    return Authentication.basic(USER, Secret.value(PASSWORD));
  }

  /**
   * Starts the adapter serving the suite's check registry behind {@code authentication} and returns
   * its metrics URI.
   */
  protected URI serve(Authentication authentication) throws Exception {
    Endpoint endpoint = start(CheckRegistries.checkRegistry(), authentication);
    endpoints.add(endpoint);
    return endpoint.metricsUri();
  }

  /** Sends one request with one {@code Authorization} header per element of {@code authorization}. */
  protected HttpResponse<String> send(URI uri, String method, List<String> authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    authorization.forEach(value -> request.header("Authorization", value));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** {@code scheme} followed by the base64 of {@code userPassword} in UTF-8. */
  public static String basicHeader(String scheme, String userPassword) {
    return scheme + " " + base64(userPassword);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
