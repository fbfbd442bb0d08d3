package io.github.checkmetrics.examples;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.exposition.TenantResolver;
import io.github.checkmetrics.httpserver.MetricsServer;
import io.github.checkmetrics.model.CheckMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The demo's metrics endpoint, settled from three layers: the demo's own {@link #DEFAULTS}, under
 * the endpoint configuration ({@link EndpointConfig}: {@code checkmetrics.*} system properties,
 * {@code CHECKMETRICS_*} environment variables, the properties file named by {@code
 * checkmetrics.config}), under the command line. Every key of the configuration applies; an option
 * (--host, --port, --bearer-token-file, --basic-auth-file) replaces what the configuration says
 * of the same thing: an authentication option replaces every {@code checkmetrics.auth.*} key.
 *
 * <p>Credentials and the keystore are read when the endpoint is settled, so a missing file or a
 * wrong password is reported before anything starts, and never with a credential in the message.
 * Not thread-safe: settled and started once, by {@link Demo}.
 */
final class DemoEndpoint {

  /**
   * What the demo does unless configured otherwise; every other key keeps {@link EndpointConfig}'s
   * default (port 9400, path {@code /metrics}, no constant labels). Loopback, unlike
   * a library endpoint's all interfaces: a demo should not be reachable from the network unasked.
   */
  static final Map<String, String> DEFAULTS =
      Map.of(
          "checkmetrics.host", "127.0.0.1",
          "checkmetrics.jvm_metrics", "true",
          "checkmetrics.process_metrics", "true");

  static final String HEALTH_PATH = "/-/healthy";

  /** The path of a tenant's metrics in tenant mode (Checkly's shape), beside the metrics path. */
  static final String TENANT_PATH = "/accounts/{tenant}/metrics";

  private final EndpointConfig config;
  private final String host;
  private final String hostOption;
  private final int port;
  private final Authentication authentication;
  private final String authenticationOption;
  /** The tenants' credentials in tenant mode, else null. */
  private final TenantResolver tenants;
  private final MetricsServer.Builder server;

  private DemoEndpoint(
      EndpointConfig config,
      String host,
      String hostOption,
      int port,
      Authentication authentication,
      String authenticationOption,
      TenantResolver tenants,
      MetricsServer.Builder server) {
    this.config = config;
    this.host = host;
    this.hostOption = hostOption;
    this.port = port;
    this.authentication = authentication;
    this.authenticationOption = authenticationOption;
    this.tenants = tenants;
    this.server = server;
  }

  /**
   * Reads the configuration through {@code loader} (with the demo's defaults under it), lets the
   * options win over it, and reads the credentials and the keystore. In tenant mode the tenants'
   * tokens are the credentials: they replace every {@code checkmetrics.auth.*} key, as an
   * authentication option does.
   *
   * @param tenants the tenants of {@code --tenants-file}, or null
   * @throws DemoOptions.UsageException with the configuration's own message for a bad key or
   *     value, or naming the option or keys whose credentials or keystore cannot be used
   */
  static DemoEndpoint settle(
      DemoOptions options, DemoTenants tenants, EndpointConfig.Loader loader)
      throws DemoOptions.UsageException {
    EndpointConfig config = using(null, () -> loader.defaults(DEFAULTS).load());
    if (config.path().equals(HEALTH_PATH)) {
      throw new DemoOptions.UsageException(
          "checkmetrics.path must differ from the health path: \"" + HEALTH_PATH + "\"");
    }
    String host = options.host != null ? options.host : config.host().orElseThrow();
    String hostOption = options.host != null ? "--host" : "checkmetrics.host";
    int port = options.port != null ? options.port : config.port();

    Authentication authentication = null;
    String authenticationOption;
    TenantResolver resolver = null;
    if (tenants != null) {
      authenticationOption = "--tenants-file";
      resolver = using(authenticationOption, tenants::resolver);
    } else if (options.bearerTokenFile != null) {
      authenticationOption = "--bearer-token-file";
      authentication =
          using(
              authenticationOption,
              () -> Authentication.bearerToken(Secret.file(options.bearerTokenFile)));
    } else if (options.basicAuthFile != null) {
      authenticationOption = "--basic-auth-file";
      authentication =
          using(authenticationOption, () -> Authentication.basic(Secret.file(options.basicAuthFile)));
    } else {
      authenticationOption = "checkmetrics.auth.*";
      authentication = using(authenticationOption, () -> config.authentication().orElse(null));
    }

    MetricsServer.Builder server = MetricsServer.builder().host(host).port(port);
    if (config.hasTls()) {
      Secret password =
          config
              .tlsKeystorePassword()
              .map(Secret::value)
              .orElseGet(() -> Secret.file(config.tlsKeystorePasswordFile().orElseThrow()));
      // https(..) reads PKCS#12; the JDK's keystores read JKS files as well
      // (keystore.type.compat), so checkmetrics.tls.keystore_type=JKS works too.
      using(
          "checkmetrics.tls.*",
          () -> server.https(config.tlsKeystore().orElseThrow(), password));
    }
    return new DemoEndpoint(
        config, host, hostOption, port, authentication, authenticationOption, resolver, server);
  }

  /** Runs {@code reading}, turning its exception into a usage error prefixed by {@code option}. */
  private static <T> T using(String option, Supplier<T> reading) throws DemoOptions.UsageException {
    try {
      return reading.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new DemoOptions.UsageException(
          option == null ? e.getMessage() : option + ": " + e.getMessage());
    }
  }

  /**
   * Registers client_java's JVM and process metrics in {@code registry} as configured (both on
   * unless {@code checkmetrics.jvm_metrics} or {@code checkmetrics.process_metrics} is false).
   */
  void registerInstrumentation(PrometheusRegistry registry) {
    config.registerInstrumentation(registry);
  }

  /**
   * Binds and starts the endpoint over the registry of {@code checks}; call once. In tenant mode
   * the metrics path ({@code /metrics}: basic auth TENANT:TOKEN) and {@link #TENANT_PATH}
   * (bearer token) serve each tenant its own checks of {@code checks}.
   *
   * @throws Demo.StartException naming the address when it cannot be bound, or the host when it does not
   *     resolve
   */
  MetricsServer start(CheckMetrics checks, BooleanSupplier healthCheck)
      throws Demo.StartException {
    ScrapeHandler.Builder handler =
        ScrapeHandler.builder()
            .registry(checks.registry())
            .metricsPath(config.path())
            .healthPath(HEALTH_PATH)
            .healthCheck(healthCheck)
            .maxQueryLength(config.maxQueryLength())
            .maxQueryParameters(config.maxQueryParameters());
    config.constantLabels().forEach(handler::constantLabel);
    if (authentication != null) {
      handler.authentication(authentication);
    }
    if (tenants != null) {
      // Both shapes on one handler: Appclacks' fixed path, Checkly's path of the tenant.
      handler.tenants(checks, tenants).tenantPath(TENANT_PATH);
    }
    try {
      return server.handler(handler.build()).buildAndStart();
    } catch (IllegalArgumentException e) {
      throw new Demo.StartException(
          hostOption + " does not resolve to an address: \"" + host + "\"");
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof BindException) {
        throw new Demo.StartException(
            "cannot serve metrics on "
                + host
                + ":"
                + port
                + ": the port is in use or not available (choose another with --port, 0 for a"
                + " free one)");
      }
      throw new Demo.StartException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage());
    }
  }

  /** @return {@code https} when a keystore is configured, else {@code http} */
  String scheme() {
    return config.hasTls() ? "https" : "http";
  }

  /** @return the host as a URL shows it: {@code localhost} for loopback and all interfaces */
  String displayHost() {
    return host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host;
  }

  /** @return the path that serves metrics */
  String path() {
    return config.path();
  }

  /**
   * What a scrape must present, for the console: where the credentials come from, never one.
   *
   * @return such as {@code Authentication[Bearer: file /demo-token] (--bearer-token-file)}, or
   *     {@code a tenant's token (--tenants-file)}, or null when scrapes need no credentials
   */
  String credentials() {
    if (tenants != null) {
      return "a tenant's token (" + authenticationOption + ")";
    }
    return authentication == null ? null : authentication + " (" + authenticationOption + ")";
  }

  /** @return the constant labels added to every series, in the order configured */
  Map<String, String> constantLabels() {
    return config.constantLabels();
  }
}
