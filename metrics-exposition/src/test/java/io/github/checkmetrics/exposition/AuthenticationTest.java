package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The credential checks on {@link ScrapeRequest}s; the HTTP cases run in AuthContractSuite. */
class AuthenticationTest {

  static final String TOKEN = "tok3n-Right.value_~+/=";
  private static final String BEARER = "Bearer realm=\"metrics\"";
  private static final String BASIC = "Basic realm=\"metrics\", charset=\"UTF-8\"";

  @TempDir static Path directory;

  @Test
  void javadocUsageShouldCompileAndGuardTheHandler() throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    Path file = Files.writeString(directory.resolve("metrics-tokens"), "file-token\n");
    Map<String, String> environment = Map.of("METRICS_TOKEN", "env-token", "METRICS_PASSWORD", "pw");
    // twin of the class javadoc, with this test's file and environment
    Authentication tokens = Authentication.bearerToken(
        Secret.file(file),
        Secret.environmentVariable("METRICS_TOKEN", environment::get));
    Authentication basic = Authentication.basic("prometheus", Secret.environmentVariable("METRICS_PASSWORD", environment::get));
    ScrapeHandler handler = ScrapeHandler.builder().registry(registry).authentication(tokens).build();

    assertThat(handler.scrape(request("Bearer env-token")).status()).isEqualTo(200);
    assertThat(handler.scrape(request("Bearer file-token")).status()).isEqualTo(200);
    assertThat(handler.scrape(request(basic("prometheus:pw"))).status()).isEqualTo(401);
    assertThat(check(basic, basic("prometheus:pw"))).isNull();
  }

  @Test
  void rightBearerTokenShouldPassAndAnythingElseShouldBe401() {
    Authentication authentication = Authentication.bearerToken(Secret.value(TOKEN));

    assertThat(check(authentication, "Bearer " + TOKEN)).isNull();
    assertThat(check(authentication, "bearer " + TOKEN)).isNull();
    assertThat(check(authentication, "BEARER " + TOKEN)).isNull();
    assertThat(check(authentication, " \tBearer " + TOKEN + " \t")).isNull();
    for (String wrong :
        new String[] {
          "", "Bearer", "Bearer ", "Bearer  " + TOKEN, "Bearer\t" + TOKEN, "Bearer " + TOKEN + " x",
          "Bearer " + TOKEN.substring(0, TOKEN.length() - 1), "Bearer " + TOKEN + "x",
          "Basic " + TOKEN, "Token " + TOKEN, "Bearer" + TOKEN, TOKEN, "Bearer \u00e9"
        }) {
      ScrapeResponse response = check(authentication, wrong);
      assertThat(response).as(wrong).isNotNull();
      assertThat(response.status()).as(wrong).isEqualTo(401);
      assertThat(response.headers())
          .as(wrong)
          .containsEntry("WWW-Authenticate", BEARER)
          .containsEntry("Cache-Control", "no-store");
      assertThat(body(response)).as(wrong).isEqualTo("Unauthorized\n");
    }
  }

  @Test
  void missingOrRepeatedAuthorizationShouldBe401() {
    Authentication authentication = Authentication.bearerToken(Secret.value(TOKEN));

    assertThat(refusal(authentication, TestRequest.of("GET", "/metrics")).status()).isEqualTo(401);
    assertThat(
            refusal(
                    authentication,
                    TestRequest.of("GET", "/metrics")
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Authorization", "Bearer " + TOKEN))
                .status())
        .isEqualTo(401);
  }

  @Test
  void authorizationLongerThan8192CharactersShouldBe431() {
    Authentication authentication = Authentication.bearerToken(Secret.value(TOKEN));

    ScrapeResponse response = check(authentication, "Bearer " + "a".repeat(8192 - 7 + 1));

    assertThat(response.status()).isEqualTo(431);
    assertThat(body(response)).isEqualTo("Request Header Fields Too Large\n");
    assertThat(check(authentication, "Bearer " + "a".repeat(8192 - 7)).status()).isEqualTo(401);
  }

  @Test
  void headShouldGet401WithoutBody() {
    Authentication authentication = Authentication.bearerToken(Secret.value(TOKEN));

    ScrapeResponse response = refusal(authentication, TestRequest.of("HEAD", "/metrics"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.hasBody()).isFalse();
    assertThat(response.contentLength()).isEqualTo("Unauthorized\n".length());
  }

  @Test
  void everyTokenOfEverySecretShouldBeAccepted() throws IOException {
    Path file = Files.writeString(directory.resolve("tokens"), "\n old-token \n\nnew-token\n");
    Authentication authentication =
        Authentication.bearerToken(
            Secret.file(file),
            Secret.environmentVariable("METRICS_TOKEN", Map.of("METRICS_TOKEN", "env-token")::get));

    assertThat(check(authentication, "Bearer old-token")).isNull();
    assertThat(check(authentication, "Bearer new-token")).isNull();
    assertThat(check(authentication, "Bearer env-token")).isNull();
    assertThat(check(authentication, "Bearer other-token").status()).isEqualTo(401);
  }

  @Test
  void basicAuthShouldAcceptUserAndPasswordInUtf8() {
    Authentication authentication = Authentication.basic("org-42", Secret.value("p\u00e4ss: w\u00f6rd"));

    assertThat(check(authentication, basic("org-42:p\u00e4ss: w\u00f6rd"))).isNull();
    assertThat(check(authentication, "basic " + base64("org-42:p\u00e4ss: w\u00f6rd"))).isNull();
    for (String wrong :
        new String[] {
          basic("org-42:p\u00e4ss: w\u00f6r"), basic("org-42"), basic("org-42p\u00e4ss: w\u00f6rd"),
          basic("org-4:p\u00e4ss: w\u00f6rd"), basic(":p\u00e4ss: w\u00f6rd"), "Basic not*base64",
          "Basic", "Basic  " + base64("org-42:p\u00e4ss: w\u00f6rd"), "Bearer " + TOKEN,
          "Basic " + new String(Base64.getEncoder().encode(
              "org-42:p\u00e4ss: w\u00f6rd".getBytes(StandardCharsets.ISO_8859_1)),
              StandardCharsets.US_ASCII)
        }) {
      ScrapeResponse response = check(authentication, wrong);
      assertThat(response).as(wrong).isNotNull();
      assertThat(response.status()).as(wrong).isEqualTo(401);
      assertThat(response.headers()).as(wrong).containsEntry("WWW-Authenticate", BASIC);
      assertThat(body(response)).as(wrong).isEqualTo("Unauthorized\n");
    }
  }

  @Test
  void basicAuthFileShouldAcceptEveryUserPasswordLine() throws IOException {
    Path file = Files.writeString(directory.resolve("basic"), "prometheus:old pw\nprometheus:new:pw\n");
    Authentication authentication = Authentication.basic(Secret.file(file));

    assertThat(check(authentication, basic("prometheus:old pw"))).isNull();
    assertThat(check(authentication, basic("prometheus:new:pw"))).isNull();
    assertThat(check(authentication, basic("prometheus:new")).status()).isEqualTo(401);
  }

  @Test
  void changedFileShouldBeReReadAndTheOldTokenRefused() throws IOException {
    Path file = Files.writeString(directory.resolve("rotating"), "first-token\n");
    Authentication authentication = Authentication.bearerToken(Secret.file(file));
    assertThat(check(authentication, "Bearer first-token")).isNull();

    Files.writeString(file, "first-token\nsecond-token\n");
    assertThat(check(authentication, "Bearer first-token")).isNull();
    assertThat(check(authentication, "Bearer second-token")).isNull();

    Path replacement = Files.writeString(directory.resolve("rotating.new"), "second-token\n");
    Files.move(replacement, file, StandardCopyOption.ATOMIC_MOVE);
    assertThat(check(authentication, "Bearer first-token").status()).isEqualTo(401);
    assertThat(check(authentication, "Bearer second-token")).isNull();
  }

  @Test
  void unchangedFileShouldNotBeReRead() throws IOException {
    Path file = Files.writeString(directory.resolve("stable"), "token-aaaa\n");
    FileTime modified = Files.getLastModifiedTime(file);
    Authentication authentication = Authentication.bearerToken(Secret.file(file));

    // Same size, same inode, same modification time: only a read could notice the new content.
    Files.writeString(file, "token-bbbb\n");
    Files.setLastModifiedTime(file, modified);

    assertThat(check(authentication, "Bearer token-aaaa")).isNull();
    assertThat(check(authentication, "Bearer token-bbbb").status()).isEqualTo(401);
  }

  @Test
  void brokenFileShouldKeepTheLastCredentialsAndLogWithoutThem() throws IOException {
    Path file = Files.writeString(directory.resolve("broken"), "kept-token\n");
    Authentication authentication = Authentication.bearerToken(Secret.file(file));
    String log =
        stderrOf(
            () -> {
              try {
                Files.writeString(file, "not a token: s3cr3t-in-file\n");
                assertThat(check(authentication, "Bearer kept-token")).isNull();
                assertThat(check(authentication, "Bearer kept-token")).isNull();
                Files.writeString(file, "fresh-token\n");
                assertThat(check(authentication, "Bearer fresh-token")).isNull();
                assertThat(check(authentication, "Bearer kept-token").status()).isEqualTo(401);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
              return null;
            });

    assertThat(log)
        .doesNotContain("s3cr3t")
        .doesNotContain("kept-token")
        .doesNotContain("fresh-token")
        .contains(
            "WARN io.github.checkmetrics.exposition.Authentication - bearer token must match "
                + "[A-Za-z0-9._~+/-]+=* and be at most 4096 characters: file " + file
                + " (value not shown); keeping the bearer token read before")
        .contains("Re-read bearer token file " + file + ": 1 credential(s)");
    assertThat(log.split("must match", -1)).as("warned once per version of the file").hasSize(2);
  }

  @Test
  void deletedOrEmptiedFileShouldAcceptNoCredentialUntilItHoldsOneAgain() throws IOException {
    Path file = Files.writeString(directory.resolve("revoked"), "leaked-token\n");
    ManualTicker ticker = new ManualTicker();
    Duration settleTime = Duration.ofSeconds(Secret.DEFAULT_SETTLE_SECONDS);
    Authentication authentication =
        Authentication.bearerToken(Secret.file(file, settleTime, ticker));
    String log =
        stderrOf(
            () -> {
              try {
                Files.delete(file);
                // A deletion revokes once the file stays missing past the settle time.
                assertThat(check(authentication, "Bearer leaked-token")).isNull();
                ticker.advance(settleTime);
                assertThat(check(authentication, "Bearer leaked-token").status()).isEqualTo(401);
                assertThat(check(authentication, "Bearer leaked-token").status()).isEqualTo(401);
                Files.writeString(file, "not a token: half-written\n");
                assertThat(check(authentication, "Bearer leaked-token").status()).isEqualTo(401);
                Files.writeString(file, "new-token\n");
                assertThat(check(authentication, "Bearer new-token")).isNull();
                Files.writeString(file, " \n\n");
                assertThat(check(authentication, "Bearer new-token")).isNull();
                ticker.advance(settleTime);
                assertThat(check(authentication, "Bearer new-token").status()).isEqualTo(401);
                assertThat(check(authentication, "Bearer new-token").status()).isEqualTo(401);
                Files.writeString(file, "new-token\n");
                assertThat(check(authentication, "Bearer new-token")).isNull();
              } catch (IOException e) {
                throw new AssertionError(e);
              }
              return null;
            });

    String prefix = "WARN io.github.checkmetrics.exposition.Authentication - ";
    assertThat(log)
        .doesNotContain("leaked-token")
        .doesNotContain("new-token")
        .contains(
            prefix + "bearer token file does not exist: " + file
                + "; accepting no bearer token until it holds one\n",
            prefix + "bearer token must match [A-Za-z0-9._~+/-]+=* and be at most 4096"
                + " characters: file " + file + " (value not shown); accepting no bearer token"
                + " until it holds a valid one\n",
            prefix + "bearer token must not be empty: file " + file
                + "; accepting no bearer token until it holds one\n");
    assertThat(log.split("until it holds one", -1)).as("warned once per version").hasSize(3);
  }

  @Test
  void toStringShouldNameSourcesAndNeverCredentials() {
    Authentication bearer =
        Authentication.bearerToken(
            Secret.value(TOKEN), Secret.environmentVariable("T", Map.of("T", "other")::get));

    assertThat(bearer).hasToString("Authentication[Bearer: value, environment variable T]");
    assertThat(Authentication.basic("u", Secret.value("pw")))
        .hasToString("Authentication[Basic: value]");
  }

  static Stream<String> validTokens() {
    return Stream.of("a", "tok=", "A-Za_z0.9~+/==", "x".repeat(4096));
  }

  @ParameterizedTest
  @MethodSource("validTokens")
  void validTokensShouldBeAccepted(String token) {
    assertThat(check(Authentication.bearerToken(Secret.value(token)), "Bearer " + token)).isNull();
  }

  static Stream<Arguments> invalidConfigurations() throws IOException {
    Path missing = directory.resolve("no-such-token");
    Path blank = Files.writeString(directory.resolve("blank"), "\n  \n");
    Path spaced = Files.writeString(directory.resolve("spaced"), "s3cr3t one\n");
    Path userOnly = Files.writeString(directory.resolve("user-only"), "prometheus\n");
    Path noPassword = Files.writeString(directory.resolve("no-password"), "prometheus:\n");
    Path folder = Files.createDirectories(directory.resolve("token-dir"));
    Path same = directory.resolve("same");
    Files.writeString(same, "t");
    String tokenRule = "bearer token must match [A-Za-z0-9._~+/-]+=* and be at most 4096 characters: ";
    String lineRule = "basic auth credentials must be lines of user:password, both non-empty,"
        + " without control characters: ";
    return Stream.of(
        invalid(() -> Authentication.bearerToken(), IllegalArgumentException.class,
            "bearer token needs at least one secret: 0 given"),
        invalid(() -> Authentication.bearerToken(Secret.value("")), IllegalArgumentException.class,
            "bearer token must not be empty: value"),
        invalid(() -> Authentication.bearerToken(Secret.value(" \n ")),
            IllegalArgumentException.class, "bearer token must not be empty: value"),
        invalid(() -> Authentication.bearerToken(Secret.file(blank)),
            IllegalArgumentException.class, "bearer token must not be empty: file " + blank),
        invalid(() -> Authentication.bearerToken(Secret.value("s3cr3t two")),
            IllegalArgumentException.class, tokenRule + "value (value not shown)"),
        invalid(() -> Authentication.bearerToken(Secret.value("s3cr3t\u00e9")),
            IllegalArgumentException.class, tokenRule + "value (value not shown)"),
        invalid(() -> Authentication.bearerToken(Secret.value("=s3cr3t")),
            IllegalArgumentException.class, tokenRule + "value (value not shown)"),
        invalid(() -> Authentication.bearerToken(Secret.value("s".repeat(4097))),
            IllegalArgumentException.class, tokenRule + "value (value not shown)"),
        invalid(() -> Authentication.bearerToken(Secret.file(spaced)),
            IllegalArgumentException.class, tokenRule + "file " + spaced + " (value not shown)"),
        invalid(() -> Authentication.bearerToken(Secret.file(missing)),
            IllegalArgumentException.class, "bearer token file does not exist: " + missing),
        invalid(() -> Authentication.bearerToken(Secret.file(folder)),
            IllegalArgumentException.class, "bearer token file is not a regular file: " + folder),
        invalid(() -> Authentication.bearerToken(
                Secret.environmentVariable("METRICS_TOKEN", name -> null)),
            IllegalArgumentException.class,
            "bearer token environment variable is not set: METRICS_TOKEN"),
        invalid(() -> Authentication.bearerToken(Secret.file(same), Secret.file(same)),
            IllegalStateException.class, "bearer token was given twice: file " + same),
        invalid(() -> Authentication.bearerToken(Secret.value("s3cr3t"), Secret.value("s3cr3t")),
            IllegalStateException.class, "bearer token was given twice: value"),
        invalid(() -> Authentication.basic("", Secret.value("s3cr3t")),
            IllegalArgumentException.class,
            "basic auth username must be non-empty without ':' or control characters: \"\""),
        invalid(() -> Authentication.basic("a:b", Secret.value("s3cr3t")),
            IllegalArgumentException.class,
            "basic auth username must be non-empty without ':' or control characters: \"a:b\""),
        invalid(() -> Authentication.basic("u", Secret.value("")),
            IllegalArgumentException.class, "basic auth password must not be empty: value"),
        invalid(() -> Authentication.basic("u", Secret.value("s3cr3t\nline")),
            IllegalArgumentException.class,
            "basic auth password must not contain control characters: value (value not shown)"),
        invalid(() -> Authentication.basic("u", Secret.file(missing)),
            IllegalArgumentException.class, "basic auth password file does not exist: " + missing),
        invalid(() -> Authentication.basic(Secret.file(userOnly)),
            IllegalArgumentException.class, lineRule + "file " + userOnly + " (value not shown)"),
        invalid(() -> Authentication.basic(Secret.file(noPassword)),
            IllegalArgumentException.class, lineRule + "file " + noPassword + " (value not shown)"),
        invalid(() -> Authentication.basic(Secret.value(":s3cr3t")),
            IllegalArgumentException.class, lineRule + "value (value not shown)"),
        invalid(() -> Authentication.bearerToken((Secret[]) null), NullPointerException.class,
            "tokens"),
        invalid(() -> Authentication.bearerToken(Secret.value("a"), null),
            NullPointerException.class, "token"),
        invalid(() -> Authentication.basic(null, Secret.value("a")), NullPointerException.class,
            "username"),
        invalid(() -> Authentication.basic("u", null), NullPointerException.class, "password"),
        invalid(() -> Authentication.basic(null), NullPointerException.class, "credentials"));
  }

  @ParameterizedTest
  @MethodSource("invalidConfigurations")
  void invalidConfigurationShouldThrowWithExactMessageAndNoSecret(
      Supplier<Authentication> configuration, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(configuration::get)
        .isExactlyInstanceOf(type)
        .hasMessage(message)
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("s3cr3t"));
  }

  private static Arguments invalid(
      Supplier<Authentication> configuration, Class<? extends Throwable> type, String message) {
    return Arguments.of(configuration, type, message);
  }

  private static ScrapeRequest request(String authorization) {
    return TestRequest.of("GET", "/metrics").header("Authorization", authorization);
  }

  static ScrapeResponse check(Authentication authentication, String authorization) {
    return refusal(
        authentication, TestRequest.of("GET", "/metrics").header("Authorization", authorization));
  }

  /** The 401 or 431 the authentication answers, or null when it lets the request in. */
  static ScrapeResponse refusal(Authentication authentication, ScrapeRequest request) {
    return authentication.admit(request).refusal();
  }

  static String basic(String userPassword) {
    return "Basic " + base64(userPassword);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String body(ScrapeResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** Runs {@code action} and returns what SLF4J's simple logger printed meanwhile. */
  static String stderrOf(Supplier<?> action) {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.get();
    } finally {
      System.setErr(stderr);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
