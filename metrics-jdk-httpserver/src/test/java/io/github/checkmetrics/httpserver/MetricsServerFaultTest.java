package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.testkit.RawHttp;
import io.github.checkmetrics.testkit.SlowClients;
import io.github.checkmetrics.testkit.SlowClients.Kind;
import io.github.checkmetrics.testkit.TestCertificate;
import io.github.checkmetrics.testkit.contract.FaultSuite;
import io.github.checkmetrics.testkit.contract.ScrapeContractSuite.Endpoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault suite against a real {@link MetricsServer} on a free loopback port, and the faults only
 * the JDK server has: its client timeout, stalled TLS handshakes, and the answers the JDK gives
 * before any handler runs (documented in {@code docs/troubleshooting.md}).
 */
class MetricsServerFaultTest extends FaultSuite {

  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

  @TempDir static Path directory;
  private static TestCertificate certificate;

  private MetricsServer extra;

  @BeforeAll
  static void generateCertificate() throws IOException {
    certificate = TestCertificate.generate(Files.createDirectories(directory.resolve("ec")), "EC");
  }

  @AfterEach
  void closeExtra() {
    if (extra != null) {
      extra.close();
    }
  }

  @Override
  protected Endpoint start(ScrapeHandler handler) {
    MetricsServer server =
        MetricsServer.builder().host("127.0.0.1").port(0).handler(handler).buildAndStart();
    return Endpoint.of(
        URI.create("http://127.0.0.1:" + server.port() + handler.metricsPath()), server);
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 40})
  void stalledTlsHandshakesShouldNotStopScrapes(int count) throws Exception {
    extra =
        MetricsServer.builder()
            .host("127.0.0.1")
            .port(0)
            .registry(sizedRegistry(64 * 1024))
            .https(certificate.keystore(), Secret.value(certificate.password()))
            .buildAndStart();
    URI uri = URI.create("https://127.0.0.1:" + extra.port() + "/metrics");

    try (SlowClients slow = SlowClients.open(Kind.STALLED_TLS_HANDSHAKE, count, uri)) {
      FaultSuite.assertScrapesWithinDeadline(slow, this::tlsConnection, RawHttp.get(uri));
    }
  }

  private Socket tlsConnection() throws IOException {
    SSLSocket socket =
        (SSLSocket)
            certificate.clientContext().getSocketFactory().createSocket("127.0.0.1", extra.port());
    socket.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
    socket.startHandshake();
    return socket;
  }

  @ParameterizedTest
  @MethodSource("slowKinds")
  void clientTimeoutShouldCloseSlowConnections(Kind kind) throws Exception {
    extra = shortTimeoutServer(false);
    URI uri = URI.create("http://127.0.0.1:" + extra.port() + "/metrics");

    try (SlowClients slow = SlowClients.open(kind, 4, uri)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int closed = slow.closedByServer();
      while (closed < 4 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        closed = slow.closedByServer();
      }

      assertThat(closed).as("connections closed by the server").isEqualTo(4);
    }
  }

  static Stream<Kind> slowKinds() {
    return Stream.of(Kind.SLOW_HEADERS, Kind.UNFINISHED_REQUEST_LINE, Kind.STALLED_TLS_HANDSHAKE);
  }

  @Test
  void clientTimeoutShouldComeFromTheConfiguration() throws Exception {
    extra = shortTimeoutServer(true);
    URI uri = URI.create("http://127.0.0.1:" + extra.port() + "/metrics");

    try (Socket socket = RawHttp.connect(uri, 0)) {
      RawHttp.send(socket, "GET /metr");
      long start = System.nanoTime();
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(Duration.ofSeconds(4)); // the default would be 5 s
    }
  }

  @Test
  void requestWithBodyShouldBeAnsweredThenClosed() throws Exception {
    extra = shortTimeoutServer(false);
    URI uri = URI.create("http://127.0.0.1:" + extra.port() + "/metrics");

    try (Socket socket = RawHttp.connect(uri, 0)) {
      RawHttp.send(
          socket, "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nabc");
      RawHttp.Response response = RawHttp.read(socket);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  static Stream<Arguments> jdkAnswers() {
    StringBuilder manyHeaders = new StringBuilder("GET /metrics HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 200; i++) {
      manyHeaders.append("X-Header-").append(i).append(": v\r\n");
    }
    byte[] binary = new byte[1024];
    new Random(13).nextBytes(binary);
    return Stream.of(
        Arguments.of("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "400 <h1>400 Bad Request</h1>URISyntaxException thrown"),
        Arguments.of("GARBAGE\r\n\r\n", "400 <h1>400 Bad Request</h1>Bad request line"),
        Arguments.of("GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            "400 <h1>400 Bad Request</h1>NumberFormatException thrown"),
        Arguments.of("GET /metrics HTTP/1.1\r\nHo st: x\r\n\r\n",
            "400 <h1>400 Bad Request</h1>Header key contains illegal characters"),
        Arguments.of("GET /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
            "501 <h1>501 Not Implemented</h1>Unsupported Transfer-Encoding value"),
        Arguments.of(manyHeaders + "\r\n", "closed without an answer"),
        Arguments.of("GET /metrics HTTP/1.1\nHost: x\n\n", "closed without an answer"),
        Arguments.of(new String(binary, StandardCharsets.ISO_8859_1), "closed without an answer"),
        Arguments.of("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003",
            "closed without an answer"));
  }

  /** What {@code docs/troubleshooting.md} says a client sees. */
  @ParameterizedTest
  @MethodSource("jdkAnswers")
  void jdkServerShouldAnswerMalformedRequestsAsDocumented(String request, String seen)
      throws Exception {
    extra = shortTimeoutServer(false);
    URI uri = URI.create("http://127.0.0.1:" + extra.port() + "/metrics");

    try (Socket socket = RawHttp.connect(uri, 0)) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String answer;
      try {
        RawHttp.Response response = RawHttp.read(socket);
        answer = response.status() + " " + new String(response.body(), StandardCharsets.UTF_8);
      } catch (java.io.EOFException | java.net.SocketException e) {
        answer = "closed without an answer";
      } catch (SocketTimeoutException e) {
        answer = "still open";
      }

      assertThat(answer).isEqualTo(seen);
    }
    // And the server still serves.
    try (Socket socket = RawHttp.connect(uri, 0)) {
      RawHttp.send(socket, RawHttp.get(uri));
      assertThat(RawHttp.read(socket).status()).isEqualTo(200);
    }
  }

  @Test
  void noDelayShouldBeSetOnlyWhenTheApplicationHasNot() {
    String original = System.getProperty(MetricsServer.NODELAY);
    try {
      System.clearProperty(MetricsServer.NODELAY);
      MetricsServer.preferNoDelay();
      assertThat(System.getProperty(MetricsServer.NODELAY)).isEqualTo("true");

      System.setProperty(MetricsServer.NODELAY, "false");
      MetricsServer.preferNoDelay();
      assertThat(System.getProperty(MetricsServer.NODELAY)).isEqualTo("false");
    } finally {
      if (original == null) {
        System.clearProperty(MetricsServer.NODELAY);
      } else {
        System.setProperty(MetricsServer.NODELAY, original);
      }
    }
  }

  private static MetricsServer shortTimeoutServer(boolean fromConfig) {
    MetricsServer.Builder builder =
        MetricsServer.builder().registry(new PrometheusRegistry()).host("127.0.0.1");
    if (fromConfig) {
      return builder
          .config(
              MetricsServerConfigTest.config(
                  "CHECKMETRICS_PORT", "0", "CHECKMETRICS_CLIENT_TIMEOUT_SECONDS", "0.5"))
          .buildAndStart();
    }
    return builder.port(0).clientTimeout(SHORT_TIMEOUT).buildAndStart();
  }
}
