package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key, every bad value and the precedence file < system properties < environment. */
class EndpointConfigTest {

  private static final String SECRET = "s3cr3t-never-shown";

  @TempDir static Path dir;

  private static Path keystore;
  private static Path tokenFile;

  @BeforeAll
  static void files() throws IOException {
    keystore = Files.writeString(dir.resolve("server.p12"), "not read by the parser");
    tokenFile = Files.writeString(dir.resolve("token"), SECRET);
  }

  private static Properties system(String... keyValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return properties;
  }

  private static Map<String, String> env(String... keyValues) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      environment.put(keyValues[i], keyValues[i + 1]);
    }
    return environment;
  }

  private static EndpointConfig load(Properties system, Map<String, String> environment) {
    return EndpointConfig.loader().systemProperties(system).environment(environment).load();
  }

  private static Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void defaultsShouldApplyWhenNothingIsSet() {
    EndpointConfig config =
        load(system("java.version", "17", "user.home", "/root"), env("PATH", "/bin"));

    assertThat(config.port()).isEqualTo(9400);
    assertThat(config.host()).isEmpty();
    assertThat(config.path()).isEqualTo("/metrics");
    assertThat(config.constantLabels()).isEmpty();
    assertThat(config.jvmMetrics()).isFalse();
    assertThat(config.processMetrics()).isFalse();
    assertThat(config.hasAuthentication()).isFalse();
    assertThat(config.hasTls()).isFalse();
    assertThat(config.tlsKeystoreType()).isEqualTo("PKCS12");
    assertThat(config.toString())
        .isEqualTo(
            "EndpointConfig{port=9400, path=/metrics, constantLabels={}, jvmMetrics=false,"
                + " processMetrics=false, maxQueryLength=8192, maxQueryParameters=100}");
    assertThat(config.maxQueryLength()).isEqualTo(ScrapeHandler.DEFAULT_MAX_QUERY_LENGTH);
    assertThat(config.maxQueryParameters()).isEqualTo(ScrapeHandler.DEFAULT_MAX_QUERY_PARAMETERS);
  }

  @Test
  void everyKeyShouldBeReadFromSystemProperties() {
    EndpointConfig bearer =
        load(
            system(
                "checkmetrics.port", "9091",
                "checkmetrics.host", "127.0.0.1",
                "checkmetrics.path", "/-/metrics",
                "checkmetrics.auth.bearer_token", SECRET,
                "checkmetrics.tls.keystore", keystore.toString(),
                "checkmetrics.tls.keystore_password", SECRET,
                "checkmetrics.tls.keystore_type", "jks",
                "checkmetrics.constant_labels", "type=gateway, ip=192.168.3.23,name=gw=1",
                "checkmetrics.jvm_metrics", "TRUE",
                "checkmetrics.process_metrics", "true",
                "checkmetrics.client_timeout_seconds", " 2.5 ",
                "checkmetrics.max_query_length", "2048",
                "checkmetrics.max_query_parameters", " 7 "),
            env());

    assertThat(bearer.port()).isEqualTo(9091);
    assertThat(bearer.clientTimeout()).contains(Duration.ofMillis(2500));
    assertThat(bearer.host()).contains("127.0.0.1");
    assertThat(bearer.path()).isEqualTo("/-/metrics");
    assertThat(bearer.bearerToken()).contains(SECRET);
    assertThat(bearer.hasAuthentication()).isTrue();
    assertThat(bearer.tlsKeystore()).contains(keystore);
    assertThat(bearer.tlsKeystorePassword()).contains(SECRET);
    assertThat(bearer.tlsKeystoreType()).isEqualTo("JKS");
    assertThat(bearer.hasTls()).isTrue();
    assertThat(bearer.constantLabels())
        .containsExactly(
            Map.entry("type", "gateway"), Map.entry("ip", "192.168.3.23"), Map.entry("name", "gw=1"));
    assertThat(bearer.jvmMetrics()).isTrue();
    assertThat(bearer.processMetrics()).isTrue();
    assertThat(bearer.maxQueryLength()).isEqualTo(2048);
    assertThat(bearer.maxQueryParameters()).isEqualTo(7);
    assertThat(bearer.toString()).doesNotContain(SECRET).contains("bearerToken=****");

    EndpointConfig basic =
        load(
            system(
                "checkmetrics.auth.basic_user", "org-42",
                "checkmetrics.auth.basic_password_file", tokenFile.toString(),
                "checkmetrics.tls.keystore", keystore.toString(),
                "checkmetrics.tls.keystore_password_file", tokenFile.toString()),
            env());
    assertThat(basic.basicUser()).contains("org-42");
    assertThat(basic.basicPasswordFile()).contains(tokenFile);
    assertThat(basic.basicPassword()).isEmpty();
    assertThat(basic.bearerToken()).isEmpty();
    assertThat(basic.bearerTokenFile()).isEmpty();
    assertThat(basic.tlsKeystorePasswordFile()).contains(tokenFile);
    assertThat(basic.tlsKeystorePassword()).isEmpty();
  }

  @Test
  void everyKeyShouldBeReadFromTheEnvironment() {
    EndpointConfig config =
        load(
            system(),
            env(
                "CHECKMETRICS_PORT", "0",
                "CHECKMETRICS_HOST", "::1",
                "CHECKMETRICS_PATH", "/",
                "CHECKMETRICS_AUTH_BASIC_USER", "org-42",
                "CHECKMETRICS_AUTH_BASIC_PASSWORD", SECRET,
                "CHECKMETRICS_TLS_KEYSTORE", keystore.toString(),
                "CHECKMETRICS_TLS_KEYSTORE_PASSWORD_FILE", tokenFile.toString(),
                "CHECKMETRICS_TLS_KEYSTORE_TYPE", "PKCS12",
                "CHECKMETRICS_CONSTANT_LABELS", "zone=eu-1",
                "CHECKMETRICS_JVM_METRICS", "false",
                "CHECKMETRICS_PROCESS_METRICS", "true",
                "CHECKMETRICS_MAX_QUERY_LENGTH", "100"));

    assertThat(config.port()).isZero();
    assertThat(config.host()).contains("::1");
    assertThat(config.path()).isEqualTo("/");
    assertThat(config.basicUser()).contains("org-42");
    assertThat(config.basicPassword()).contains(SECRET);
    assertThat(config.tlsKeystorePasswordFile()).contains(tokenFile);
    assertThat(config.constantLabels()).containsExactly(Map.entry("zone", "eu-1"));
    assertThat(config.jvmMetrics()).isFalse();
    assertThat(config.processMetrics()).isTrue();
    assertThat(config.maxQueryLength()).isEqualTo(100);
    assertThat(config.toString()).doesNotContain(SECRET);

    EndpointConfig bearerFile =
        load(system(), env("CHECKMETRICS_AUTH_BEARER_TOKEN_FILE", tokenFile.toString()));
    assertThat(bearerFile.bearerTokenFile()).contains(tokenFile);
    assertThat(bearerFile.hasAuthentication()).isTrue();

    EndpointConfig basicFile =
        load(system(), env("CHECKMETRICS_AUTH_BASIC_AUTH_FILE", tokenFile.toString()));
    assertThat(basicFile.basicAuthFile()).contains(tokenFile);
    assertThat(basicFile.hasAuthentication()).isTrue();
    assertThat(basicFile.toString()).contains("basicAuthFile=" + tokenFile);
  }

  @Test
  void precedenceShouldBeFileThenSystemPropertiesThenEnvironment() throws IOException {
    Path config =
        file(
            "precedence.properties",
            "checkmetrics.port=1001\ncheckmetrics.path=/from-file\ncheckmetrics.host=file-host\n");
    Properties system =
        system(
            "checkmetrics.config", config.toString(),
            "checkmetrics.port", "1002",
            "checkmetrics.host", "system-host");

    EndpointConfig all = load(system, env("CHECKMETRICS_PORT", "1003"));
    assertThat(all.port()).isEqualTo(1003);
    assertThat(all.host()).contains("system-host");
    assertThat(all.path()).isEqualTo("/from-file");

    EndpointConfig noEnvironment = load(system, env());
    assertThat(noEnvironment.port()).isEqualTo(1002);

    EndpointConfig fileOnly =
        load(system(), env("CHECKMETRICS_CONFIG", config.toString()));
    assertThat(fileOnly.port()).isEqualTo(1001);
    assertThat(fileOnly.host()).contains("file-host");
  }

  @Test
  void givenPropertiesShouldSitOverTheFileAndUnderSystemProperties() throws IOException {
    Path properties = file("given.properties", "checkmetrics.port=1001\ncheckmetrics.path=/file\n");
    Map<String, String> initParameters = new HashMap<>();
    initParameters.put("checkmetrics.port", "1002");
    initParameters.put("checkmetrics.path", "/given");
    initParameters.put("some-servlet-parameter", "ignored");

    EndpointConfig config =
        EndpointConfig.loader()
            .file(properties)
            .properties(initParameters)
            .systemProperties(system("checkmetrics.port", "1003"))
            .environment(env())
            .load();

    assertThat(config.port()).isEqualTo(1003);
    assertThat(config.path()).isEqualTo("/given");
  }

  @Test
  void givenPropertiesShouldNameTheFileUnlessSystemPropertiesOrEnvironmentDo() throws IOException {
    Path given = file("named-by-given.properties", "checkmetrics.port=1001\n");
    Path system = file("named-by-system.properties", "checkmetrics.port=1002\n");
    Map<String, String> properties = Map.of("checkmetrics.config", given.toString());

    EndpointConfig byGiven =
        EndpointConfig.loader().properties(properties).systemProperties(system()).environment(env())
            .load();
    EndpointConfig bySystem =
        EndpointConfig.loader()
            .properties(properties)
            .systemProperties(system("checkmetrics.config", system.toString()))
            .environment(env())
            .load();

    assertThat(byGiven.port()).isEqualTo(1001);
    assertThat(bySystem.port()).isEqualTo(1002);
    assertThatThrownBy(
            () ->
                EndpointConfig.loader()
                    .properties(
                        Map.of("checkmetrics.config", dir.resolve("none").toString()),
                        "init-parameter")
                    .systemProperties(system())
                    .environment(env())
                    .load())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "checkmetrics.config must name a readable properties file: \""
                + dir.resolve("none") + "\" (init-parameter)");
  }

  @Test
  void givenPropertiesShouldBeNamedByTheirSourceInMessages() {
    assertThatThrownBy(
            () ->
                EndpointConfig.loader()
                    .properties(Map.of("checkmetrics.path", "metrics"), "init-parameter")
                    .systemProperties(system())
                    .environment(env())
                    .load())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkmetrics.path must match /[^?#\\s]*: \"metrics\" (init-parameter)");
    assertThatThrownBy(
            () ->
                EndpointConfig.loader()
                    .properties(Map.of("checkmetrics.path", "metrics"))
                    .systemProperties(system())
                    .environment(env())
                    .load())
        .hasMessage("checkmetrics.path must match /[^?#\\s]*: \"metrics\" (given properties)");
    assertThatThrownBy(() -> EndpointConfig.loader().properties(Map.of(), null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("source");
  }

  @Test
  void defaultsShouldSitUnderEveryOtherSource() throws IOException {
    Map<String, String> defaults =
        Map.of(
            "checkmetrics.host", "127.0.0.1",
            "checkmetrics.jvm_metrics", "true",
            "checkmetrics.process_metrics", "true",
            "checkmetrics.path", "/default");
    Path properties = file("over-defaults.properties", "checkmetrics.jvm_metrics=false\n");

    EndpointConfig onlyDefaults =
        EndpointConfig.loader().defaults(defaults).systemProperties(system()).environment(env())
            .load();
    EndpointConfig overridden =
        EndpointConfig.loader()
            .defaults(defaults)
            .file(properties)
            .properties(Map.of("checkmetrics.path", "/given"))
            .systemProperties(system("checkmetrics.host", "0.0.0.0"))
            .environment(env("CHECKMETRICS_PROCESS_METRICS", "false"))
            .load();

    assertThat(onlyDefaults.host()).contains("127.0.0.1");
    assertThat(onlyDefaults.jvmMetrics()).isTrue();
    assertThat(onlyDefaults.processMetrics()).isTrue();
    assertThat(onlyDefaults.path()).isEqualTo("/default");
    assertThat(overridden.host()).contains("0.0.0.0");
    assertThat(overridden.jvmMetrics()).isFalse();
    assertThat(overridden.processMetrics()).isFalse();
    assertThat(overridden.path()).isEqualTo("/given");
  }

  @Test
  void defaultsShouldBeConfigurationKeysNamedInMessages() {
    assertThatThrownBy(
            () ->
                EndpointConfig.loader()
                    .defaults(Map.of("port", "9400"))
                    .systemProperties(system())
                    .environment(env())
                    .load())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("configuration key must be one of [checkmetrics.config, ")
        .hasMessageEndingWith(": \"port\" (defaults)");
    assertThatThrownBy(
            () ->
                EndpointConfig.loader()
                    .defaults(Map.of("checkmetrics.jvm_metrics", "yes"))
                    .systemProperties(system())
                    .environment(env())
                    .load())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkmetrics.jvm_metrics must be true or false: \"yes\" (defaults)");
    assertThatThrownBy(() -> EndpointConfig.loader().defaults(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("defaults");
  }

  @Test
  void propertiesOutsideTheCheckmetricsNamespaceShouldBeIgnored() {
    EndpointConfig config =
        load(
            system("checkmetricsTest.requireTools", "true", "io.prometheus.exporter.port", "1"),
            env());
    assertThat(config.port()).isEqualTo(9400);
  }

  @Test
  void keysShouldListEveryKey() {
    assertThat(EndpointConfig.keys())
        .hasSize(25)
        .startsWith("checkmetrics.config", "checkmetrics.port")
        .contains(
            "checkmetrics.auth.bearer_token",
            "checkmetrics.auth.basic_auth_file",
            "checkmetrics.client_timeout_seconds",
            "checkmetrics.max_query_parameters",
            "checkmetrics.tenants_file",
            "checkmetrics.tenant_cache_ttl_seconds")
        .doesNotContain("checkmetrics.layers");
  }

  @Test
  void expositionWriterShouldAddTheConstantLabels() {
    PrometheusRegistry registry = GoldenScenarios.passing();
    EndpointConfig config =
        load(system("checkmetrics.constant_labels", "type=gateway,ip=192.168.3.23"), env());

    assertThat(config.expositionWriter(registry).toString(ExpositionFormat.PROMETHEUS_TEXT))
        .contains("check_series_rejected_total{ip=\"192.168.3.23\",type=\"gateway\"} 0.0");
  }

  @Test
  void instrumentationShouldRegisterWhatIsSwitchedOnOnce() {
    PrometheusRegistry none = new PrometheusRegistry();
    load(system(), env()).registerInstrumentation(none);
    assertThat(families(none)).isEmpty();

    PrometheusRegistry jvm = new PrometheusRegistry();
    EndpointConfig jvmOnly = load(system("checkmetrics.jvm_metrics", "true"), env());
    jvmOnly.registerInstrumentation(jvm);
    jvmOnly.registerInstrumentation(jvm);
    assertThat(families(jvm))
        .contains("jvm_threads_current", "jvm_memory_used_bytes")
        .noneMatch(name -> name.startsWith("process_"));

    PrometheusRegistry both = new PrometheusRegistry();
    EndpointConfig all =
        load(system("checkmetrics.jvm_metrics", "true", "checkmetrics.process_metrics", "true"),
            env());
    all.registerInstrumentation(both);
    all.registerInstrumentation(both);
    assertThat(families(both)).contains("jvm_threads_current", "process_start_time_seconds");

    PrometheusRegistry process = new PrometheusRegistry();
    load(system(), env("CHECKMETRICS_PROCESS_METRICS", "true")).registerInstrumentation(process);
    assertThat(families(process))
        .contains("process_start_time_seconds")
        .noneMatch(name -> name.startsWith("jvm_"));
  }

  private static Set<String> families(PrometheusRegistry registry) {
    return registry.scrape().stream()
        .map(MetricSnapshot::getMetadata)
        .map(metadata -> metadata.getPrometheusName())
        .collect(Collectors.toSet());
  }

  private static final String VALID =
      "[checkmetrics.config, checkmetrics.port, checkmetrics.host, checkmetrics.path,"
          + " checkmetrics.auth.bearer_token, checkmetrics.auth.bearer_token_file,"
          + " checkmetrics.auth.basic_user, checkmetrics.auth.basic_password,"
          + " checkmetrics.auth.basic_password_file, checkmetrics.auth.basic_auth_file,"
          + " checkmetrics.tls.keystore, checkmetrics.tls.keystore_password,"
          + " checkmetrics.tls.keystore_password_file, checkmetrics.tls.keystore_type,"
          + " checkmetrics.constant_labels, checkmetrics.jvm_metrics,"
          + " checkmetrics.process_metrics, checkmetrics.client_timeout_seconds,"
          + " checkmetrics.max_query_length, checkmetrics.max_query_parameters,"
          + " checkmetrics.tenants_file, checkmetrics.tenant_path,"
          + " checkmetrics.tenant_rate_limit_per_minute, checkmetrics.tenant_rate_limit_burst,"
          + " checkmetrics.tenant_cache_ttl_seconds]";
  private static final String VALID_VARIABLES =
      "[CHECKMETRICS_CONFIG, CHECKMETRICS_PORT, CHECKMETRICS_HOST, CHECKMETRICS_PATH,"
          + " CHECKMETRICS_AUTH_BEARER_TOKEN, CHECKMETRICS_AUTH_BEARER_TOKEN_FILE,"
          + " CHECKMETRICS_AUTH_BASIC_USER, CHECKMETRICS_AUTH_BASIC_PASSWORD,"
          + " CHECKMETRICS_AUTH_BASIC_PASSWORD_FILE, CHECKMETRICS_AUTH_BASIC_AUTH_FILE,"
          + " CHECKMETRICS_TLS_KEYSTORE, CHECKMETRICS_TLS_KEYSTORE_PASSWORD,"
          + " CHECKMETRICS_TLS_KEYSTORE_PASSWORD_FILE, CHECKMETRICS_TLS_KEYSTORE_TYPE,"
          + " CHECKMETRICS_CONSTANT_LABELS, CHECKMETRICS_JVM_METRICS,"
          + " CHECKMETRICS_PROCESS_METRICS, CHECKMETRICS_CLIENT_TIMEOUT_SECONDS,"
          + " CHECKMETRICS_MAX_QUERY_LENGTH, CHECKMETRICS_MAX_QUERY_PARAMETERS,"
          + " CHECKMETRICS_TENANTS_FILE, CHECKMETRICS_TENANT_PATH,"
          + " CHECKMETRICS_TENANT_RATE_LIMIT_PER_MINUTE, CHECKMETRICS_TENANT_RATE_LIMIT_BURST,"
          + " CHECKMETRICS_TENANT_CACHE_TTL_SECONDS]";

  /** Unknown keys and the properties file. */
  static Stream<Arguments> invalidKeysAndFiles() throws IOException {
    Path file = file("bad.properties", "port=1\n");
    Path nested = file("nested.properties", "checkmetrics.config=/etc/other.properties\n");
    return Stream.of(
        sys(IllegalArgumentException.class,
            "configuration key must be one of " + VALID
                + ": \"checkmetrics.prot\" (system property)",
            "checkmetrics.prot", "9400"),
        sys(IllegalArgumentException.class,
            "configuration key must be one of " + VALID
                + ": \"checkmetrics.layers\" (system property)",
            "checkmetrics.layers", "status"),
        environment(IllegalArgumentException.class,
            "configuration key must be one of " + VALID_VARIABLES
                + ": \"CHECKMETRICS_AUTH_TOKEN\" (environment variable)",
            "CHECKMETRICS_AUTH_TOKEN", SECRET),
        sys(IllegalArgumentException.class,
            "configuration key must be one of " + VALID + ": \"port\" (file " + file + ")",
            "checkmetrics.config", file.toString()),
        sys(IllegalArgumentException.class,
            "checkmetrics.config must not be set in the configuration file itself (file "
                + nested + ")",
            "checkmetrics.config", nested.toString()),
        sys(IllegalArgumentException.class,
            "checkmetrics.config must name a readable properties file: \"/nonexistent.properties\""
                + " (system property)",
            "checkmetrics.config", "/nonexistent.properties"));
  }

  /** port, host, path, client timeout, query limits. */
  static Stream<Arguments> invalidEndpointKeys() {
    return Stream.of(
        sys(IllegalArgumentException.class,
            "checkmetrics.port must be an integer in 0..65535: \"abc\" (system property)",
            "checkmetrics.port", "abc"),
        environment(IllegalArgumentException.class,
            "CHECKMETRICS_PORT must be an integer in 0..65535: \"65536\" (environment variable)",
            "CHECKMETRICS_PORT", "65536"),
        sys(IllegalArgumentException.class,
            "checkmetrics.port must be an integer in 0..65535: \"-1\" (system property)",
            "checkmetrics.port", "-1"),
        sys(IllegalArgumentException.class,
            "checkmetrics.host must not be empty: \" \" (system property)",
            "checkmetrics.host", " "),
        sys(IllegalArgumentException.class,
            "checkmetrics.host must be a host name or IP literal without spaces: \"a b\""
                + " (system property)",
            "checkmetrics.host", "a b"),
        sys(IllegalArgumentException.class,
            "checkmetrics.path must match /[^?#\\s]*: \"metrics\" (system property)",
            "checkmetrics.path", "metrics"),
        sys(IllegalArgumentException.class,
            "checkmetrics.path must match /[^?#\\s]*: \"/metrics?x=1\" (system property)",
            "checkmetrics.path", "/metrics?x=1"),
        sys(IllegalArgumentException.class,
            "checkmetrics.client_timeout_seconds must be a number of seconds in 0.001..86400:"
                + " \"0\" (system property)",
            "checkmetrics.client_timeout_seconds", "0"),
        sys(IllegalArgumentException.class,
            "checkmetrics.client_timeout_seconds must be a number of seconds in 0.001..86400:"
                + " \"5s\" (system property)",
            "checkmetrics.client_timeout_seconds", "5s"),
        environment(IllegalArgumentException.class,
            "CHECKMETRICS_CLIENT_TIMEOUT_SECONDS must be a number of seconds in 0.001..86400:"
                + " \"90000\" (environment variable)",
            "CHECKMETRICS_CLIENT_TIMEOUT_SECONDS", "90000"),
        sys(IllegalArgumentException.class,
            "checkmetrics.max_query_length must be an integer in 1..2147483647: \"0\""
                + " (system property)",
            "checkmetrics.max_query_length", "0"),
        environment(IllegalArgumentException.class,
            "CHECKMETRICS_MAX_QUERY_PARAMETERS must be an integer in 1..2147483647:"
                + " \"99999999999\" (environment variable)",
            "CHECKMETRICS_MAX_QUERY_PARAMETERS", "99999999999"));
  }

  /** Constant labels and client_java's JVM and process metrics. */
  static Stream<Arguments> invalidLabelAndInstrumentationKeys() {
    return Stream.of(
        sys(IllegalArgumentException.class,
            "checkmetrics.jvm_metrics must be true or false: \"yes\" (system property)",
            "checkmetrics.jvm_metrics", "yes"),
        environment(IllegalArgumentException.class,
            "CHECKMETRICS_PROCESS_METRICS must be true or false: \"\" (environment variable)",
            "CHECKMETRICS_PROCESS_METRICS", ""),
        sys(IllegalArgumentException.class,
            "checkmetrics.constant_labels: constant labels must be name=value pairs separated by"
                + " commas: \"a=1,b\" (system property)",
            "checkmetrics.constant_labels", "a=1,b"),
        sys(IllegalArgumentException.class,
            "checkmetrics.constant_labels: constant label name must match [a-zA-Z_][a-zA-Z0-9_]*,"
                + " not start with __ (reserved) and not be le or quantile (histogram buckets,"
                + " summary quantiles): \"1a\" (system property)",
            "checkmetrics.constant_labels", "1a=x"),
        sys(IllegalArgumentException.class,
            "checkmetrics.constant_labels: constant label name must match [a-zA-Z_][a-zA-Z0-9_]*,"
                + " not start with __ (reserved) and not be le or quantile (histogram buckets,"
                + " summary quantiles): \"__a\" (system property)",
            "checkmetrics.constant_labels", "__a=x"),
        sys(IllegalArgumentException.class,
            "checkmetrics.constant_labels: constant label name must match [a-zA-Z_][a-zA-Z0-9_]*,"
                + " not start with __ (reserved) and not be le or quantile (histogram buckets,"
                + " summary quantiles): \"le\" (system property)",
            "checkmetrics.constant_labels", "team=a, le=x"),
        sys(IllegalArgumentException.class,
            "checkmetrics.constant_labels: constantLabel(a) was already set to \"1\"; cannot set it to \"2\" (system property)",
            "checkmetrics.constant_labels", "a=1,a=2"),
        environment(IllegalArgumentException.class,
            "CHECKMETRICS_CONSTANT_LABELS: constant label area collides with a label of metric"
                + " family jvm_memory_committed_bytes (environment variable)",
            "CHECKMETRICS_CONSTANT_LABELS", "service=orders, area=heap",
            "CHECKMETRICS_JVM_METRICS", "true"));
  }

  /** The {@code auth.*} keys. */
  static Stream<Arguments> invalidAuthKeys() {
    return Stream.of(
        sys(IllegalArgumentException.class,
            "checkmetrics.auth.bearer_token_file must name a readable file:"
                + " \"/nonexistent-token\" (system property)",
            "checkmetrics.auth.bearer_token_file", "/nonexistent-token"),
        sys(IllegalArgumentException.class,
            "checkmetrics.auth.basic_auth_file must name a readable file:"
                + " \"/nonexistent-users\" (system property)",
            "checkmetrics.auth.basic_auth_file", "/nonexistent-users"),
        sys(IllegalArgumentException.class,
            "checkmetrics.auth.bearer_token must not be empty (system property)",
            "checkmetrics.auth.bearer_token", "  "),
        environment(IllegalArgumentException.class,
            "CHECKMETRICS_AUTH_BASIC_PASSWORD must not be empty (environment variable)",
            "CHECKMETRICS_AUTH_BASIC_USER", "org", "CHECKMETRICS_AUTH_BASIC_PASSWORD", ""),
        sys(IllegalStateException.class,
            "bearer and basic authentication are both configured"
                + " (checkmetrics.auth.bearer_token* and checkmetrics.auth.basic_user);"
                + " configure one",
            "checkmetrics.auth.bearer_token", SECRET,
            "checkmetrics.auth.basic_user", "org",
            "checkmetrics.auth.basic_password", SECRET),
        sys(IllegalStateException.class,
            "bearer and basic authentication are both configured"
                + " (checkmetrics.auth.bearer_token* and checkmetrics.auth.basic_auth_file);"
                + " configure one",
            "checkmetrics.auth.bearer_token", SECRET,
            "checkmetrics.auth.basic_auth_file", tokenFile.toString()),
        sys(IllegalStateException.class,
            "basic authentication is configured twice, by checkmetrics.auth.basic_user and"
                + " checkmetrics.auth.basic_auth_file; set one of them",
            "checkmetrics.auth.basic_user", "org",
            "checkmetrics.auth.basic_password", SECRET,
            "checkmetrics.auth.basic_auth_file", tokenFile.toString()),
        sys(IllegalStateException.class,
            "the bearer token is configured twice, by checkmetrics.auth.bearer_token and"
                + " checkmetrics.auth.bearer_token_file; set one of them",
            "checkmetrics.auth.bearer_token", SECRET,
            "checkmetrics.auth.bearer_token_file", tokenFile.toString()),
        sys(IllegalStateException.class,
            "the basic password is configured twice, by checkmetrics.auth.basic_password and"
                + " checkmetrics.auth.basic_password_file; set one of them",
            "checkmetrics.auth.basic_user", "org",
            "checkmetrics.auth.basic_password", SECRET,
            "checkmetrics.auth.basic_password_file", tokenFile.toString()),
        sys(IllegalStateException.class,
            "checkmetrics.auth.basic_user needs checkmetrics.auth.basic_password or"
                + " checkmetrics.auth.basic_password_file",
            "checkmetrics.auth.basic_user", "org"),
        sys(IllegalStateException.class,
            "checkmetrics.auth.basic_password needs checkmetrics.auth.basic_user",
            "checkmetrics.auth.basic_password", SECRET));
  }

  /** The {@code tls.*} keys. */
  static Stream<Arguments> invalidTlsKeys() {
    return Stream.of(
        sys(IllegalArgumentException.class,
            "checkmetrics.tls.keystore_type must be PKCS12 or JKS: \"PEM\" (system property)",
            "checkmetrics.tls.keystore", keystore.toString(),
            "checkmetrics.tls.keystore_password", SECRET,
            "checkmetrics.tls.keystore_type", "PEM"),
        sys(IllegalArgumentException.class,
            "checkmetrics.tls.keystore must name a readable file: \"/nonexistent.p12\""
                + " (system property)",
            "checkmetrics.tls.keystore", "/nonexistent.p12",
            "checkmetrics.tls.keystore_password", SECRET),
        sys(IllegalStateException.class,
            "checkmetrics.tls.keystore needs checkmetrics.tls.keystore_password or"
                + " checkmetrics.tls.keystore_password_file",
            "checkmetrics.tls.keystore", keystore.toString()),
        environment(IllegalStateException.class,
            "checkmetrics.tls.keystore_password needs checkmetrics.tls.keystore",
            "CHECKMETRICS_TLS_KEYSTORE_PASSWORD", SECRET),
        sys(IllegalStateException.class,
            "the keystore password is configured twice, by checkmetrics.tls.keystore_password and"
                + " checkmetrics.tls.keystore_password_file; set one of them",
            "checkmetrics.tls.keystore", keystore.toString(),
            "checkmetrics.tls.keystore_password", SECRET,
            "checkmetrics.tls.keystore_password_file", tokenFile.toString()));
  }

  private static Arguments sys(Class<? extends Exception> type, String message, String... keys) {
    return Arguments.of(system(keys), env(), type, message);
  }

  private static Arguments environment(
      Class<? extends Exception> type, String message, String... keys) {
    return Arguments.of(system(), env(keys), type, message);
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("invalidKeysAndFiles")
  void invalidKeysAndFilesShouldFailWithExactMessageWithoutSecrets(
      Properties system,
      Map<String, String> environment,
      Class<? extends Exception> type,
      String message) {
    assertInvalid(system, environment, type, message);
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("invalidEndpointKeys")
  void invalidEndpointKeysShouldFailWithExactMessageWithoutSecrets(
      Properties system,
      Map<String, String> environment,
      Class<? extends Exception> type,
      String message) {
    assertInvalid(system, environment, type, message);
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("invalidLabelAndInstrumentationKeys")
  void invalidLabelAndInstrumentationKeysShouldFailWithExactMessageWithoutSecrets(
      Properties system,
      Map<String, String> environment,
      Class<? extends Exception> type,
      String message) {
    assertInvalid(system, environment, type, message);
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("invalidAuthKeys")
  void invalidAuthKeysShouldFailWithExactMessageWithoutSecrets(
      Properties system,
      Map<String, String> environment,
      Class<? extends Exception> type,
      String message) {
    assertInvalid(system, environment, type, message);
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("invalidTlsKeys")
  void invalidTlsKeysShouldFailWithExactMessageWithoutSecrets(
      Properties system,
      Map<String, String> environment,
      Class<? extends Exception> type,
      String message) {
    assertInvalid(system, environment, type, message);
  }

  private static void assertInvalid(
      Properties system,
      Map<String, String> environment,
      Class<? extends Exception> type,
      String message) {
    assertThatThrownBy(() -> load(system, environment))
        .isInstanceOf(type)
        .hasMessage(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void loaderArgumentsShouldBeChecked() {
    assertThatThrownBy(() -> EndpointConfig.loader().file(null)).hasMessage("file");
    assertThatThrownBy(() -> EndpointConfig.loader().environment(null)).hasMessage("environment");
    assertThatThrownBy(() -> EndpointConfig.loader().systemProperties(null))
        .hasMessage("systemProperties");
    assertThatThrownBy(() -> EndpointConfig.loader().properties(null)).hasMessage("properties");
    assertThatThrownBy(
            () ->
                EndpointConfig.loader()
                    .file(dir.resolve("missing.properties"))
                    .systemProperties(system())
                    .environment(env())
                    .load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "EndpointConfig.Loader.file must name a readable properties file: \""
                + dir.resolve("missing.properties") + "\" (argument)");
    assertThat(List.of(EndpointConfig.DEFAULT_PORT)).containsExactly(9400);
  }
}
