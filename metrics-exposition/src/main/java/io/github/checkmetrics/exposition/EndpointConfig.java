package io.github.checkmetrics.exposition;

import io.github.checkmetrics.exposition.ConfigSources.Parser;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The configuration of a metrics endpoint, read without code from a properties file, {@code
 * checkmetrics.*} system properties and {@code CHECKMETRICS_*} environment variables (and a
 * servlet's init-parameters), in rising precedence: an environment variable wins over a system
 * property, which wins over given properties, which win over the file, which wins over the
 * application's own {@linkplain Loader#defaults(Map) defaults}.
 *
 * <pre>{@code
 * // CHECKMETRICS_PORT=9400 CHECKMETRICS_CONSTANT_LABELS=service=orders,env=prod
 * EndpointConfig config = EndpointConfig.load();
 * try (MetricsServer server = MetricsServer.builder().config(config).registry(registry)
 *     .buildAndStart()) {
 *   // serves registry at http://0.0.0.0:9400/metrics
 * }
 * }</pre>
 *
 * <p>The keys, their defaults and their rules are listed in {@code docs/configuration.md}
 * (generated from this class's key table); as environment variables upper-case them and turn
 * {@code .} into {@code _}, as in {@code CHECKMETRICS_AUTH_BEARER_TOKEN}. The adapters take the
 * transport keys (port, host, TLS, client timeout), {@link ScrapeHandler.Builder#config} the rest.
 * An unknown key fails with the list of valid keys; a credential's value never appears in a
 * message or in {@link #toString()}. The prefix is never {@code io.prometheus.}, whose unknown keys
 * make client_java fail at start-up.
 *
 * <p>Immutable and thread-safe. The canonical constructor is for tests and for applications that
 * build a configuration of their own; it checks nothing but null components, so {@link #load()} is
 * the way to a checked one.
 *
 * @param port the TCP port, 0 for a free one; default {@value #DEFAULT_PORT}
 * @param host the interface to bind; empty for all interfaces
 * @param path the exact path that serves metrics; default {@code /metrics}
 * @param constantLabels the labels added to every series, in the order given; unmodifiable
 * @param jvmMetrics whether client_java's JVM metrics (threads, memory, GC, ...) are registered
 * @param processMetrics whether client_java's process metrics (CPU, memory, file descriptors) are
 *     registered
 * @param clientTimeout how long a client of the JDK server may take to send its request and may
 *     stall while its response is written; empty for the server's default
 * @param maxQueryLength the longest query string accepted, in characters
 * @param maxQueryParameters the most query parameters accepted
 * @param bearerToken the bearer token the endpoint requires, if set as a value
 * @param bearerTokenFile the file of the bearer tokens the endpoint accepts, one per line
 * @param basicUser the user name of basic authentication
 * @param basicPassword the password of basic authentication, if set as a value
 * @param basicPasswordFile the file holding the password of basic authentication
 * @param basicAuthFile a file of {@code user:password} lines basic authentication accepts
 * @param tlsKeystore the keystore holding the TLS certificate and key, if TLS is configured
 * @param tlsKeystorePassword the keystore password, if set as a value
 * @param tlsKeystorePasswordFile the file holding the keystore password
 * @param tlsKeystoreType {@code PKCS12} (default) or {@code JKS}
 * @param tenantsFile the tenant credentials file of a tenant endpoint ({@link
 *     ScrapeHandler.Builder#tenants(io.github.checkmetrics.model.CheckMetrics)})
 * @param tenantPath a second metrics path of a tenant endpoint, such as {@code
 *     /accounts/{tenant}/metrics}
 * @param tenantRateLimitPerMinute the scrapes a tenant may make per minute; empty for no limit
 * @param tenantRateLimitBurst the scrapes a tenant may make at once; empty for as many as per
 *     minute
 * @param tenantCacheTtl how long a tenant's answers are kept; empty for no cache
 */
public record EndpointConfig(
    int port,
    Optional<String> host,
    String path,
    Map<String, String> constantLabels,
    boolean jvmMetrics,
    boolean processMetrics,
    Optional<Duration> clientTimeout,
    int maxQueryLength,
    int maxQueryParameters,
    Optional<String> bearerToken,
    Optional<Path> bearerTokenFile,
    Optional<String> basicUser,
    Optional<String> basicPassword,
    Optional<Path> basicPasswordFile,
    Optional<Path> basicAuthFile,
    Optional<Path> tlsKeystore,
    Optional<String> tlsKeystorePassword,
    Optional<Path> tlsKeystorePasswordFile,
    String tlsKeystoreType,
    Optional<Path> tenantsFile,
    Optional<String> tenantPath,
    Optional<Integer> tenantRateLimitPerMinute,
    Optional<Integer> tenantRateLimitBurst,
    Optional<Duration> tenantCacheTtl) {

  /** The port used unless {@code checkmetrics.port} sets one. */
  public static final int DEFAULT_PORT = 9400;

  /** A key of the table: its name after {@code checkmetrics.}, its doc, default and parser. */
  record Key<T>(String name, String doc, T defaultValue, Parser<T> parser, boolean secret) {
    static <T> Key<T> of(String name, T defaultValue, Parser<T> parser, String doc) {
      return new Key<>(name, doc, defaultValue, parser, false);
    }

    static Key<Optional<String>> secret(String name, String doc) {
      return new Key<>(name, doc, Optional.empty(), v -> Optional.of(ConfigSources.text(v)), true);
    }
  }

  // The key table: one row per key, in the order messages and docs list them.
  static final Key<Optional<Path>> CONFIG = Key.of("config", Optional.empty(),
      v -> Optional.of(ConfigSources.readableFile(v)),
      "a properties file of these keys (spelled as system properties); not in the file itself");
  static final Key<Integer> PORT = Key.of("port", DEFAULT_PORT, ConfigSources.integer(0, 65535),
      "the TCP port of the JDK server, 0 for a free one");
  static final Key<Optional<String>> HOST = Key.of("host", Optional.empty(), v -> {
    String host = ConfigSources.text(v);
    if (host.chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigSources.Rule("be a host name or IP literal without spaces");
    }
    return Optional.of(host);
  }, "the interface the JDK server binds; default all interfaces");
  static final Key<String> PATH = Key.of("path", ScrapeHandler.DEFAULT_METRICS_PATH, v -> {
    if (!Routes.isPath(v.strip())) {
      throw new ConfigSources.Rule("match " + Routes.PATH_RULE);
    }
    return v.strip();
  }, "the exact path that serves metrics");
  static final Key<Optional<String>> BEARER_TOKEN = Key.secret("auth.bearer_token",
      "the bearer token every scrape must present");
  static final Key<Optional<Path>> BEARER_TOKEN_FILE = file("auth.bearer_token_file",
      "a file of the bearer tokens a scrape may present, one per line, re-read when it changes");
  static final Key<Optional<String>> BASIC_USER = Key.of("auth.basic_user", Optional.empty(),
      v -> Optional.of(ConfigSources.text(v)), "the user name of basic authentication");
  static final Key<Optional<String>> BASIC_PASSWORD = Key.secret("auth.basic_password",
      "the password of basic authentication");
  static final Key<Optional<Path>> BASIC_PASSWORD_FILE = file("auth.basic_password_file",
      "a file holding the password of basic authentication, re-read when it changes");
  static final Key<Optional<Path>> BASIC_AUTH_FILE = file("auth.basic_auth_file",
      "a file of user:password lines basic authentication accepts, re-read when it changes");
  static final Key<Optional<Path>> TLS_KEYSTORE = file("tls.keystore",
      "the keystore of the JDK server's TLS key and certificate; HTTPS when set");
  static final Key<Optional<String>> TLS_KEYSTORE_PASSWORD = Key.secret("tls.keystore_password",
      "the keystore password");
  static final Key<Optional<Path>> TLS_KEYSTORE_PASSWORD_FILE = file("tls.keystore_password_file",
      "a file holding the keystore password");
  static final Key<String> TLS_KEYSTORE_TYPE = Key.of("tls.keystore_type", "PKCS12",
      ConfigSources.oneOf(List.of("PKCS12", "JKS")), "the keystore's type: PKCS12 or JKS");
  static final Key<Map<String, String>> CONSTANT_LABELS = Key.of("constant_labels", Map.of(),
      ConstantLabels::parse,
      "labels added to every series, name=value pairs separated by commas (see ExpositionWriter)");
  static final Key<Boolean> JVM_METRICS = Key.of("jvm_metrics", false, ConfigSources::bool,
      "whether client_java's JVM metrics are registered in the served registry");
  static final Key<Boolean> PROCESS_METRICS = Key.of("process_metrics", false,
      ConfigSources::bool, "whether client_java's process metrics are registered");
  static final Key<Optional<Duration>> CLIENT_TIMEOUT_SECONDS = Key.of("client_timeout_seconds",
      Optional.empty(), v -> Optional.of(ConfigSources.seconds("0.001", "86400").parse(v)),
      "seconds a client of the JDK server may take to send its request or stall while reading;"
          + " default 5");
  static final Key<Integer> MAX_QUERY_LENGTH = Key.of("max_query_length",
      ScrapeHandler.DEFAULT_MAX_QUERY_LENGTH, ConfigSources.integer(1, Integer.MAX_VALUE),
      "the longest query string a scrape may send, in characters; longer is 400");
  static final Key<Integer> MAX_QUERY_PARAMETERS = Key.of("max_query_parameters",
      ScrapeHandler.DEFAULT_MAX_QUERY_PARAMETERS, ConfigSources.integer(1, Integer.MAX_VALUE),
      "the most query parameters a scrape may send; more is 400");
  static final Key<Optional<Path>> TENANTS_FILE = file("tenants_file",
      "the tenant credentials file of a tenant endpoint (docs/tenant-credentials.md), re-read when"
          + " it changes; needs ScrapeHandler.Builder.tenants(checks)");
  static final Key<Optional<String>> TENANT_PATH = Key.of("tenant_path", Optional.empty(), v -> {
    if (!Routes.isPath(v.strip())) {
      throw new ConfigSources.Rule("match " + Routes.PATH_RULE);
    }
    return Optional.of(v.strip());
  }, "a second metrics path of a tenant endpoint, such as /accounts/{tenant}/metrics");
  static final Key<Optional<Integer>> TENANT_RATE_LIMIT_PER_MINUTE = Key.of(
      "tenant_rate_limit_per_minute", Optional.empty(),
      v -> Optional.of(ConfigSources.integer(1, 1_000_000).parse(v)),
      "the scrapes a tenant may make per minute (a token bucket; more get 429); default no limit");
  static final Key<Optional<Integer>> TENANT_RATE_LIMIT_BURST = Key.of(
      "tenant_rate_limit_burst", Optional.empty(),
      v -> Optional.of(ConfigSources.integer(1, 1_000_000).parse(v)),
      "the scrapes a tenant may make at once; default tenant_rate_limit_per_minute");
  static final Key<Optional<Duration>> TENANT_CACHE_TTL_SECONDS = Key.of(
      "tenant_cache_ttl_seconds", Optional.empty(),
      v -> Optional.of(ConfigSources.seconds("0.001", "3600").parse(v)),
      "seconds a tenant's answers are kept and served again (up to that old); default no cache");

  static final List<Key<?>> KEYS = List.of(CONFIG, PORT, HOST, PATH, BEARER_TOKEN,
      BEARER_TOKEN_FILE, BASIC_USER, BASIC_PASSWORD, BASIC_PASSWORD_FILE, BASIC_AUTH_FILE,
      TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_KEYSTORE_PASSWORD_FILE, TLS_KEYSTORE_TYPE,
      CONSTANT_LABELS, JVM_METRICS, PROCESS_METRICS, CLIENT_TIMEOUT_SECONDS, MAX_QUERY_LENGTH,
      MAX_QUERY_PARAMETERS, TENANTS_FILE, TENANT_PATH, TENANT_RATE_LIMIT_PER_MINUTE,
      TENANT_RATE_LIMIT_BURST, TENANT_CACHE_TTL_SECONDS);

  private static Key<Optional<Path>> file(String name, String doc) {
    return Key.of(name, Optional.empty(), v -> Optional.of(ConfigSources.readableFile(v)), doc);
  }

  /**
   * A configuration of these values, as the record's components describe them; the labels are
   * copied, in their order.
   *
   * @param port see {@link #port()}
   * @param host see {@link #host()}
   * @param path see {@link #path()}
   * @param constantLabels see {@link #constantLabels()}
   * @param jvmMetrics see {@link #jvmMetrics()}
   * @param processMetrics see {@link #processMetrics()}
   * @param clientTimeout see {@link #clientTimeout()}
   * @param maxQueryLength see {@link #maxQueryLength()}
   * @param maxQueryParameters see {@link #maxQueryParameters()}
   * @param bearerToken see {@link #bearerToken()}
   * @param bearerTokenFile see {@link #bearerTokenFile()}
   * @param basicUser see {@link #basicUser()}
   * @param basicPassword see {@link #basicPassword()}
   * @param basicPasswordFile see {@link #basicPasswordFile()}
   * @param basicAuthFile see {@link #basicAuthFile()}
   * @param tlsKeystore see {@link #tlsKeystore()}
   * @param tlsKeystorePassword see {@link #tlsKeystorePassword()}
   * @param tlsKeystorePasswordFile see {@link #tlsKeystorePasswordFile()}
   * @param tlsKeystoreType see {@link #tlsKeystoreType()}
   * @param tenantsFile see {@link #tenantsFile()}
   * @param tenantPath see {@link #tenantPath()}
   * @param tenantRateLimitPerMinute see {@link #tenantRateLimitPerMinute()}
   * @param tenantRateLimitBurst see {@link #tenantRateLimitBurst()}
   * @param tenantCacheTtl see {@link #tenantCacheTtl()}
   * @throws NullPointerException naming a null component
   */
  public EndpointConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    constantLabels =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(constantLabels, "constantLabels")));
    Objects.requireNonNull(clientTimeout, "clientTimeout");
    Objects.requireNonNull(bearerToken, "bearerToken");
    Objects.requireNonNull(bearerTokenFile, "bearerTokenFile");
    Objects.requireNonNull(basicUser, "basicUser");
    Objects.requireNonNull(basicPassword, "basicPassword");
    Objects.requireNonNull(basicPasswordFile, "basicPasswordFile");
    Objects.requireNonNull(basicAuthFile, "basicAuthFile");
    Objects.requireNonNull(tlsKeystore, "tlsKeystore");
    Objects.requireNonNull(tlsKeystorePassword, "tlsKeystorePassword");
    Objects.requireNonNull(tlsKeystorePasswordFile, "tlsKeystorePasswordFile");
    Objects.requireNonNull(tlsKeystoreType, "tlsKeystoreType");
    Objects.requireNonNull(tenantsFile, "tenantsFile");
    Objects.requireNonNull(tenantPath, "tenantPath");
    Objects.requireNonNull(tenantRateLimitPerMinute, "tenantRateLimitPerMinute");
    Objects.requireNonNull(tenantRateLimitBurst, "tenantRateLimitBurst");
    Objects.requireNonNull(tenantCacheTtl, "tenantCacheTtl");
  }

  /**
   * Reads the configuration of this process: the properties file named by {@code
   * CHECKMETRICS_CONFIG} or {@code checkmetrics.config} (if any), the system properties and the
   * environment variables.
   *
   * @return the configuration; defaults for every key not set
   * @throws IllegalArgumentException for an unknown key or a bad value, naming the key and where
   *     it was set
   * @throws IllegalStateException for keys that conflict or need one another
   */
  public static EndpointConfig load() {
    return loader().load();
  }

  /**
   * Starts a loader whose sources can be replaced, as tests and adapters (servlet
   * init-parameters) need.
   *
   * @return a loader over this process's system properties and environment
   */
  public static Loader loader() {
    return new Loader();
  }

  /**
   * Returns every valid key, as system properties spell them.
   *
   * @return every valid key, such as {@code checkmetrics.port}, in the order of the key table
   */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    KEYS.forEach(key -> keys.add(ConfigSources.property(key)));
    return List.copyOf(keys);
  }

  /**
   * Returns whether bearer or basic authentication is configured.
   *
   * @return whether an {@code auth.*} key is set
   */
  public boolean hasAuthentication() {
    return bearerToken.isPresent() || bearerTokenFile.isPresent() || basicUser.isPresent()
        || basicAuthFile.isPresent();
  }

  /**
   * The authentication the {@code auth.*} keys configure, read now; a file is then re-read when it
   * changes (see {@link Authentication}).
   *
   * @return bearer or basic authentication, or empty when no {@code auth.*} key is set
   * @throws IllegalArgumentException when a credential is empty or malformed, or its file cannot be
   *     read; the message names the option, never the credential
   */
  public Optional<Authentication> authentication() {
    if (bearerToken.isPresent() || bearerTokenFile.isPresent()) {
      return Optional.of(Authentication.bearerToken(secret(bearerToken, bearerTokenFile)));
    }
    if (basicUser.isPresent()) {
      return Optional.of(
          Authentication.basic(basicUser.get(), secret(basicPassword, basicPasswordFile)));
    }
    return basicAuthFile.map(file -> Authentication.basic(Secret.file(file)));
  }

  private static Secret secret(Optional<String> value, Optional<Path> file) {
    return value.map(Secret::value).orElseGet(() -> Secret.file(file.orElseThrow()));
  }

  /**
   * Returns whether TLS is configured.
   *
   * @return whether {@code tls.keystore} is set
   */
  public boolean hasTls() {
    return tlsKeystore.isPresent();
  }

  /**
   * A writer of a registry with this configuration's constant labels.
   *
   * @param registry the registry to write
   * @return the writer
   * @throws IllegalArgumentException when a constant label is a label of a family of the registry
   *     (see {@link ExpositionWriter.Builder#build()})
   */
  public ExpositionWriter expositionWriter(PrometheusRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    return ExpositionWriter.builder().registry(registry).constantLabels(constantLabels).build();
  }

  /**
   * Registers client_java's JVM and process metrics in a registry as {@link #jvmMetrics()} and
   * {@link #processMetrics()} say; a group already in the registry is left as it is.
   *
   * @param registry the registry to add them to
   */
  public void registerInstrumentation(PrometheusRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    JvmInstrumentation.register(registry, jvmMetrics, processMetrics);
  }

  /** The keys that are set, each credential's value shown as {@code ****}. */
  @Override
  public String toString() {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("port", port);
    shown.put("host", host.orElse(null));
    shown.put("path", path);
    shown.put("constantLabels", constantLabels);
    shown.put("jvmMetrics", jvmMetrics);
    shown.put("processMetrics", processMetrics);
    shown.put("clientTimeout", clientTimeout.orElse(null));
    shown.put("tenantsFile", tenantsFile.orElse(null));
    shown.put("tenantPath", tenantPath.orElse(null));
    shown.put("tenantRateLimitPerMinute", tenantRateLimitPerMinute.orElse(null));
    shown.put("tenantRateLimitBurst", tenantRateLimitBurst.orElse(null));
    shown.put("tenantCacheTtl", tenantCacheTtl.orElse(null));
    shown.put("maxQueryLength", maxQueryLength);
    shown.put("maxQueryParameters", maxQueryParameters);
    shown.put("bearerToken", bearerToken.map(v -> "****").orElse(null));
    shown.put("bearerTokenFile", bearerTokenFile.orElse(null));
    shown.put("basicUser", basicUser.orElse(null));
    shown.put("basicPassword", basicPassword.map(v -> "****").orElse(null));
    shown.put("basicPasswordFile", basicPasswordFile.orElse(null));
    shown.put("basicAuthFile", basicAuthFile.orElse(null));
    shown.put("tlsKeystore", tlsKeystore.orElse(null));
    shown.put("tlsKeystorePassword", tlsKeystorePassword.map(v -> "****").orElse(null));
    shown.put("tlsKeystorePasswordFile", tlsKeystorePasswordFile.orElse(null));
    shown.put("tlsKeystoreType", tlsKeystore.isPresent() ? tlsKeystoreType : null);
    shown.values().removeIf(Objects::isNull);
    return "EndpointConfig" + shown;
  }

  /**
   * Reads an {@link EndpointConfig} from its sources, each once; not thread-safe. Not a builder of
   * options: each source may be replaced (a test's loader over a map instead of the process's
   * environment is overridden by the caller that knows better), so the set-once policy does not
   * apply.
   */
  public static final class Loader {
    private Map<String, String> defaults;
    private Path file;
    private final List<Map.Entry<String, Map<String, String>>> properties = new ArrayList<>();
    private Properties systemProperties;
    private Map<String, String> environment;

    private Loader() {}

    /**
     * The application's own defaults, under every other source: an application that wants JVM
     * metrics unless its operator says otherwise gives {@code checkmetrics.jvm_metrics=true} here,
     * and a {@code false} in the file or the environment still wins.
     *
     * @param defaults entries keyed as in a file, each a configuration key; replaces earlier
     *     defaults
     * @return this loader
     */
    public Loader defaults(Map<String, String> defaults) {
      this.defaults = Map.copyOf(Objects.requireNonNull(defaults, "defaults"));
      return this;
    }

    /**
     * Reads this properties file.
     *
     * @param file a properties file read over the defaults and under every other source, instead
     *     of the one named by {@code checkmetrics.config}
     * @return this loader
     */
    public Loader file(Path file) {
      this.file = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Reads these entries, keyed as in a properties file.
     *
     * @param properties entries keyed as in a file, over the file and under system properties;
     *     keys other than {@code checkmetrics.*} are ignored. Their {@code checkmetrics.config}
     *     names the file unless a system property or an environment variable does
     * @return this loader
     */
    public Loader properties(Map<String, String> properties) {
      return properties(properties, "given properties");
    }

    /**
     * As {@link #properties(Map)}, naming where the entries were set in messages.
     *
     * @param properties entries keyed as in a file, such as a servlet's init-parameters
     * @param source where they were set, as a message names it, such as {@code "init-parameter"}
     * @return this loader
     */
    public Loader properties(Map<String, String> properties, String source) {
      Objects.requireNonNull(properties, "properties");
      Objects.requireNonNull(source, "source");
      this.properties.add(Map.entry(source, new LinkedHashMap<>(properties)));
      return this;
    }

    /**
     * Reads these system properties.
     *
     * @param systemProperties the system properties to read; default {@link
     *     System#getProperties()}. Keys other than {@code checkmetrics.*} are ignored
     * @return this loader
     */
    public Loader systemProperties(Properties systemProperties) {
      this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
      return this;
    }

    /**
     * Reads these environment variables.
     *
     * @param environment the environment variables to read; default {@link System#getenv()}.
     *     Variables other than {@code CHECKMETRICS_*} are ignored
     * @return this loader
     */
    public Loader environment(Map<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Reads and checks every source.
     *
     * @return the configuration
     * @throws IllegalArgumentException for an unknown key or a bad value, naming the key and
     *     where it was set, never showing a credential
     * @throws IllegalStateException for keys that conflict or need one another
     */
    public EndpointConfig load() {
      ConfigSources values =
          ConfigSources.read(
              defaults != null ? defaults : Map.of(),
              file,
              properties,
              systemProperties != null ? systemProperties : System.getProperties(),
              environment != null ? environment : System.getenv());
      requireConsistent(values);
      boolean jvm = values.get(JVM_METRICS);
      boolean process = values.get(PROCESS_METRICS);
      Map<String, String> labels = values.get(CONSTANT_LABELS);
      if (!labels.isEmpty() && (jvm || process)) {
        // Those families always have series, so a clash with one of them is known now.
        try {
          new ConstantLabels(labels).requireNoClash(JvmInstrumentation.labelNames(jvm, process));
        } catch (IllegalArgumentException e) {
          throw values.invalid(CONSTANT_LABELS, e);
        }
      }
      return new EndpointConfig(
          values.get(PORT),
          values.get(HOST),
          values.get(PATH),
          labels,
          jvm,
          process,
          values.get(CLIENT_TIMEOUT_SECONDS),
          values.get(MAX_QUERY_LENGTH),
          values.get(MAX_QUERY_PARAMETERS),
          values.get(BEARER_TOKEN),
          values.get(BEARER_TOKEN_FILE),
          values.get(BASIC_USER),
          values.get(BASIC_PASSWORD),
          values.get(BASIC_PASSWORD_FILE),
          values.get(BASIC_AUTH_FILE),
          values.get(TLS_KEYSTORE),
          values.get(TLS_KEYSTORE_PASSWORD),
          values.get(TLS_KEYSTORE_PASSWORD_FILE),
          values.get(TLS_KEYSTORE_TYPE),
          values.get(TENANTS_FILE),
          values.get(TENANT_PATH),
          values.get(TENANT_RATE_LIMIT_PER_MINUTE),
          values.get(TENANT_RATE_LIMIT_BURST),
          values.get(TENANT_CACHE_TTL_SECONDS));
    }

    /**
     * Refuses keys that configure one thing twice or conflict, and a key set without one it needs.
     *
     * @throws IllegalStateException naming the keys
     */
    private static void requireConsistent(ConfigSources values) {
      requireAtMostOne(values, BEARER_TOKEN, BEARER_TOKEN_FILE, "the bearer token");
      requireAtMostOne(values, BASIC_PASSWORD, BASIC_PASSWORD_FILE, "the basic password");
      requireAtMostOne(values, BASIC_USER, BASIC_AUTH_FILE, "basic authentication");
      requireAtMostOne(
          values, TLS_KEYSTORE_PASSWORD, TLS_KEYSTORE_PASSWORD_FILE, "the keystore password");
      boolean bearer = values.has(BEARER_TOKEN) || values.has(BEARER_TOKEN_FILE);
      if (bearer && (values.has(BASIC_USER) || values.has(BASIC_AUTH_FILE))) {
        throw new IllegalStateException(
            "bearer and basic authentication are both configured (checkmetrics.auth.bearer_token*"
                + " and "
                + ConfigSources.property(values.has(BASIC_USER) ? BASIC_USER : BASIC_AUTH_FILE)
                + "); configure one");
      }
      requireWith(values, BASIC_USER, BASIC_PASSWORD, BASIC_PASSWORD_FILE);
      requireWith(values, BASIC_PASSWORD, BASIC_USER);
      requireWith(values, BASIC_PASSWORD_FILE, BASIC_USER);
      requireWith(values, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_KEYSTORE_PASSWORD_FILE);
      requireWith(values, TENANT_RATE_LIMIT_BURST, TENANT_RATE_LIMIT_PER_MINUTE);
      boolean auth = values.has(BEARER_TOKEN) || values.has(BEARER_TOKEN_FILE)
          || values.has(BASIC_USER) || values.has(BASIC_AUTH_FILE);
      if (auth && values.has(TENANTS_FILE)) {
        throw new IllegalStateException(
            "checkmetrics.auth.* and " + ConfigSources.property(TENANTS_FILE) + " are both"
                + " configured: a tenant endpoint authenticates through its tenants file;"
                + " configure one");
      }
      for (Key<?> needsKeystore :
          List.of(TLS_KEYSTORE_PASSWORD, TLS_KEYSTORE_PASSWORD_FILE, TLS_KEYSTORE_TYPE)) {
        requireWith(values, needsKeystore, TLS_KEYSTORE);
      }
    }

    private static void requireAtMostOne(ConfigSources values, Key<?> a, Key<?> b, String what) {
      if (values.has(a) && values.has(b)) {
        throw new IllegalStateException(
            what + " is configured twice, by " + ConfigSources.property(a) + " and "
                + ConfigSources.property(b) + "; set one of them");
      }
    }

    /** Refuses {@code key} set without any of {@code anyOf}. */
    private static void requireWith(ConfigSources values, Key<?> key, Key<?>... anyOf) {
      if (!values.has(key)) {
        return;
      }
      List<String> needed = new ArrayList<>();
      for (Key<?> other : anyOf) {
        if (values.has(other)) {
          return;
        }
        needed.add(ConfigSources.property(other));
      }
      throw new IllegalStateException(
          ConfigSources.property(key) + " needs " + String.join(" or ", needed));
    }
  }
}
