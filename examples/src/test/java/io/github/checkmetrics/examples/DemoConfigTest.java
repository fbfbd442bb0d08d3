package io.github.checkmetrics.examples;

import static io.github.checkmetrics.assertj.ExpositionAssertions.labels;
import static io.github.checkmetrics.examples.DemoConsole.environment;
import static io.github.checkmetrics.examples.DemoConsole.get;
import static io.github.checkmetrics.examples.DemoConsole.systemProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.assertj.ExpositionAssertions;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.testkit.FreePorts;
import io.github.checkmetrics.testkit.TestCertificate;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo configured as an application would be, through {@link EndpointConfig}: its keys over
 * the demo's defaults, the command line over its keys.
 */
class DemoConfigTest {

  private static final String SECRET = "config-secret-3b7a";

  @TempDir static Path files;

  private final DemoConsole console = new DemoConsole();

  @Test
  void configuredPortAndPathShouldMoveTheEndpoint() {
    int port = FreePorts.loopbackPort();

    int code =
        console.run(
            new String[] {"--interval", "1s"},
            systemProperties(
                "checkmetrics.port", Integer.toString(port), "checkmetrics.path", "/checks"),
            demo -> {
              assertThat(demo.port()).isEqualTo(port);
              console.awaitOut("3 checks: "); // the first round: every check has a result
              HttpResponse<String> metrics = get(demo, "/checks");
              assertThat(metrics.statusCode()).isEqualTo(200);
              ExpositionAssertions.assertThat(metrics.body())
                  .isValidExposition()
                  .hasFamily("check_status");
              assertThat(get(demo, "/metrics").statusCode()).isEqualTo(404);
            });

    assertThat(code).isZero();
    assertThat(console.out())
        .startsWith(
            "checkmetrics demo: serving metrics at http://localhost:" + port + "/checks\n"
                + "  health at http://localhost:" + port + "/-/healthy");
  }

  @Test
  void portAndHostOptionsShouldWinOverTheConfiguration() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int configured = taken.getLocalPort();

      int code =
          console.run(
              new String[] {"--port", "0", "--host", "127.0.0.1"},
              environment(
                  "CHECKMETRICS_PORT", Integer.toString(configured),
                  "CHECKMETRICS_HOST", "checkmetrics-demo.invalid",
                  "CHECKMETRICS_PATH", "/checks"),
              demo -> {
                assertThat(demo.port()).isNotEqualTo(configured);
                // An option replaces only its own key: the configured path stays.
                assertThat(get(demo, "/checks").statusCode()).isEqualTo(200);
              });

      assertThat(code).isZero();
      assertThat(console.err()).isEmpty();
    }
  }

  @Test
  void configuredHostThatDoesNotResolveShouldExitOneNamingTheKey() {
    int code =
        console.run(
            new String[] {"--port", "0"},
            environment("CHECKMETRICS_HOST", "checkmetrics-demo.invalid"),
            demo -> {});

    assertThat(code).isOne();
    assertThat(console.err())
        .isEqualTo(
            "error: checkmetrics.host does not resolve to an address:"
                + " \"checkmetrics-demo.invalid\"\n");
  }

  @Test
  void configurationShouldShapeTheExpositionOverTheDemosDefaults() {
    int code =
        console.run(
            new String[] {"--interval", "1s"},
            environment(
                "CHECKMETRICS_PORT", "0",
                "CHECKMETRICS_CONSTANT_LABELS", "env=demo,team=checks",
                "CHECKMETRICS_JVM_METRICS", "false"),
            demo -> {
              console.awaitOut("3 checks: ");
              HttpResponse<String> metrics = get(demo, "/metrics");
              assertThat(metrics.statusCode()).isEqualTo(200);
              ExpositionAssertions.assertThat(metrics.body())
                  .isValidExposition()
                  .hasSample(
                      "check_status",
                      labels("check_id", "demo-healthy", "env", "demo", "team", "checks"),
                      1.0)
                  // process_metrics is not configured: the demo's default (on) stays.
                  .hasFamily("process_cpu_seconds");
              assertThat(metrics.body()).doesNotContain("jvm_");
            });

    assertThat(code).isZero();
    assertThat(console.out())
        .contains("  constant labels on every series: {env=demo, team=checks}\n");
  }

  @Test
  void configuredBearerTokenShouldBeRequiredAndNeverShown() {
    int code =
        console.run(
            new String[] {"--port", "0"},
            environment("CHECKMETRICS_AUTH_BEARER_TOKEN", SECRET),
            demo -> {
              assertThat(get(demo, "/metrics").statusCode()).isEqualTo(401);
              assertThat(get(demo, "/metrics", "Bearer " + SECRET).statusCode()).isEqualTo(200);
            });

    assertThat(code).isZero();
    assertThat(console.out())
        .contains(
            "  scrapes need credentials: Authentication[Bearer: value] (checkmetrics.auth.*)\n")
        .doesNotContain(SECRET);
  }

  @Test
  void authenticationOptionShouldReplaceTheConfiguredAuthentication() throws IOException {
    Path users = Files.writeString(files.resolve("users"), "prometheus:file-password\n");

    int code =
        console.run(
            new String[] {"--port", "0", "--basic-auth-file", users.toString()},
            environment("CHECKMETRICS_AUTH_BEARER_TOKEN", SECRET),
            demo -> {
              assertThat(get(demo, "/metrics", "Bearer " + SECRET).statusCode()).isEqualTo(401);
              assertThat(
                      get(
                              demo,
                              "/metrics",
                              AuthContractSuite.basicHeader("Basic", "prometheus:file-password"))
                          .statusCode())
                  .isEqualTo(200);
            });

    assertThat(code).isZero();
    assertThat(console.out())
        .contains(
            "  scrapes need credentials: Authentication[Basic: file "
                + users.toAbsolutePath()
                + "] (--basic-auth-file)\n")
        .doesNotContain(SECRET);
  }

  @Test
  void configuredKeystoreShouldServeHttps() throws IOException {
    TestCertificate certificate =
        TestCertificate.generate(Files.createDirectories(files.resolve("https")), "EC");

    int code =
        console.run(
            new String[] {"--port", "0"},
            environment(
                "CHECKMETRICS_TLS_KEYSTORE", certificate.keystore().toString(),
                "CHECKMETRICS_TLS_KEYSTORE_PASSWORD", certificate.password(),
                "CHECKMETRICS_AUTH_BEARER_TOKEN", SECRET),
            demo -> {
              String url = "https://localhost:" + demo.port() + "/metrics";
              assertThat(
                      DemoConsole.get(url, "Bearer " + SECRET, certificate.clientContext())
                          .statusCode())
                  .isEqualTo(200);
              assertThat(DemoConsole.get(url, null, certificate.clientContext()).statusCode())
                  .isEqualTo(401);
              assertThatThrownBy(() -> get(demo, "/metrics"))
                  .as("plain HTTP to the HTTPS port")
                  .isInstanceOf(UncheckedIOException.class);
            });

    assertThat(code).isZero();
    assertThat(console.out())
        .contains("checkmetrics demo: serving metrics at https://localhost:")
        .doesNotContain(certificate.password())
        .doesNotContain(SECRET);
  }

  @Test
  void configuredJksKeystoreShouldServeHttps() throws Exception {
    TestCertificate certificate =
        TestCertificate.generate(Files.createDirectories(files.resolve("jks")), "EC");
    Path jks = jksCopy(certificate, files.resolve("jks/server.jks"));
    Path password = Files.writeString(files.resolve("jks/password"), certificate.password());

    int code =
        console.run(
            new String[] {"--port", "0"},
            systemProperties(
                "checkmetrics.tls.keystore", jks.toString(),
                "checkmetrics.tls.keystore_password_file", password.toString(),
                "checkmetrics.tls.keystore_type", "JKS"),
            demo ->
                assertThat(
                        DemoConsole.get(
                                "https://127.0.0.1:" + demo.port() + "/metrics",
                                null,
                                certificate.clientContext())
                            .statusCode())
                    .isEqualTo(200));

    assertThat(code).isZero();
  }

  private static Path jksCopy(TestCertificate certificate, Path file) throws Exception {
    char[] password = certificate.password().toCharArray();
    KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificate.keystore())) {
      pkcs12.load(in, password);
    }
    KeyStore jks = KeyStore.getInstance("JKS");
    jks.load(null, null);
    jks.setKeyEntry(
        TestCertificate.ALIAS,
        pkcs12.getKey(TestCertificate.ALIAS, password),
        password,
        pkcs12.getCertificateChain(TestCertificate.ALIAS));
    try (OutputStream out = Files.newOutputStream(file)) {
      jks.store(out, password);
    }
    return file;
  }

  @Test
  void helpShouldNotReadTheConfiguration() {
    int code =
        console.run(new String[] {"--help"}, environment("CHECKMETRICS_PROT", "9400"), demo -> {});

    assertThat(code).isZero();
    assertThat(console.out()).isEqualTo(DemoOptions.USAGE);
  }

  @Test
  void unknownConfigurationKeyShouldPrintTheEndpointConfigMessageAndExitTwo() {
    EndpointConfig.Loader config = environment("CHECKMETRICS_PROT", "9400");
    String message;
    try {
      environment("CHECKMETRICS_PROT", "9400").load();
      throw new AssertionError("CHECKMETRICS_PROT accepted");
    } catch (IllegalArgumentException e) {
      message = e.getMessage();
    }

    int code = console.run(new String[] {"--port", "0"}, config, demo -> {});

    assertThat(code).isEqualTo(2);
    assertThat(message)
        .startsWith("configuration key must be one of [CHECKMETRICS_CONFIG, CHECKMETRICS_PORT, ")
        .endsWith(": \"CHECKMETRICS_PROT\" (environment variable)");
    assertThat(console.err()).isEqualTo("error: " + message + "\n\n" + DemoOptions.USAGE);
    assertThat(console.out()).isEmpty();
  }

  static Stream<Arguments> badConfigurations() throws IOException {
    TestCertificate certificate =
        TestCertificate.generate(Files.createDirectories(files.resolve("bad")), "EC");
    Path keystore = certificate.keystore().toAbsolutePath().normalize();
    return Stream.of(
        Arguments.of(
            systemProperties("checkmetrics.port", "http"),
            "checkmetrics.port must be an integer in 0..65535: \"http\" (system property)"),
        Arguments.of(
            environment("CHECKMETRICS_JVM_METRICS", "yes"),
            "CHECKMETRICS_JVM_METRICS must be true or false: \"yes\" (environment variable)"),
        Arguments.of(
            // layers is a choice of the metric schema now, not an endpoint key
            environment("CHECKMETRICS_LAYERS", "status"),
            "configuration key must be one of "
                + EndpointConfig.keys().stream()
                    .map(key -> key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'))
                    .collect(java.util.stream.Collectors.toList())
                + ": \"CHECKMETRICS_LAYERS\" (environment variable)"),
        Arguments.of(
            environment("CHECKMETRICS_PATH", "/-/healthy"),
            "checkmetrics.path must differ from the health path: \"/-/healthy\""),
        Arguments.of(
            // An option would replace both, but a configuration in conflict is an error of its own.
            environment(
                "CHECKMETRICS_AUTH_BEARER_TOKEN", SECRET,
                "CHECKMETRICS_AUTH_BASIC_USER", "config-user",
                "CHECKMETRICS_AUTH_BASIC_PASSWORD", SECRET),
            "bearer and basic authentication are both configured"
                + " (checkmetrics.auth.bearer_token* and checkmetrics.auth.basic_user);"
                + " configure one"),
        Arguments.of(
            environment("CHECKMETRICS_AUTH_BEARER_TOKEN", "two words " + SECRET),
            "checkmetrics.auth.*: bearer token must match [A-Za-z0-9._~+/-]+=* and be at most"
                + " 4096 characters: value (value not shown)"),
        Arguments.of(
            environment(
                "CHECKMETRICS_TLS_KEYSTORE", keystore.toString(),
                "CHECKMETRICS_TLS_KEYSTORE_PASSWORD", SECRET),
            "checkmetrics.tls.*: https keystore password is wrong: " + keystore));
  }

  @ParameterizedTest
  @MethodSource("badConfigurations")
  void badConfigurationShouldPrintTheErrorAndTheUsageAndExitTwoWithoutASecret(
      EndpointConfig.Loader config, String message) {
    int code = console.run(new String[] {"--port", "0"}, config, demo -> {});

    assertThat(code).isEqualTo(2);
    assertThat(console.err())
        .isEqualTo("error: " + message + "\n\n" + DemoOptions.USAGE)
        .doesNotContain(SECRET);
    assertThat(console.out()).isEmpty();
  }
}
