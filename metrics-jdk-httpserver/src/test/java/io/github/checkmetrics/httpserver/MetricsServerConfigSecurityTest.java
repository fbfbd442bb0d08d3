package io.github.checkmetrics.httpserver;

import static io.github.checkmetrics.httpserver.MetricsServerConfigTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.github.checkmetrics.testkit.TestCertificate;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code checkmetrics.auth.*} and {@code checkmetrics.tls.*} keys of {@link EndpointConfig}, applied. */
class MetricsServerConfigSecurityTest {

  @TempDir Path dir;

  @Test
  void bearerTokenKeyShouldBeRequiredOfEveryScrape() throws Exception {
    EndpointConfig config =
        config("CHECKMETRICS_PORT", "0", "CHECKMETRICS_HOST", "127.0.0.1",
            "CHECKMETRICS_AUTH_BEARER_TOKEN", "config-token");

    try (MetricsServer server =
        MetricsServer.builder().config(config).registry(CheckRegistries.checkRegistry())
            .buildAndStart()) {
      assertThat(get(server, "http", null, null).statusCode()).isEqualTo(401);
      assertThat(get(server, "http", "Bearer config-token", null).statusCode()).isEqualTo(200);
      assertThat(get(server, "http", null, null, "/-/healthy").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void basicAuthKeysWithAPasswordFileShouldBeRequired() throws Exception {
    Path password = Files.writeString(dir.resolve("password"), "file-password\n");
    EndpointConfig config =
        config("CHECKMETRICS_PORT", "0", "CHECKMETRICS_HOST", "127.0.0.1",
            "CHECKMETRICS_AUTH_BASIC_USER", "org-42",
            "CHECKMETRICS_AUTH_BASIC_PASSWORD_FILE", password.toString());

    try (MetricsServer server = MetricsServer.builder().config(config).buildAndStart()) {
      assertThat(get(server, "http", AuthContractSuite.basicHeader("Basic", "org-42:file-password"),
          null).statusCode()).isEqualTo(200);
      assertThat(get(server, "http", AuthContractSuite.basicHeader("Basic", "org-42:other"), null)
          .statusCode()).isEqualTo(401);
    }
  }

  @Test
  void tlsKeysShouldServeHttpsFromPkcs12AndJks() throws Exception {
    TestCertificate certificate = TestCertificate.generate(dir, "EC");
    Path passwordFile = Files.writeString(dir.resolve("keystore-password"), certificate.password());
    Path jks = jksCopy(certificate, dir.resolve("server.jks"));
    EndpointConfig pkcs12 =
        config("CHECKMETRICS_PORT", "0", "CHECKMETRICS_HOST", "127.0.0.1",
            "CHECKMETRICS_TLS_KEYSTORE", certificate.keystore().toString(),
            "CHECKMETRICS_TLS_KEYSTORE_PASSWORD_FILE", passwordFile.toString(),
            "CHECKMETRICS_AUTH_BEARER_TOKEN", "tls-token");
    EndpointConfig javaKeystore =
        config("CHECKMETRICS_PORT", "0", "CHECKMETRICS_HOST", "127.0.0.1",
            "CHECKMETRICS_TLS_KEYSTORE", jks.toString(),
            "CHECKMETRICS_TLS_KEYSTORE_PASSWORD", certificate.password(),
            "CHECKMETRICS_TLS_KEYSTORE_TYPE", "JKS");

    try (MetricsServer server = MetricsServer.builder().config(pkcs12).buildAndStart()) {
      assertThat(get(server, "https", "Bearer tls-token", certificate).statusCode()).isEqualTo(200);
      assertThat(get(server, "https", null, certificate).statusCode()).isEqualTo(401);
    }
    try (MetricsServer server = MetricsServer.builder().config(javaKeystore).buildAndStart()) {
      assertThat(get(server, "https", null, certificate).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void securityFromConfigAndFromTheBuilderShouldConflict() throws Exception {
    TestCertificate certificate = TestCertificate.generate(dir, "EC");
    EndpointConfig bearer = config("CHECKMETRICS_PORT", "0", "CHECKMETRICS_AUTH_BEARER_TOKEN", "s3cr3t");
    EndpointConfig tls =
        config("CHECKMETRICS_PORT", "0",
            "CHECKMETRICS_TLS_KEYSTORE", certificate.keystore().toString(),
            "CHECKMETRICS_TLS_KEYSTORE_PASSWORD", certificate.password());
    EndpointConfig wrongPassword =
        config("CHECKMETRICS_PORT", "0",
            "CHECKMETRICS_TLS_KEYSTORE", certificate.keystore().toString(),
            "CHECKMETRICS_TLS_KEYSTORE_PASSWORD", "s3cr3t-wrong");
    EndpointConfig malformedToken =
        config("CHECKMETRICS_PORT", "0", "CHECKMETRICS_AUTH_BEARER_TOKEN", "s3cr3t token");

    Authentication code = Authentication.bearerToken(Secret.value("s3cr3t-2"));
    assertThatThrownBy(() -> ScrapeHandler.builder().config(bearer).authentication(code))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("authentication was already set to Authentication[Bearer: value]; cannot set it"
            + " to Authentication[Bearer: value]");
    assertThatThrownBy(() -> MetricsServer.builder().config(tls).host("127.0.0.1")
            .https(certificate.clientContext()).buildAndStart())
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("https was already set to \"" + certificate.keystore()
            + "\"; cannot set it to \"an SSLContext\"");
    assertThatThrownBy(() -> MetricsServer.builder().config(wrongPassword).host("127.0.0.1")
            .buildAndStart())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("https keystore password is wrong: " + certificate.keystore());
    assertThatThrownBy(() -> MetricsServer.builder().config(malformedToken).host("127.0.0.1")
            .buildAndStart())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("bearer token must match [A-Za-z0-9._~+/-]+=* and be at most 4096 characters:"
            + " value (value not shown)");
  }

  private static HttpResponse<String> get(
      MetricsServer server, String scheme, String authorization, TestCertificate certificate)
      throws Exception {
    return get(server, scheme, authorization, certificate, "/metrics");
  }

  private static HttpResponse<String> get(MetricsServer server, String scheme,
      String authorization, TestCertificate certificate, String path) throws Exception {
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (certificate != null) {
      client.sslContext(certificate.clientContext());
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The test key and certificate in a JKS keystore under the same password. */
  private static Path jksCopy(TestCertificate certificate, Path file) throws Exception {
    char[] password = certificate.password().toCharArray();
    KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificate.keystore())) {
      pkcs12.load(in, password);
    }
    KeyStore jks = KeyStore.getInstance("JKS");
    jks.load(null, null);
    jks.setKeyEntry(TestCertificate.ALIAS, pkcs12.getKey(TestCertificate.ALIAS, password), password,
        pkcs12.getCertificateChain(TestCertificate.ALIAS));
    try (OutputStream out = Files.newOutputStream(file)) {
      jks.store(out, password);
    }
    return file;
  }
}
