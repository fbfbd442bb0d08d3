package io.github.checkmetrics.httpserver;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.model.internal.SetOnce;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * A metrics endpoint on the JDK's built-in {@code com.sun.net.httpserver}: a port, its transport
 * (TLS, connection threads, client timeouts) and one {@link ScrapeHandler} that gives every answer
 * (content negotiation, {@code name[]}, gzip, health path, 404, 503 past its scrape slots).
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
 * and a bearer token (or basic auth) on every scrape, checked by the handler; the health path stays
 * open.
 *
 * <pre>{@code
 * try (MetricsServer server = MetricsServer.builder()
 *     .port(9400)
 *     .https(Path.of("/etc/checkmetrics/keystore.p12"), Secret.environmentVariable("KEYSTORE_PASSWORD"))
 *     .handler(ScrapeHandler.builder()
 *         .registry(registry)
 *         .authentication(Authentication.bearerToken(Secret.file(Path.of("/run/secrets/metrics-token"))))
 *         .build())
 *     .buildAndStart()) {
 *   // scrape https://<host>:9400/metrics with Authorization: Bearer <token>
 * }
 * }</pre>
 *
 * <p>Configured without code ({@link EndpointConfig}: {@code checkmetrics.*} system properties,
 * {@code CHECKMETRICS_*} variables, a properties file), the server takes the transport keys (port,
 * host, TLS, client timeout) and its default handler the rest: {@code
 * MetricsServer.builder().config(EndpointConfig.load()).registry(registry).buildAndStart()}.
 *
 * <p><b>Under a real network.</b> Every connection with a request in progress is read and answered
 * on a thread of its own (virtual threads on Java 24 and later, platform daemon threads {@code
 * checkmetrics-http-N}, up to 1024 at once, before), so a slow client holds only its own thread.
 * A client gets {@link Builder#clientTimeout(Duration)} (default 5 s) to send its TLS handshake,
 * request line and headers, and may stall at most that long at a time while its response is
 * written; past it the connection is closed without an answer. A request body is never waited
 * for: the response is sent and the connection closed. The handler's scrape slots bound
 * collecting; a body is written in slices of 16 KiB, so no connection keeps a buffer sized to it.
 * One watchdog thread per server wakes a few times a second.
 *
 * <p><b>JVM-wide settings.</b> The JDK server's own limits ({@code sun.net.httpserver.*}) are read
 * once per JVM; the time limits above are per server and need none of them. One is needed: unless
 * the application set it (either way), starting a server sets {@code
 * sun.net.httpserver.nodelay=true}, which takes effect when no JDK {@code HttpServer} was created
 * in this JVM before.
 *
 * <p>An executor given to {@link Builder#executor(Executor)} runs the connections instead of the
 * server's own threads; it is never shut down, and it must neither block nor reject (the JDK
 * server drops a connection its executor rejects). Every thread the server starts is a daemon.
 *
 * <p>Thread-safe; {@link #close()} is idempotent and frees the port.
 */
public final class MetricsServer implements AutoCloseable {

  /** The time a client gets unless {@link Builder#clientTimeout(Duration)} says otherwise. */
  public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The JDK server's switch for {@code TCP_NODELAY}, JVM-wide and read once. Without it every
   * response on a kept-alive connection waits about 40 ms: the JDK writes headers and body
   * separately, and Nagle's algorithm holds the body until the client's delayed ACK.
   */
  static final String NODELAY = "sun.net.httpserver.nodelay";

  /** Connections the kernel holds before they are accepted; the JDK's 50 overflow in a burst. */
  private static final int BACKLOG = 1024;

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
   * A builder; the port (or a configuration) is the only required option.
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

  /**
   * Configures and starts a {@link MetricsServer}: transport options and the one handler. Every
   * option may be set once (a second call is an {@link IllegalStateException} naming the option
   * and both values). Not thread-safe.
   */
  public static final class Builder {
    private EndpointConfig config;
    /** The handler, or the registry of the default handler: one option, set once. */
    private Object handler;
    private String host;
    private Integer port;
    private Executor executor;
    private Duration clientTimeout;
    private String https;
    private SSLContext sslContext;

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
      this.host = SetOnce.set("host", this.host, host);
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
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535: " + port);
      }
      this.port = SetOnce.set("port", this.port, port);
      return this;
    }

    /**
     * The handler that answers every request, instead of the default one (see {@link
     * #registry(PrometheusRegistry)}).
     *
     * @param handler the handler, with its paths, credentials, limits and routes
     * @return this builder
     * @throws NullPointerException when {@code handler} is null
     * @throws IllegalStateException when a handler or a registry was already set
     */
    public Builder handler(ScrapeHandler handler) {
      Objects.requireNonNull(handler, "handler");
      this.handler = SetOnce.set("handler", this.handler, handler);
      return this;
    }

    /**
     * Serves {@code registry} (default client_java's) with the default handler: {@code /metrics},
     * health path, index page, and the handler keys of the {@link #config(EndpointConfig)}, if any.
     *
     * @param registry the registry to serve
     * @return this builder
     * @throws NullPointerException when {@code registry} is null
     * @throws IllegalStateException when a handler or a registry was already set
     */
    public Builder registry(PrometheusRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      this.handler = SetOnce.set("handler", this.handler, registry);
      return this;
    }

    /**
     * Applies a configuration's transport keys as the options of the same names do (so setting one
     * again fails): port, host, client timeout, {@code tls.*}. The default handler applies its
     * other keys; a given handler takes them from {@link ScrapeHandler.Builder#config}.
     *
     * @param config the configuration, such as {@link EndpointConfig#load()}
     * @return this builder
     * @throws IllegalArgumentException when its keystore cannot be used (the message names the
     *     keystore, never the password)
     * @throws IllegalStateException when a configuration or one of those options was already set
     */
    public Builder config(EndpointConfig config) {
      Objects.requireNonNull(config, "config");
      this.config = SetOnce.set("config", this.config, config);
      port(config.port());
      config.host().ifPresent(this::host);
      config.clientTimeout().ifPresent(this::clientTimeout);
      if (config.hasTls()) {
        https(config.tlsKeystore().orElseThrow(), Tls.password(config), config.tlsKeystoreType());
      }
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
      Tls.protocols(context);
      this.https = SetOnce.set("https", https, "an SSLContext");
      this.sslContext = context;
      return this;
    }

    /**
     * Serves HTTPS with the private key and certificate chain of a PKCS#12 keystore, read now
     * (the key must have the keystore's password); only TLS 1.3 and 1.2 are enabled.
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
      return https(keystore, password, "PKCS12");
    }

    private Builder https(Path keystore, Secret password, String type) {
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(password, "password");
      // The keystore's name, never the password, in the message of a second call.
      this.https = SetOnce.set("https", https, keystore.toString());
      this.sslContext = Tls.fromKeystore(keystore, password, type);
      return this;
    }

    /**
     * How long a client may take to send its request (TLS handshake, request line, headers) and may
     * stall, at a time, while its response is written; past it the connection is closed.
     *
     * @param timeout 1 ms to 24 h; default {@link MetricsServer#DEFAULT_CLIENT_TIMEOUT} (5 s)
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
      this.clientTimeout = SetOnce.set("clientTimeout", clientTimeout, timeout);
      return this;
    }

    /**
     * The executor that reads and answers connections instead of the server's own threads (see
     * the class documentation); the client timeout still applies; never shut down by the server.
     *
     * @param executor the executor
     * @return this builder
     * @throws IllegalStateException when an executor was already set
     */
    public Builder executor(Executor executor) {
      Objects.requireNonNull(executor, "executor");
      this.executor = SetOnce.set("executor", this.executor, executor);
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @return the running server
     * @throws IllegalStateException when no port was set
     * @throws IllegalArgumentException when the host does not resolve, or the default handler
     *     cannot be built from the configuration (a credential it names cannot be read, the message
     *     names the key, never the secret), or a constant label of the handler is a label of a
     *     family of the served registry, naming both (see {@code ExpositionWriter})
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public MetricsServer buildAndStart() {
      if (port == null) {
        throw new IllegalStateException("port was not set; 0 picks a free port");
      }
      ScrapeHandler scrapeHandler;
      if (handler instanceof ScrapeHandler) {
        // Built earlier: families registered since are checked too.
        scrapeHandler = (ScrapeHandler) handler;
        scrapeHandler.checkConstantLabels();
      } else {
        ScrapeHandler.Builder defaults = ScrapeHandler.builder();
        if (handler != null) {
          defaults.registry((PrometheusRegistry) handler);
        }
        if (config != null) {
          defaults.config(config);
        }
        scrapeHandler = defaults.build();
      }
      long timeoutNanos =
          (clientTimeout != null ? clientTimeout : DEFAULT_CLIENT_TIMEOUT).toNanos();
      HttpServer server = bind();
      ExecutorService ownThreads = executor == null ? ConnectionThreads.start() : null;
      ClientTimeouts timeouts =
          new ClientTimeouts(executor != null ? executor : ownThreads, timeoutNanos);
      server.setExecutor(timeouts);
      MetricsServer started = new MetricsServer(server, timeouts, ownThreads);
      // One context at "/" and exact matching in the handler: a context at /metrics would also
      // serve /metricsfoo.
      server.createContext("/", new ExchangeHandler(scrapeHandler));
      try {
        ConnectionThreads.startAsDaemon(server);
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
      return started;
    }

    /** A server bound to the host and port, over HTTP or HTTPS, not yet started. */
    private HttpServer bind() {
      InetSocketAddress address =
          host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
      if (address.isUnresolved()) {
        throw new IllegalArgumentException("host must resolve to an address: \"" + host + "\"");
      }
      preferNoDelay();
      try {
        if (sslContext == null) {
          return HttpServer.create(address, BACKLOG);
        }
        HttpsServer https = HttpsServer.create(address, BACKLOG);
        https.setHttpsConfigurator(new Tls.Configurator(sslContext));
        return https;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "metrics server cannot bind " + address.getHostString() + ":" + port + ": "
                + e.getMessage(), e);
      }
    }
  }

  /** Sets {@value #NODELAY} to {@code true} unless the application set it, either way. */
  static void preferNoDelay() {
    synchronized (System.getProperties()) {
      if (System.getProperty(NODELAY) == null) {
        System.setProperty(NODELAY, "true");
      }
    }
  }
}
