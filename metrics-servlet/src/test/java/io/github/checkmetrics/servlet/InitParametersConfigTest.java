package io.github.checkmetrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code checkmetrics.*} init-parameters of a declared {@link MetricsServlet} in a real Jetty,
 * one source of the configuration among the others. The environment is a map
 * given to the configuration loader: no test changes the real one. Process metrics switched on
 * here stay in client_java's default registry, which every test of this module filters by name.
 */
class InitParametersConfigTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static final String FAMILY = "/metrics?name[]=servlet_config_test_up";

  private final Collector collector =
      () ->
          GaugeSnapshot.builder()
              .name("servlet_config_test_up")
              .dataPoint(GaugeDataPointSnapshot.builder().value(1).build())
              .build();

  @TempDir Path dir;

  @BeforeEach
  void registerInDefaultRegistry() {
    PrometheusRegistry.defaultRegistry.register(collector);
  }

  @AfterEach
  void unregisterFromDefaultRegistry() {
    PrometheusRegistry.defaultRegistry.unregister(collector);
  }

  @Test
  void bearerTokenFileShouldAcceptEveryTokenItHolds() throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens"), "old-token\nnew-token\n");
    try (Jetty jetty = InitParametersTest.start(Map.of("checkmetrics.auth.bearer_token_file", tokens.toString()))) {
      HttpResponse<String> anonymous = get(jetty, FAMILY, null);

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"metrics\"");
      assertThat(anonymous.body()).isEqualTo("Unauthorized\n");
      assertThat(get(jetty, FAMILY, "Bearer old-token").body())
          .isEqualTo("# TYPE servlet_config_test_up gauge\nservlet_config_test_up 1.0\n");
      assertThat(get(jetty, FAMILY, "Bearer new-token").statusCode()).isEqualTo(200);
      assertThat(get(jetty, FAMILY, "Bearer other-token").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void basicAuthFileShouldAcceptEveryUserPasswordLine() throws Exception {
    Path users = Files.writeString(dir.resolve("users"), "prometheus:pw one\nbackup:pw:two\n");
    try (Jetty jetty = InitParametersTest.start(Map.of("checkmetrics.auth.basic_auth_file", users.toString()))) {
      HttpResponse<String> anonymous = get(jetty, FAMILY, null);

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValue("Basic realm=\"metrics\", charset=\"UTF-8\"");
      assertThat(get(jetty, FAMILY, basic("prometheus:pw one")).statusCode()).isEqualTo(200);
      assertThat(get(jetty, FAMILY, basic("backup:pw:two")).statusCode()).isEqualTo(200);
      assertThat(get(jetty, FAMILY, basic("prometheus:pw:two")).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void checkmetricsInitParametersShouldApplyTheirKeys() throws Exception {
    Path password = Files.writeString(dir.resolve("password"), "pw from file\n");
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("checkmetrics.path", "/metrics");
    parameters.put("checkmetrics.constant_labels", "service=orders");
    parameters.put("checkmetrics.auth.basic_user", "prometheus");
    parameters.put("checkmetrics.auth.basic_password_file", password.toString());
    parameters.put("checkmetrics.process_metrics", "true");
    parameters.put("checkmetrics.port", "1"); // the container's connector decides
    parameters.put("checkmetrics.max_query_length", "80");
    try (Jetty jetty = InitParametersTest.start(parameters, InitParametersTest::isolatedLoader)) {
      String authorization = basic("prometheus:pw from file");
      HttpResponse<String> ok = get(jetty, FAMILY, authorization);
      HttpResponse<String> process =
          get(jetty, "/metrics?name[]=process_start_time_seconds", authorization);
      HttpResponse<String> tooLong = get(jetty, "/metrics?name[]=" + "a".repeat(80), authorization);

      assertThat(get(jetty, FAMILY, null).statusCode()).isEqualTo(401);
      assertThat(ok.body())
          .isEqualTo(
              "# TYPE servlet_config_test_up gauge\n"
                  + "servlet_config_test_up{service=\"orders\"} 1.0\n");
      assertThat(process.body()).contains("process_start_time_seconds{service=\"orders\"} ");
      assertThat(tooLong.statusCode()).isEqualTo(400);
    }
  }

  /** Each row adds one source over the previous ones; the highest one sets the label. */
  static Stream<Arguments> sources() {
    return Stream.of(
        Arguments.of("file", false, false, false),
        Arguments.of("init-parameter", true, false, false),
        Arguments.of("system-property", true, true, false),
        Arguments.of("environment", true, true, true),
        Arguments.of("environment", false, false, true));
  }

  @ParameterizedTest(name = "{0} wins")
  @MethodSource("sources")
  void configurationShouldLayerFileInitParametersSystemPropertiesAndEnvironment(
      String winner, boolean initParameter, boolean systemProperty, boolean environment)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("metrics.properties"), "checkmetrics.constant_labels=source=file\n");
    Map<String, String> parameters = new LinkedHashMap<>();
    if (initParameter) {
      parameters.put("checkmetrics.constant_labels", "source=init-parameter");
    }
    Properties system = new Properties();
    if (systemProperty) {
      system.setProperty("checkmetrics.constant_labels", "source=system-property");
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CHECKMETRICS_CONFIG", file.toString());
    if (environment) {
      env.put("CHECKMETRICS_CONSTANT_LABELS", "source=environment");
    }
    try (Jetty jetty =
        InitParametersTest.start(
            parameters,
            () -> EndpointConfig.loader().systemProperties(system).environment(env))) {
      assertThat(get(jetty, FAMILY, null).body())
          .isEqualTo(
              "# TYPE servlet_config_test_up gauge\n"
                  + "servlet_config_test_up{source=\"" + winner + "\"} 1.0\n");
    }
  }

  @Test
  void configFileShouldBeNamedByAnInitParameterUnlessTheEnvironmentNamesOne() throws Exception {
    Path byParameter =
        Files.writeString(dir.resolve("a.properties"), "checkmetrics.constant_labels=file=a\n");
    Path byEnvironment =
        Files.writeString(dir.resolve("b.properties"), "checkmetrics.constant_labels=file=b\n");
    Map<String, String> parameters =
        Map.of("checkmetrics.config", byParameter.toString());
    try (Jetty a = InitParametersTest.start(parameters, InitParametersTest::isolatedLoader);
        Jetty b =
            InitParametersTest.start(
                parameters,
                () ->
                    InitParametersTest.isolatedLoader()
                        .environment(Map.of("CHECKMETRICS_CONFIG", byEnvironment.toString())))) {
      assertThat(get(a, FAMILY, null).body()).contains("servlet_config_test_up{file=\"a\"} 1.0");
      assertThat(get(b, FAMILY, null).body()).contains("servlet_config_test_up{file=\"b\"} 1.0");
    }
  }

  @Test
  void servletDeclaredByClassShouldReadTheRealSystemProperties() throws Exception {
    String key = "checkmetrics.constant_labels";
    String before = System.getProperty(key);
    System.setProperty(key, "source=system-property");
    try (Jetty jetty = InitParametersTest.start(Map.of())) {
      assertThat(get(jetty, FAMILY, null).body())
          .contains("servlet_config_test_up{source=\"system-property\"} 1.0");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  private static String basic(String userPassword) {
    return AuthContractSuite.basicHeader("Basic", userPassword);
  }

  private static HttpResponse<String> get(Jetty jetty, String target, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(jetty.uri(target)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
