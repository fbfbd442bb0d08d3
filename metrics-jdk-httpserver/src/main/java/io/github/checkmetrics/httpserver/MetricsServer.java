package io.github.checkmetrics.httpserver;

import com.sun.net.httpserver.HttpServer;
import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.ScrapeRequest;
import io.github.checkmetrics.exposition.ScrapeResponse;
import io.github.checkmetrics.exposition.Secret;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A metrics endpoint on the JDK's built-in {@code com.sun.net.httpserver}, serving the HTTP contract
 * of {@link ScrapeHandler} (content negotiation, {@code name[]}, gzip, health path, exact paths).
 *
 * <pre>{@code
 * try (MetricsServer server = MetricsServer.builder()
 *     .host("127.0.0.1")
 *     .port(9400)
 *     .registry(registry)
 *     .buildAndStart()) {
 *   // scrape http://127.0.0.1:9400/metrics
 * }
 * }</pre>
 *
 * <p>Secured, as a check platform exposes its customers' checks: HTTPS with TLS 1.2 or 1.3 only,
 * and a bearer token (or basic auth) on every scrape; the health path stays open.
 *
 * <pre>{@code
 * try (MetricsServer server = MetricsServer.builder()
 *     .port(9400)
 *     .registry(registry)
 *     .https(Path.of("/etc/checkmetrics/keystore.p12"), Secret.environmentVariable("KEYSTORE_PASSWORD"))
 *     .authentication(Authentication.bearerToken(Secret.file(Path.of("/run/secrets/metrics-token"))))
 *     .buildAndStart()) {
 *   // scrape https://<host>:9400/metrics with Authorization: Bearer <token>
 * }
 * }</pre>
 *
 * <p>Configured without code, from {@code checkmetrics.*} system properties, {@code CHECKMETRICS_*}
 * environment variables or a properties file (see {@link EndpointConfig}):
 *
 * <pre>{@code
 * MetricsServer server = MetricsServer.builder()
 *     .config(EndpointConfig.load())
 *     .registry(registry)
 *     .buildAndStart();
 * }</pre>
 *
 * <p><b>Under a real network.</b> Every connection with a request in progress is read and answered
 * on a thread of its own (virtual threads on Java 24 and later, platform daemon threads {@code
 * checkmetrics-http-N} before; see below), so a slow client holds only its own thread. A client
 * gets {@link Builder#clientTimeout(Duration)} (default 5 s) to send its TLS handshake, request
 * line and headers, and may stall at most that long at a time while its response is written; past
 * it the connection is closed, without an answer. A request body is never waited for: the response
 * is sent and the connection closed. At most 4 scrapes collect at once and 32 wait for their turn
 * (at most the client timeout); past that a scrape is answered 503 with {@code Retry-After: 1} at
 * once, never dropped. A response body is written in slices of 16 KiB, so a connection, kept alive
 * or aborted, never keeps a buffer sized to the body. What it costs: on Java 17 to 23 one platform
 * thread per connection in progress (created on demand, up to 1024 at once, then an exchange waits
 * for one; ended after 30 s idle); one watchdog thread per server, waking a few times a second;
 * and each response being written holds its whole body in memory until the client has taken it
 * or stalled past the client timeout (the 4 slots bound collecting, the clients bound writing).
 *
 * <p><b>JVM-wide settings.</b> The JDK server's own limits ({@code sun.net.httpserver.*}) are
 * system properties of the whole JVM, read once when the first JDK {@code HttpServer} is created;
 * the time limits above are per server instead and need none of them. One is needed: unless the
 * application set it, {@link #start(int)} and {@link Builder#buildAndStart()} set {@code
 * sun.net.httpserver.nodelay=true} (without it every response on a kept-alive connection waits
 * about 40 ms for the client's delayed ACK). A value the application set, {@code false} included,
 * is never changed; and if a JDK {@code HttpServer} was created in this JVM before the first
 * {@code MetricsServer}, the JDK has read the setting already and keeps the value it read.
 *
 * <p>An executor given to {@link Builder#executor(Executor)} runs the connections instead of the
 * server's own threads (the time limits and scrape slots still apply); it is used as is and never
 * shut down, and it must not block or reject: the JDK server drops a connection its executor
 * rejects. Every thread the server starts is a daemon, so it never keeps the JVM alive.
 *
 * <p>Thread-safe; {@link #close()} is idempotent and frees the port.
 */
public final class MetricsServer implements AutoCloseable {

  /** The time a client gets unless {@link Builder#clientTimeout(Duration)} says otherwise. */
  public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(5);

  private final HttpServer server;
  private final ClientTimeouts timeouts;
  private final ExecutorService ownThreads;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MetricsServer(HttpServer server, ClientTimeouts timeouts, ExecutorService ownThreads) {
    this.server = server;
    this.timeouts = timeouts;
    this.ownThreads = ownThreads;
  }

  /**
   * Serves client_java's default registry at {@code /metrics} on all interfaces.
   *
   * @param port the TCP port, 0 for a free one
   * @return the running server
   * @throws IllegalArgumentException when {@code port} is not in 0..65535
   * @throws UncheckedIOException naming the address when the port cannot be bound
   */
  public static MetricsServer start(int port) {
    return builder().port(port).buildAndStart();
  }

  /**
   * A builder; {@link Builder#port(int)} is the only required option.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The address the server is bound to.
   *
   * @return the bound address; its port is the real one when 0 was asked for
   */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * The TCP port the server is bound to.
   *
   * @return the bound port, never 0
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops the server at once, frees the port and stops its own threads; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      timeouts.shutdown();
      if (ownThreads != null) {
        ownThreads.shutdown();
      }
    }
  }

  /** Configures and starts a {@link MetricsServer}; every option may be set once. */
  public static final class Builder {
    private final ScrapeHandler.Builder handlerBuilder = ScrapeHandler.builder();
    private boolean handlerOptionSet;
    private ScrapeHandler handler;
    private PrometheusRegistry registry;
    private EndpointConfig config;
    private String host;
    private Integer port;
    private Executor executor;
    private Duration clientTimeout;
    private int slots = 4;
    private int queueCapacity = 32;
    private SSLContext sslContext;
    private boolean authenticationSet;

    private Builder() {}

    /**
     * The interface to bind.
     *
     * @param host a host name or IP literal such as {@code "127.0.0.1"}; default all interfaces
     * @return this builder
     * @throws IllegalStateException when the host was already set
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      OptionChecks.requireUnset(this.host, "host");
      this.host = host;
      return this;
    }

    /**
     * The TCP port; required.
     *
     * @param port 0..65535; 0 picks a free port, readable from {@link MetricsServer#port()}
     * @return this builder
     * @throws IllegalArgumentException when {@code port} is out of range
     * @throws IllegalStateException when the port was already set
     */
    public Builder port(int port) {
      OptionChecks.requirePort(port);
      OptionChecks.requireUnset(this.port, "port");
      this.port = port;
      return this;
    }

    /**
     * See {@link ScrapeHandler.Builder#metricsPath(String)}; default {@code /metrics}.
     *
     * @param path the exact path that serves metrics
     * @return this builder
     */
    public Builder metricsPath(String path) {
      handlerBuilder.metricsPath(path);
      handlerOptionSet = true;
      return this;
    }

    /**
     * See {@link ScrapeHandler.Builder#healthPath(String)}; default {@code /-/healthy}.
     *
     * @param path the exact path that answers 200 {@code OK}
     * @return this builder
     */
    public Builder healthPath(String path) {
      handlerBuilder.healthPath(path);
      handlerOptionSet = true;
      return this;
    }

    /**
     * See {@link ScrapeHandler.Builder#healthCheck(BooleanSupplier)}; default always healthy.
     *
     * @param check the test behind the health path, such as a check runner's {@code
     *     runner::isHealthy}
     * @return this builder
     */
    public Builder healthCheck(BooleanSupplier check) {
      handlerBuilder.healthCheck(check);
      handlerOptionSet = true;
      return this;
    }

    /**
     * See {@link ScrapeHandler.Builder#registry(PrometheusRegistry)}; default client_java's default
     * registry.
     *
     * @param registry the registry to serve
     * @return this builder
     */
    public Builder registry(PrometheusRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      if (this.registry != null) {
        throw new IllegalStateException("registry was already set");
      }
      this.registry = registry;
      handlerOptionSet = true;
      return this;
    }

    /**
     * Applies a configuration read without code: its port, host (when set), metrics path and client
     * timeout (when set) as {@link #port(int)}, {@link #host(String)}, {@link
     * #metricsPath(String)} and {@link #clientTimeout(Duration)} do (so setting one of those again
     * fails), its constant labels on every series, client_java's JVM and
     * process metrics registered in the served registry when switched on, its {@code auth.*} keys
     * as {@link #authentication(Authentication)} and its {@code tls.*} keys as HTTPS (both applied
     * by {@link #buildAndStart()}). Its {@code layers} are for the code that builds the check
     * metrics ({@code CheckMetrics.Builder#layers}).
     *
     * @param config the configuration, such as {@link EndpointConfig#load()}
     * @return this builder
     * @throws IllegalStateException when a configuration or one of those options was already set
     */
    public Builder config(EndpointConfig config) {
      Objects.requireNonNull(config, "config");
      OptionChecks.requireUnset(this.config, "config");
      this.config = config;
      port(config.port());
      config.host().ifPresent(this::host);
      metricsPath(config.path());
      config.clientTimeout().ifPresent(this::clientTimeout);
      return this;
    }

    /**
     * See {@link ScrapeHandler.Builder#indexPage(boolean)}; default true.
     *
     * @param enabled whether {@code /} links to the metrics path
     * @return this builder
     */
    public Builder indexPage(boolean enabled) {
      handlerBuilder.indexPage(enabled);
      handlerOptionSet = true;
      return this;
    }

    /**
     * See {@link ScrapeHandler.Builder#authentication(Authentication)}; default none.
     *
     * @param authentication the bearer tokens or basic auth every scrape must present
     * @return this builder
     */
    public Builder authentication(Authentication authentication) {
      handlerBuilder.authentication(authentication);
      authenticationSet = true;
      handlerOptionSet = true;
      return this;
    }

    /**
     * See {@link ScrapeHandler.Builder#route(String, Function)}: one more exact path, answered by
     * {@code route} after the metrics path's authentication.
     *
     * @param path the exact path, such as {@code /-/reload}
     * @param route answers every request of the path
     * @return this builder
     */
    public Builder route(String path, Function<ScrapeRequest, ScrapeResponse> route) {
      handlerBuilder.route(path, route);
      handlerOptionSet = true;
      return this;
    }

    /**
     * See {@link ScrapeHandler.Builder#authenticateHealthPath(boolean)}; default false.
     *
     * @param enabled whether the health path needs the credentials too
     * @return this builder
     */
    public Builder authenticateHealthPath(boolean enabled) {
      handlerBuilder.authenticateHealthPath(enabled);
      handlerOptionSet = true;
      return this;
    }

    /**
     * Serves HTTPS instead of HTTP, with the key and certificate of {@code context}; only TLS 1.3
     * and 1.2 are enabled, per connection, without any JVM-wide property.
     *
     * @param context an initialised context holding the server's key managers
     * @return this builder
     * @throws NullPointerException when {@code context} is null
     * @throws IllegalArgumentException when {@code context} supports neither TLS 1.3 nor 1.2
     * @throws IllegalStateException when https was already set
     */
    public Builder https(SSLContext context) {
      Objects.requireNonNull(context, "context");
      OptionChecks.requireNoHttps(sslContext);
      Tls.protocols(context);
      this.sslContext = context;
      return this;
    }

    /**
     * Serves HTTPS with the private key and certificate chain of a PKCS#12 keystore, read now;
     * the key must have the keystore's password, as {@code keytool} and {@code openssl pkcs12}
     * write it. Only TLS 1.3 and 1.2 are enabled.
     *
     * @param keystore a PKCS#12 file ({@code .p12}, {@code .pfx})
     * @param password the keystore password, from a value, an environment variable or a file
     * @return this builder
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the keystore does not exist, cannot be read, is not
     *     PKCS#12, holds no private key or its password is wrong; the message names the keystore,
     *     never the password
     * @throws IllegalStateException when https was already set
     */
    public Builder https(Path keystore, Secret password) {
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(password, "password");
      OptionChecks.requireNoHttps(sslContext);
      this.sslContext = Tls.fromKeystore(keystore, password, "PKCS12");
      return this;
    }

    /**
     * A fully configured handler (constant labels, query limits), instead of the options above.
     *
     * @param handler the handler that answers every request
     * @return this builder
     * @throws IllegalStateException when a handler was already set
     */
    public Builder handler(ScrapeHandler handler) {
      Objects.requireNonNull(handler, "handler");
      OptionChecks.requireUnset(this.handler, "handler");
      this.handler = handler;
      return this;
    }

    /**
     * How long a client may take to send its request (TLS handshake, request line and headers) and
     * how long it may stall, at a time, while its response is written; past it the connection is
     * closed without an answer. Scrape slots are waited for at most this long too. Per server: no
     * JVM-wide {@code sun.net.httpserver.*} property is read or set for it.
     *
     * @param timeout 1 ms to 24 h; default {@link MetricsServer#DEFAULT_CLIENT_TIMEOUT} (5 s).
     *     Prometheus sends its request at once; a few seconds leave room for a slow network
     * @return this builder
     * @throws NullPointerException when {@code timeout} is null
     * @throws IllegalArgumentException when {@code timeout} is under 1 ms or over 24 h
     * @throws IllegalStateException when the client timeout was already set
     */
    public Builder clientTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofMillis(1)) < 0
          || timeout.compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException("client timeout must be in 1 ms..24 h: " + timeout);
      }
      OptionChecks.requireUnset(this.clientTimeout, "client timeout");
      this.clientTimeout = timeout;
      return this;
    }

    /**
     * The executor that reads and answers connections instead of the server's own connection
     * threads; the client timeout and the scrape slots still apply. {@link MetricsServer#close()}
     * never shuts it down. It must neither block nor reject: the JDK server's dispatcher waits for
     * {@code execute} and drops a connection it rejects, and a slow client holds the thread it
     * runs on for up to the client timeout.
     *
     * @param executor the executor
     * @return this builder
     * @throws IllegalStateException when an executor was already set
     */
    public Builder executor(Executor executor) {
      Objects.requireNonNull(executor, "executor");
      OptionChecks.requireUnset(this.executor, "executor");
      this.executor = executor;
      return this;
    }

    /** Sizes the scrape slots; for tests that need to saturate them. */
    Builder pool(int slots, int queueCapacity) {
      this.slots = slots;
      this.queueCapacity = queueCapacity;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @return the running server
     * @throws IllegalStateException when no port was set, or a handler and handler options were both
     *     set, or the health path equals the metrics path, or the health path is to be
     *     authenticated without authentication
     * @throws IllegalStateException when authentication or HTTPS is set both by the {@link
     *     #config(EndpointConfig) configuration} and by code
     * @throws IllegalArgumentException when the host does not resolve, or a configured keystore or
     *     credential cannot be used (the message names the key, never the secret), or a constant
     *     label (of the configuration or of the handler) is a label of a family of the served
     *     registry, naming both (see {@code ExpositionWriter})
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public MetricsServer buildAndStart() {
      OptionChecks.requireStartable(port, handler != null && handlerOptionSet);
      if (config != null) {
        sslContext =
            ConfigApplication.apply(
                config, handlerBuilder, registry, authenticationSet, sslContext);
      } else if (registry != null) {
        handlerBuilder.registry(registry);
      }
      ScrapeHandler scrapeHandler;
      if (handler != null) {
        // Built earlier: families registered since are checked too.
        handler.checkConstantLabels();
        scrapeHandler = handler;
      } else {
        scrapeHandler = handlerBuilder.build();
      }
      long timeoutNanos =
          (clientTimeout != null ? clientTimeout : DEFAULT_CLIENT_TIMEOUT).toNanos();
      HttpServer server = ServerStart.bind(host, port, sslContext);
      ExecutorService ownThreads = executor == null ? ConnectionThreads.start() : null;
      ClientTimeouts timeouts =
          new ClientTimeouts(executor != null ? executor : ownThreads, timeoutNanos);
      server.setExecutor(timeouts);
      // One context at "/" and exact matching in the handler: a context at /metrics would also
      // serve /metricsfoo.
      MetricsServer started = new MetricsServer(server, timeouts, ownThreads);
      server.createContext(
          "/",
          new ExchangeHandler(
              scrapeHandler, new ScrapeSlots(slots, queueCapacity), timeoutNanos));
      try {
        ServerStart.startAsDaemon(server);
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
      return started;
    }
  }
}
