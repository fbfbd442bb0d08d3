package io.github.checkmetrics.exposition;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The configuration of a metrics endpoint, read without code from a properties file, {@code
 * checkmetrics.*} system properties and {@code CHECKMETRICS_*} environment variables, in rising
 * precedence: an environment variable wins over a system property, which wins over the file, which
 * wins over the application's own {@linkplain Loader#defaults(Map) defaults}.
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
 * <p>Keys (as system properties; as environment variables upper-case them and turn {@code .} into
 * {@code _}, as in {@code CHECKMETRICS_AUTH_BEARER_TOKEN}): {@code checkmetrics.config} (the
 * properties file, whose keys are spelled as system properties), {@code port} (default {@value
 * #DEFAULT_PORT}), {@code host} (default all interfaces), {@code path} (default {@code /metrics}),
 * {@code auth.bearer_token}, {@code auth.bearer_token_file}, {@code auth.basic_user}, {@code
 * auth.basic_password}, {@code auth.basic_password_file}, {@code tls.keystore}, {@code
 * tls.keystore_password}, {@code tls.keystore_password_file}, {@code tls.keystore_type} ({@code
 * PKCS12} or {@code JKS}), {@code constant_labels} ({@code name=value,name=value}, none of them a
 * label of the JVM or process metrics the configuration switches on; see {@link ExpositionWriter}
 * for the families of the registry), {@code
 * jvm_metrics} and {@code process_metrics} ({@code true}/{@code false}, default {@code false}:
 * client_java's JVM and process metrics), {@code layers} (the check families to keep: any of {@code
 * status, durations, runs, last_run}, default all), {@code client_timeout_seconds} (how long a
 * client of the JDK server may take to send its request or stall while reading its response, a
 * number of seconds in 0.001..86400, default the server's own). An unknown key fails with the list of valid
 * keys; a credential's value never appears in a message or in {@link #toString()}. The prefix is
 * never {@code io.prometheus.}, whose unknown keys make client_java fail at start-up.
 *
 * <p>Immutable and thread-safe.
 */
public final class EndpointConfig {

  /** The port used unless {@code checkmetrics.port} sets one. */
  public static final int DEFAULT_PORT = 9400;

  private final EndpointSettings settings;

  private EndpointConfig(EndpointSettings settings) {
    this.settings = settings;
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
   * @return every valid key, as system properties spell them
   */
  public static List<String> keys() {
    return ConfigKey.properties();
  }

  /**
   * Returns the TCP port, 0 for a free one.
   *
   * @return the TCP port, 0 for a free one; default {@value #DEFAULT_PORT}
   */
  public int port() {
    return settings.port();
  }

  /**
   * Returns the interface to bind.
   *
   * @return the interface to bind; empty for all interfaces
   */
  public Optional<String> host() {
    return Optional.ofNullable(settings.host());
  }

  /**
   * Returns the exact path that serves metrics.
   *
   * @return the exact path that serves metrics; default {@code /metrics}
   */
  public String path() {
    return settings.path();
  }

  /**
   * Returns the labels added to every series, in the order given.
   *
   * @return the labels added to every series, in the order given; unmodifiable
   */
  public Map<String, String> constantLabels() {
    return settings.constantLabels();
  }

  /**
   * Returns whether client_java's JVM metrics (threads, memory, GC, ...) are registered.
   *
   * @return whether client_java's JVM metrics (threads, memory, GC, ...) are registered
   */
  public boolean jvmMetrics() {
    return settings.jvmMetrics();
  }

  /**
   * Returns whether client_java's process metrics (CPU, memory, file descriptors) are registered.
   *
   * @return whether client_java's process metrics (CPU, memory, file descriptors) are registered
   */
  public boolean processMetrics() {
    return settings.processMetrics();
  }

  /**
   * The check families to keep, by layer key; applied where the check metrics are built, such as
   * {@code CheckMetrics.builder().layers(Layer.fromKeys(config.layers()))}.
   *
   * @return a subset of {@code status, durations, runs, last_run}; all by default; unmodifiable
   */
  public Set<String> layers() {
    return settings.layers();
  }

  /**
   * How long a client may take to send its request and may stall while its response is written,
   * for the JDK server ({@code MetricsServer.Builder#clientTimeout}); a servlet container has
   * timeouts of its own and ignores it.
   *
   * @return the client timeout; empty when not set (the server's default applies)
   */
  public Optional<Duration> clientTimeout() {
    return Optional.ofNullable(settings.clientTimeout());
  }

  /**
   * Returns the bearer token the endpoint requires, if set as a value.
   *
   * @return the bearer token the endpoint requires, if set as a value
   */
  public Optional<String> bearerToken() {
    return Optional.ofNullable(settings.bearerToken());
  }

  /**
   * Returns the file holding the bearer token the endpoint requires, if set.
   *
   * @return the file holding the bearer token the endpoint requires, if set
   */
  public Optional<Path> bearerTokenFile() {
    return Optional.ofNullable(settings.bearerTokenFile());
  }

  /**
   * Returns the user name of basic authentication, if set.
   *
   * @return the user name of basic authentication, if set
   */
  public Optional<String> basicUser() {
    return Optional.ofNullable(settings.basicUser());
  }

  /**
   * Returns the password of basic authentication, if set as a value.
   *
   * @return the password of basic authentication, if set as a value
   */
  public Optional<String> basicPassword() {
    return Optional.ofNullable(settings.basicPassword());
  }

  /**
   * Returns the file holding the password of basic authentication, if set.
   *
   * @return the file holding the password of basic authentication, if set
   */
  public Optional<Path> basicPasswordFile() {
    return Optional.ofNullable(settings.basicPasswordFile());
  }

  /**
   * Returns the keystore holding the TLS certificate and key, if TLS is configured.
   *
   * @return the keystore holding the TLS certificate and key, if TLS is configured
   */
  public Optional<Path> tlsKeystore() {
    return Optional.ofNullable(settings.tlsKeystore());
  }

  /**
   * Returns the keystore password, if set as a value.
   *
   * @return the keystore password, if set as a value
   */
  public Optional<String> tlsKeystorePassword() {
    return Optional.ofNullable(settings.tlsKeystorePassword());
  }

  /**
   * Returns the file holding the keystore password, if set.
   *
   * @return the file holding the keystore password, if set
   */
  public Optional<Path> tlsKeystorePasswordFile() {
    return Optional.ofNullable(settings.tlsKeystorePasswordFile());
  }

  /**
   * Returns the type of the TLS keystore.
   *
   * @return {@code PKCS12} (default) or {@code JKS}
   */
  public String tlsKeystoreType() {
    return settings.tlsKeystoreType();
  }

  /**
   * Returns whether bearer or basic authentication is configured.
   *
   * @return whether bearer or basic authentication is configured
   */
  public boolean hasAuthentication() {
    return settings.hasAuthentication();
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
    return settings.authentication();
  }

  /**
   * Returns whether TLS is configured.
   *
   * @return whether TLS is configured
   */
  public boolean hasTls() {
    return settings.tlsKeystore() != null;
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
    return ExpositionWriter.builder().registry(registry).constantLabels(constantLabels()).build();
  }

  /**
   * Registers client_java's JVM and process metrics in a registry as {@link #jvmMetrics()} and
   * {@link #processMetrics()} say; a group already in the registry is left as it is.
   *
   * @param registry the registry to add them to
   */
  public void registerInstrumentation(PrometheusRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    JvmInstrumentation.register(registry, settings.jvmMetrics(), settings.processMetrics());
  }

  @Override
  public String toString() {
    return "EndpointConfig" + settings.redacted();
  }

  /** Reads an {@link EndpointConfig} from replaceable sources; not thread-safe. */
  public static final class Loader {
    private Map<String, String> defaults = Map.of();
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
     * @param file a properties file read over the defaults and under every other source,
     *     instead of the one named by {@code checkmetrics.config}
     * @return this loader
     */
    public Loader file(Path file) {
      this.file = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Reads these entries, keyed as in a properties file.
     *
     * @param properties entries keyed as in a file (such as a servlet's init-parameters), over
     *     the file and under system properties; keys other than {@code checkmetrics.*} are
     *     ignored. Their {@code checkmetrics.config} names the file unless a system property or
     *     an environment variable does
     * @return this loader
     */
    public Loader properties(Map<String, String> properties) {
      return properties(properties, "given properties");
    }

    /**
     * As {@link #properties(Map)}, naming where the entries were set in messages.
     *
     * @param properties entries keyed as in a file
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
      return new EndpointConfig(
          EndpointSettings.parse(
              ConfigSources.read(defaults, file, properties, systemProperties, environment)));
    }
  }
}
