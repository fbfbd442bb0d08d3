package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What only the JDK server does: binding, paths, threads, its pool, its lifecycle. */
class MetricsServerTest {

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  @Test
  void oneLinerShouldServeTheDefaultRegistryAtMetricsOnAllInterfaces() throws Exception {
    Collector marker = () -> gauge("checkmetrics_one_liner_marker", 1);
    PrometheusRegistry.defaultRegistry.register(marker);
    try (MetricsServer server = MetricsServer.start(0)) {
      assertThat(server.address().getAddress().isAnyLocalAddress()).isTrue();
      HttpResponse<String> response = get(server, "/metrics");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("checkmetrics_one_liner_marker 1.0");
    } finally {
      PrometheusRegistry.defaultRegistry.unregister(marker);
    }
  }

  @Test
  void javadocUsageShouldCompileAndServe() throws Exception {
    PrometheusRegistry registry = CheckRegistries.checkRegistry();
    int port = freePort();
    // twin of the class javadoc, with a free port for 9400
    try (MetricsServer server = MetricsServer.builder()
        .host("127.0.0.1")
        .port(port)
        .registry(registry)
        .buildAndStart()) {
      assertThat(server.port()).isEqualTo(port);
      assertThat(get(server, "/metrics").body()).contains("check_status{");
    }
  }

  @Test
  void builderOptionsShouldSetPathsAndIndexPage() throws Exception {
    MetricsServer server =
        start(
            MetricsServer.builder()
                .handler(
                    ScrapeHandler.builder()
                        .metricsPath("/prom")
                        .healthPath("/ready")
                        .registry(CheckRegistries.checkRegistry())
                        .build()));

    assertThat(server.port()).isPositive();
    assertThat(get(server, "/prom").body()).contains("check_status{");
    assertThat(get(server, "/ready").body()).isEqualTo("OK");
    assertThat(get(server, "/").body()).contains("<a href=\"/prom\">/prom</a>");
    assertThat(get(server, "/metrics").statusCode()).isEqualTo(404);
    assertThat(get(server, "/-/healthy").statusCode()).isEqualTo(404);
  }

  @Test
  void indexPageWhenDisabledShouldBe404() throws Exception {
    MetricsServer server = start(MetricsServer.builder().handler(ScrapeHandler.builder().indexPage(false).build()));

    assertThat(get(server, "/").statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metricsfoo", "/metrics/", "/metrics/x", "/-/healthyx", "/favicon.ico"})
  void pathsShouldMatchExactly(String path) throws Exception {
    MetricsServer server = start(MetricsServer.builder().registry(new PrometheusRegistry()));

    HttpResponse<String> response = get(server, path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("Not Found\n");
  }

  @Test
  void threadsShouldBeDaemonsNamedCheckmetricsHttp() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    List<Thread> collecting = new CopyOnWriteArrayList<>();
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        () -> {
          collecting.add(Thread.currentThread());
          return gauge("up", 1);
        });
    MetricsServer server = start(MetricsServer.builder().registry(registry));

    assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
    assertThat(collecting).hasSize(1);
    assertThat(collecting.get(0).getName()).matches("checkmetrics-http-\\d+");
    Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
    started.removeAll(before);
    started.removeIf(t -> t.getName().startsWith("HttpClient")); // the test's own client
    assertThat(started).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).as(t.getName()).isTrue());
  }

  @Test
  void closeShouldBeIdempotentFreeThePortAndStopOwnThreads() throws Exception {
    MetricsServer server = start(MetricsServer.builder().registry(new PrometheusRegistry()));
    int port = server.port();
    assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);

    server.close();
    server.close();

    assertThatThrownBy(() -> get(server, "/metrics")).isInstanceOf(ConnectException.class);
    try (ServerSocket rebound = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      assertThat(rebound.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void closeShouldNeverShutDownAUserExecutor() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> new Thread(r, "user-pool"));
    try {
      List<String> threads = new CopyOnWriteArrayList<>();
      PrometheusRegistry registry = new PrometheusRegistry();
      registry.register(
          () -> {
            threads.add(Thread.currentThread().getName());
            return gauge("up", 1);
          });
      MetricsServer server = start(MetricsServer.builder().registry(registry).executor(executor));
      assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);

      server.close();

      assertThat(threads).containsExactly("user-pool");
      assertThat(executor.isShutdown()).isFalse();
      assertThat(executor.submit(() -> "still running").get(10, TimeUnit.SECONDS))
          .isEqualTo("still running");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void saturatedPoolShouldAnswer503InsteadOfBlocking() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        () -> {
          entered.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return gauge("up", 1);
        });
    MetricsServer server = start(
            MetricsServer.builder()
                .handler(ScrapeHandler.builder().registry(registry).concurrentScrapes(1, 1).build()));
    List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
    requests.add(getAsync(server, "/metrics"));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    // One worker is busy; the queue holds one more; a later request must get 503 at once. How soon
    // the dispatcher queues a request is not known, so send until one comes back.
    HttpResponse<String> busy = null;
    for (int i = 0; i < 20 && busy == null; i++) {
      CompletableFuture<HttpResponse<String>> request = getAsync(server, "/metrics");
      requests.add(request);
      try {
        busy = request.get(500, TimeUnit.MILLISECONDS);
      } catch (TimeoutException queued) {
        // still waiting behind the busy worker
      }
    }
    release.countDown();

    assertThat(busy).isNotNull();
    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(busy.body()).isEqualTo("Service Unavailable: too many concurrent requests\n");
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> request : requests) {
      statuses.add(request.get(60, TimeUnit.SECONDS).statusCode());
    }
    assertThat(statuses).containsOnly(200, 503);
    assertThat(statuses.stream().filter(s -> s == 200).count()).isGreaterThanOrEqualTo(2);
    assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void clientDisconnectingMidResponseShouldNotStopTheServer() throws Exception {
    // About 9 MB of text: more than the socket buffers hold, so the server is still writing when
    // the client resets the connection.
    PrometheusRegistry registry = new PrometheusRegistry();
    GaugeSnapshot.Builder big = GaugeSnapshot.builder().name("big_gauge");
    String padding = "x".repeat(60);
    for (int i = 0; i < 100_000; i++) {
      big.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(Labels.of("series", padding + i))
              .value(i)
              .build());
    }
    GaugeSnapshot snapshot = big.build();
    registry.register(() -> snapshot);
    // One worker: if a dead client kept it, the next request would never be answered.
    MetricsServer server = start(
            MetricsServer.builder()
                .handler(ScrapeHandler.builder().registry(registry).concurrentScrapes(1, 4).build()));

    for (int i = 0; i < 3; i++) {
      try (Socket socket = new Socket()) {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        OutputStream out = socket.getOutputStream();
        out.write(
            "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII))
            .isEqualTo("HTTP/1.1 200");
        socket.setSoLinger(true, 0); // close with a reset, as a killed client does
      }
    }

    HttpResponse<String> next = get(server, "/metrics?name[]=no_such_family");
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).isEmpty();
  }

  @Test
  void garbageRequestShouldNotStopTheServer() throws Exception {
    MetricsServer server = start(MetricsServer.builder().registry(new PrometheusRegistry()));

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.getOutputStream().write("\u0000GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      socket.getInputStream().readAllBytes();
    }

    assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void serverShouldSetNoSystemPropertyButNoDelayWhenAbsent() throws Exception {
    String original = System.getProperty(MetricsServer.NODELAY);
    System.clearProperty(MetricsServer.NODELAY);
    try {
      Map<Object, Object> before = new HashMap<>(System.getProperties());

      MetricsServer server = start(MetricsServer.builder().registry(new PrometheusRegistry()));
      get(server, "/metrics");
      server.close();

      before.put(MetricsServer.NODELAY, "true");
      assertThat(Map.copyOf(System.getProperties())).isEqualTo(before);
    } finally {
      if (original == null) {
        System.clearProperty(MetricsServer.NODELAY);
      } else {
        System.setProperty(MetricsServer.NODELAY, original);
      }
    }
  }

  @Test
  void portInUseShouldThrowNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () -> MetricsServer.builder().host("127.0.0.1").port(port).buildAndStart())
          .isExactlyInstanceOf(UncheckedIOException.class)
          .hasMessage("metrics server cannot bind 127.0.0.1:" + port + ": Address already in use")
          .hasCauseInstanceOf(BindException.class);
    }
  }

  static Stream<Arguments> invalidBuilders() {
    ScrapeHandler handler = ScrapeHandler.builder().build();
    PrometheusRegistry first = new PrometheusRegistry();
    PrometheusRegistry second = new PrometheusRegistry();
    return Stream.of(
        invalid(b -> b.port(-1), IllegalArgumentException.class, "port must be in 0..65535: -1"),
        invalid(b -> b.port(65536), IllegalArgumentException.class,
            "port must be in 0..65535: 65536"),
        invalid(b -> b.port(1).port(2), IllegalStateException.class,
            "port was already set to 1; cannot set it to 2"),
        invalid(b -> b.buildAndStart(), IllegalStateException.class,
            "port was not set; 0 picks a free port"),
        invalid(b -> b.port(0).handler(handler).registry(first).buildAndStart(),
            IllegalStateException.class,
            "handler was already set to " + handler + "; cannot set it to " + first),
        invalid(b -> b.host("::1"), IllegalStateException.class,
            "host was already set to \"127.0.0.1\"; cannot set it to \"::1\""),
        invalid(b -> b.host(null), NullPointerException.class, "host"),
        invalid(b -> b.executor(null), NullPointerException.class, "executor"),
        invalid(b -> b.clientTimeout(null), NullPointerException.class, "timeout"),
        invalid(b -> b.clientTimeout(Duration.ZERO), IllegalArgumentException.class,
            "client timeout must be in 1 ms..24 h: PT0S"),
        invalid(b -> b.clientTimeout(Duration.ofMillis(-5)), IllegalArgumentException.class,
            "client timeout must be in 1 ms..24 h: PT-0.005S"),
        invalid(b -> b.clientTimeout(Duration.ofHours(25)), IllegalArgumentException.class,
            "client timeout must be in 1 ms..24 h: PT25H"),
        invalid(b -> b.clientTimeout(Duration.ofSeconds(1)).clientTimeout(Duration.ofSeconds(2)),
            IllegalStateException.class,
            "clientTimeout was already set to PT1S; cannot set it to PT2S"),
        invalid(b -> b.clientTimeout(Duration.ofSeconds(1))
                .config(MetricsServerConfigTest.config("CHECKMETRICS_CLIENT_TIMEOUT_SECONDS", "2")),
            IllegalStateException.class,
            "clientTimeout was already set to PT1S; cannot set it to PT2S"),
        invalid(b -> b.handler(null), NullPointerException.class, "handler"),
        invalid(b -> b.registry(null), NullPointerException.class, "registry"),
        invalid(b -> b.registry(first).registry(second),
            IllegalStateException.class,
            "handler was already set to " + first + "; cannot set it to " + second),
        invalid(b -> b.config(null), NullPointerException.class, "config"),
        invalid(b -> b.config(MetricsServerConfigTest.config("CHECKMETRICS_HOST", "::1")),
            IllegalStateException.class,
            "host was already set to \"127.0.0.1\"; cannot set it to \"::1\""));
  }

  @ParameterizedTest
  @MethodSource("invalidBuilders")
  void invalidBuilderShouldThrowWithExactMessage(
      Consumer<MetricsServer.Builder> configure, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(() -> configure.accept(MetricsServer.builder().host("127.0.0.1")))
        .isExactlyInstanceOf(type)
        .hasMessage(message);
  }

  private static Arguments invalid(
      Consumer<MetricsServer.Builder> configure, Class<? extends Throwable> type, String message) {
    return Arguments.of(configure, type, message);
  }

  private MetricsServer start(MetricsServer.Builder builder) {
    MetricsServer server = builder.host("127.0.0.1").port(0).buildAndStart();
    toClose.add(server);
    return server;
  }

  private HttpResponse<String> get(MetricsServer server, String target)
      throws IOException, InterruptedException {
    return client.send(request(server, target), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> getAsync(MetricsServer server, String target) {
    return client.sendAsync(request(server, target), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(MetricsServer server, String target) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target))
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static MetricSnapshot gauge(String name, double value) {
    return GaugeSnapshot.builder()
        .name(name)
        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
        .build();
  }
}
