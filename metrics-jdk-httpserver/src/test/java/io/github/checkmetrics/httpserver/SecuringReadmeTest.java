package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.github.checkmetrics.testkit.ProcessResult;
import io.github.checkmetrics.testkit.Promtool;
import io.github.checkmetrics.testkit.TestCertificate;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twins of the Java blocks of {@code docs/securing-the-endpoint.md} (port 0 and loopback
 * for 9400, this test's files and environment for the real ones), {@code promtool check config} on
 * its YAML blocks and its {@code keytool} commands run as written.
 */
class SecuringReadmeTest {

  private static final Path README = Path.of("../docs/securing-the-endpoint.md");
  private static final Pattern BLOCK = Pattern.compile("(?s)```(\\w*)\\n(.*?)```");

  private final PrometheusRegistry registry = CheckRegistries.checkRegistry();
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir Path directory;

  @Test
  void bearerTokenSnippetShouldNeedATokenOfTheFile() throws Exception {
    Path tokens = Files.writeString(directory.resolve("metrics-tokens"), "old-token\nnew-token\n");
    try (MetricsServer server = MetricsServer.builder()
        .host("127.0.0.1")
        .port(0)
        .handler(ScrapeHandler.builder()
            .registry(registry)
            .authentication(Authentication.bearerToken(
                Secret.file(tokens)))   // one token per line
            .build())
        .buildAndStart()) {
      assertThat(get(server, "Bearer new-token").statusCode()).isEqualTo(200);
      assertThat(get(server, "Bearer old-token").statusCode()).isEqualTo(200);
      assertThat(get(server, null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void basicAuthSnippetsShouldNeedTheUserAndPassword() throws Exception {
    Map<String, String> environment = Map.of("METRICS_PASSWORD", "s3cret pw");
    try (MetricsServer server = MetricsServer.builder()
        .host("127.0.0.1")
        .port(0)
        .handler(ScrapeHandler.builder()
            .registry(registry)
            .authentication(Authentication.basic("prometheus", Secret.environmentVariable("METRICS_PASSWORD", environment::get)))
            .build())
        .buildAndStart()) {
      assertThat(get(server, AuthContractSuite.basicHeader("Basic", "prometheus:s3cret pw"))
          .statusCode()).isEqualTo(200);
      assertThat(get(server, AuthContractSuite.basicHeader("Basic", "prometheus:other"))
          .statusCode()).isEqualTo(401);
    }

    Path file = Files.writeString(directory.resolve("metrics-basic-auth"), "prometheus:pw-from-file\n");
    Authentication basic = Authentication.basic(Secret.file(file));
    try (MetricsServer server =
        MetricsServer.builder().host("127.0.0.1").port(0)
            .handler(ScrapeHandler.builder().registry(registry).authentication(basic).build())
            .buildAndStart()) {
      assertThat(get(server, AuthContractSuite.basicHeader("Basic", "prometheus:pw-from-file"))
          .statusCode()).isEqualTo(200);
    }
  }

  @Test
  void httpsSnippetShouldServeTheKeystoreWithTheToken() throws Exception {
    TestCertificate certificate = TestCertificate.generate(directory, "EC");
    Map<String, String> environment = Map.of("KEYSTORE_PASSWORD", certificate.password());
    Path tokens = Files.writeString(directory.resolve("metrics-tokens"), "https-token\n");
    try (MetricsServer server = MetricsServer.builder()
        .host("127.0.0.1")
        .port(0)
        .https(certificate.keystore(), Secret.environmentVariable("KEYSTORE_PASSWORD", environment::get))
        .handler(ScrapeHandler.builder()
            .registry(registry)
            .authentication(Authentication.bearerToken(Secret.file(tokens)))
            .build())
        .buildAndStart()) {
      HttpClient trusting = HttpClient.newBuilder().sslContext(certificate.clientContext()).build();
      HttpResponse<String> response = trusting.send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/metrics"))
              .header("Authorization", "Bearer https-token").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void handlerSnippetShouldAuthenticateInTheServer() throws Exception {
    Map<String, String> environment = Map.of("METRICS_TOKEN", "handler-token");
    ScrapeHandler handler = ScrapeHandler.builder()
        .registry(registry)
        .authentication(Authentication.bearerToken(Secret.environmentVariable("METRICS_TOKEN", environment::get)))
        .build();
    try (MetricsServer server =
        MetricsServer.builder().host("127.0.0.1").port(0).handler(handler).buildAndStart()) {
      assertThat(get(server, "Bearer handler-token").statusCode()).isEqualTo(200);
      assertThat(get(server, "Bearer other-token").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void yamlBlocksShouldPassPromtoolCheckConfig() throws Exception {
    List<String> yamls = blocks("yaml");
    assertThat(yamls).hasSize(3);
    Path secrets = Files.createDirectories(directory.resolve("secrets"));
    Files.writeString(secrets.resolve("checkmetrics-token"), "t\n");
    Files.writeString(secrets.resolve("checkmetrics-password"), "p\n");
    Path ca = TestCertificate.generate(directory, "EC").certificatePem();
    for (String yaml : yamls) {
      String local = yaml
          .replace("/etc/prometheus/secrets/", secrets + "/")
          .replace("/etc/prometheus/checkmetrics-ca.pem", ca.toString());
      Path config = Files.writeString(directory.resolve("prometheus.yml"), local);

      ProcessResult result = Promtool.checkConfig(config);

      assertThat(result.succeeded()).as(yaml + result.output()).isTrue();
    }
  }

  @Test
  void keytoolCommandsShouldMakeAKeystoreTheServerLoads() throws Exception {
    List<String> commands = new ArrayList<>();
    for (String block : blocks("")) {
      if (block.startsWith("keytool ")) {
        block.replace("\\\n", " ").lines().forEach(commands::add);
      }
    }
    assertThat(commands).hasSize(2);
    String password = "readme-" + System.nanoTime();
    for (String command : commands) {
      List<String> arguments = new ArrayList<>(List.of(command.trim().split("\\s+")));
      arguments.set(0, Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
      ProcessBuilder builder =
          new ProcessBuilder(arguments).directory(directory.toFile()).redirectErrorStream(true);
      builder.environment().put("KEYSTORE_PASSWORD", password);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(command + "\n" + output).isZero();
    }

    try (MetricsServer server = MetricsServer.builder().host("127.0.0.1").port(0)
        .https(directory.resolve("keystore.p12"), Secret.value(password)).buildAndStart();
        InputStream pem = Files.newInputStream(directory.resolve("checkmetrics-ca.pem"))) {
      X509Certificate certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
      assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=app-host");
      assertThat(certificate.getSubjectAlternativeNames())
          .containsExactlyInAnyOrder(List.of(2, "app-host"), List.of(7, "10.0.0.5"));
      assertThat(server.port()).isPositive();
    }
  }

  private static List<String> blocks(String language) throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(Files.readString(README));
    while (matcher.find()) {
      if (matcher.group(1).equals(language)) {
        blocks.add(matcher.group(2));
      }
    }
    return blocks;
  }

  private HttpResponse<String> get(MetricsServer server, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
