package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.checkmetrics.model.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every option of an HTTP probe, against a loopback target that echoes what it received. */
class HttpProbeOptionsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String SECRET = "s3cr3t-t0ken";

  private static HttpServer server;
  private static ExecutorService executor;

  @TempDir static Path dir;

  @BeforeAll
  static void startTarget() throws IOException {
    executor = Executors.newFixedThreadPool(4);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/echo", HttpProbeOptionsTest::echo);
    server.createContext(
        "/status/",
        exchange -> {
          int status = Integer.parseInt(exchange.getRequestURI().getPath().substring(8));
          answer(exchange, status, "status " + status);
        });
    server.createContext(
        "/redirect/",
        exchange -> {
          int left = Integer.parseInt(exchange.getRequestURI().getPath().substring(10));
          exchange.getResponseHeaders().add("Location", left <= 1 ? "/echo" : "/redirect/" + (left - 1));
          answer(exchange, 302, "");
        });
    server.createContext(
        "/big",
        exchange -> {
          byte[] body = new byte[2 << 20];
          java.util.Arrays.fill(body, (byte) 'a');
          body[body.length - 1] = 'z';
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  @AfterAll
  static void stopTarget() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void echo(HttpExchange exchange) throws IOException {
    StringBuilder text = new StringBuilder(exchange.getRequestMethod()).append('\n');
    for (String name : new String[] {"Host", "X-Probe", "Content-Type", "Authorization"}) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        text.append(name).append(": ").append(value).append('\n');
      }
    }
    text.append("body: ")
        .append(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    answer(exchange, 200, text.toString());
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getRequestBody().readAllBytes();
    if (bytes.length == 0) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static String reasonOf(HttpProbe probe) {
    try {
      Outcome outcome = probe.run(TIMEOUT);
      throw new AssertionError("expected a failure, got " + outcome);
    } catch (Exception e) {
      return FailureReasons.of(e);
    }
  }

  @Test
  void methodHeadersAndBodyShouldBeSent() throws Exception {
    HttpProbe probe =
        HttpProbe.builder(url("/echo"))
            .method("POST")
            .header("X-Probe", "deep check")
            .header("Content-Type", "application/json")
            .body("{\"deep\":true}")
            .bodyContains("X-Probe: deep check")
            .bodyMatches("(?m)^POST$[\\s\\S]*Content-Type: application/json[\\s\\S]*body: \\{\"deep\":true\\}")
            .build();
    assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void hostHeaderShouldOverrideTheUrlsHost() throws Exception {
    HttpProbe probe =
        HttpProbe.builder(url("/echo"))
            .header("Host", "virtual.example")
            .bodyContains("Host: virtual.example\n")
            .build();
    assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void bodyRegexThatDoesNotMatchShouldFailWithBodyMismatch() {
    HttpProbe probe = HttpProbe.builder(url("/echo")).bodyMatches("^DELETE").build();
    assertThatThrownBy(() -> probe.run(TIMEOUT))
        .isInstanceOf(ProbeException.class)
        .hasMessage("body of " + url("/echo") + " does not match \"^DELETE\"");
    assertThat(reasonOf(probe)).isEqualTo("body_mismatch");
  }

  @Test
  void bearerTokenFromAFileShouldBeSentAndNeverShown() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, SECRET + "\n");
    HttpProbe passing =
        HttpProbe.builder(url("/echo"))
            .bearerTokenFromFile(file)
            .bodyContains("Authorization: Bearer " + SECRET + "\n")
            .build();
    HttpProbe failing =
        HttpProbe.builder(url("/status/500")).bearerTokenFromFile(file).build();

    assertThat(passing.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
    assertThat(passing.toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> failing.run(TIMEOUT)).message().doesNotContain(SECRET);
  }

  @Test
  void basicAuthFromTheEnvironmentShouldBeSentAndNeverShown() throws Exception {
    HttpProbe.Builder builder =
        HttpProbe.builder(url("/echo")).environment(Map.of("PROBE_PASSWORD", SECRET)::get);
    HttpProbe probe =
        builder
            .basicAuthFromEnv("monitor", "PROBE_PASSWORD")
            .bodyContains("Authorization: Basic bW9uaXRvcjpzM2NyM3QtdDBrZW4=")
            .build();
    assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
    assertThat(probe.toString()).doesNotContain(SECRET).doesNotContain("bW9uaXRvcjpz");
  }

  @Test
  void redirectsShouldBeFollowedUpToTheLimit() throws Exception {
    HttpProbe withinLimit =
        HttpProbe.builder(url("/redirect/2"))
            .followRedirects(true)
            .maxRedirects(2)
            .expectedStatus(200, 200)
            .bodyContains("GET")
            .build();
    HttpProbe pastLimit =
        HttpProbe.builder(url("/redirect/3")).followRedirects(true).maxRedirects(2).build();
    HttpProbe notFollowing = HttpProbe.builder(url("/redirect/1")).expectedStatus(302, 302).build();

    assertThat(withinLimit.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
    assertThat(reasonOf(pastLimit)).isEqualTo("too_many_redirects");
    assertThat(notFollowing.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void anyOfSeveralStatusRangesShouldPass() throws Exception {
    HttpProbe.Builder builder = HttpProbe.builder(url("/status/503"));
    HttpProbe probe = builder.expectedStatus(200, 204).expectedStatus(500, 503).build();
    HttpProbe other =
        HttpProbe.builder(url("/status/404")).expectedStatus(200, 204).expectedStatus(500, 503).build();

    assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
    assertThatThrownBy(() -> other.run(TIMEOUT))
        .hasMessage("status 404 from " + url("/status/404") + ", expected 200..204, 500..503");
  }

  @Test
  void bodyLongerThanTheLimitShouldFailAndALargerLimitShouldReadIt() throws Exception {
    HttpProbe defaultLimit = HttpProbe.builder(url("/big")).build();
    HttpProbe largerLimit =
        HttpProbe.builder(url("/big")).maxBodyBytes(3 << 20).bodyMatches("z$").build();

    assertThatThrownBy(() -> defaultLimit.run(TIMEOUT))
        .isInstanceOf(ProbeException.class)
        .hasMessage("body of " + url("/big") + " is longer than 1048576 bytes");
    assertThat(reasonOf(defaultLimit)).isEqualTo("body_too_large");
    assertThat(largerLimit.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void preferredIpProtocolShouldOrderAddressesAndReachAnIp6Target() throws Exception {
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    InetAddress v6 = InetAddress.getByName("::1");
    InetAddress[] both = {v4, v6};
    assertThat(HttpClients.preferring(both, HttpClients.IpProtocol.IP6)).containsExactly(v6, v4);
    assertThat(HttpClients.preferring(both, HttpClients.IpProtocol.IP4)).containsExactly(v4, v6);

    HttpServer ip6 = HttpServer.create(new InetSocketAddress(v6, 0), 0);
    ip6.createContext("/echo", HttpProbeOptionsTest::echo);
    ip6.start();
    try {
      String target = "http://[::1]:" + ip6.getAddress().getPort() + "/echo";
      assertThat(HttpProbe.builder(target).preferredIpProtocol("ip6").build().run(TIMEOUT))
          .isEqualTo(Outcome.PASSED);
      assertThat(
              TcpProbe.builder("::1", ip6.getAddress().getPort())
                  .preferredIpProtocol("ip6")
                  .build()
                  .run(TIMEOUT))
          .isEqualTo(Outcome.PASSED);
    } finally {
      ip6.stop(0);
    }
  }

  @Test
  void javadocUsageShouldBuild(@TempDir Path files) throws Exception {
    // HttpProbe's class javadoc and the README, with its two files made here.
    Path token = Files.writeString(files.resolve("health-token"), SECRET);
    Path ca = files.resolve("ca.p12");
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (OutputStream out = Files.newOutputStream(ca)) {
      store.store(out, "changeit".toCharArray());
    }
    Probe probe =
        HttpProbe.builder("https://127.0.0.1:8443/health")
            .method("POST")
            .header("Content-Type", "application/json")
            .body("{\"deep\":true}")
            .bearerTokenFromFile(token)
            .expectedStatus(200, 299)
            .bodyContains("UP")
            .trustStore(ca, "changeit")
            .degradedThreshold(Duration.ofMillis(500))
            .build();
    assertThat(probe).hasToString("HttpProbe{POST https://127.0.0.1:8443/health, status 200..299}");
  }

  static Stream<Arguments> invalidOptions() throws IOException {
    Path garbage = Files.createTempFile("not-a-trust-store", ".p12");
    Files.writeString(garbage, "not a key store");
    garbage.toFile().deleteOnExit();
    Path token = Files.createTempFile("token", "");
    Files.writeString(token, SECRET);
    token.toFile().deleteOnExit();
    Path empty = Files.createTempFile("empty-token", "");
    empty.toFile().deleteOnExit();
    Path missing = Path.of("/nonexistent/checkmetrics/secret");
    return Stream.of(
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.header("a b", "x"),
            IllegalArgumentException.class,
            "header name must be a token (RFC 9110) of 1 to 256 characters: \"a b\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.header("", "x"),
            IllegalArgumentException.class,
            "header name must be a token (RFC 9110) of 1 to 256 characters: \"\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.header("Content-Length", "5"),
            IllegalArgumentException.class,
            "header must not be one the client writes itself: \"Content-Length\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.header("authorization", "Bearer " + SECRET),
            IllegalArgumentException.class,
            "header must not be Authorization; use basicAuthFromFile, basicAuthFromEnv,"
                + " bearerTokenFromFile or bearerTokenFromEnv, which keep it secret:"
                + " \"authorization\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.header("X-Probe", "a\r\nInjected: yes"),
            IllegalArgumentException.class,
            "header value must not hold control characters: header \"X-Probe\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.header("Content-Type", "not a type;;"),
            IllegalArgumentException.class,
            "header Content-Type must be a media type: \"not a type;;\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.body("secret-1").body("b"),
            IllegalStateException.class,
            "body was already set to \"a body of 8 characters\"; cannot set it to \"a body of 1"
                + " characters\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.bodyMatches("a("),
            IllegalArgumentException.class,
            "body matches must be a valid regular expression: \"a(\" (Unclosed group at index 2)"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.bodyMatches("a").bodyMatches("b"),
            IllegalStateException.class,
            "bodyMatches was already set to \"a\"; cannot set it to \"b\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.maxBodyBytes(-1),
            IllegalArgumentException.class,
            "max body bytes must be positive: -1"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.maxBodyBytes(0),
            IllegalArgumentException.class,
            "max body bytes must be positive: 0"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.maxBodyBytes(10).maxBodyBytes(20),
            IllegalStateException.class,
            "maxBodyBytes was already set to 10; cannot set it to 20"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.maxRedirects(3).maxRedirects(4),
            IllegalStateException.class,
            "maxRedirects was already set to 3; cannot set it to 4"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.insecureSkipVerify(false).insecureSkipVerify(true),
            IllegalStateException.class,
            "insecureSkipVerify was already set to false; cannot set it to true"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.serverName("a.example").serverName("b.example"),
            IllegalStateException.class,
            "serverName was already set to \"a.example\"; cannot set it to \"b.example\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.maxRedirects(-3),
            IllegalArgumentException.class,
            "max redirects must be between 1 and 50: -3"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.followRedirects(true).followRedirects(false),
            IllegalStateException.class,
            "followRedirects was already set to true; cannot set it to false"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.trustStore(missing, "x"),
            IllegalArgumentException.class,
            "trust store file must exist: \"/nonexistent/checkmetrics/secret\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.trustStore(garbage, "x"),
            IllegalArgumentException.class,
            "trust store must load: \"" + garbage + "\" (Unrecognized keystore format. Please load it with a specified type)"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.insecureSkipVerify(true).trustStore(garbage, "x"),
            IllegalStateException.class,
            "trust store and insecureSkipVerify exclude each other"),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.serverName("bad name!"),
            IllegalArgumentException.class,
            "server name must be a DNS host name: \"bad name!\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.preferredIpProtocol("ipx"),
            IllegalArgumentException.class,
            "preferred IP protocol must be ip4 or ip6: \"ipx\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.preferredIpProtocol("ip4").preferredIpProtocol("ip6"),
            IllegalStateException.class,
            "preferredIpProtocol was already set to \"ip4\"; cannot set it to \"ip6\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.bearerTokenFromFile(missing),
            IllegalArgumentException.class,
            "bearer token file must exist: \"/nonexistent/checkmetrics/secret\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.bearerTokenFromFile(empty),
            IllegalArgumentException.class,
            "bearer token must not be empty: file \"" + empty + "\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.environment(Map.<String, String>of()::get).bearerTokenFromEnv("NO_SUCH_TOKEN"),
            IllegalArgumentException.class,
            "bearer token environment variable must be set: \"NO_SUCH_TOKEN\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.basicAuthFromFile("a:b", token),
            IllegalArgumentException.class,
            "username must be 1 or more characters without ':' or control characters: \"a:b\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.basicAuthFromFile("monitor", missing),
            IllegalArgumentException.class,
            "password file must exist: \"/nonexistent/checkmetrics/secret\""),
        Arguments.of(
            (Consumer<HttpProbe.Builder>) b -> b.bearerTokenFromFile(token).basicAuthFromFile("m", token),
            IllegalStateException.class,
            "credentials was already set to bearer token from file \""
                + token
                + "\"; cannot set it to basic auth of \"m\" with a password from file \""
                + token
                + "\""));
  }

  @ParameterizedTest
  @MethodSource("invalidOptions")
  void invalidOptionShouldThrow(
      Consumer<HttpProbe.Builder> option, Class<? extends Throwable> type, String message) {
    HttpProbe.Builder builder = HttpProbe.builder("http://127.0.0.1:8080/health");
    assertThatThrownBy(() -> option.accept(builder))
        .isInstanceOf(type)
        .hasMessage(message)
        .message()
        .doesNotContain(SECRET);
  }
}
