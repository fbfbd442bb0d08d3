package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.github.checkmetrics.testkit.TestCertificate;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTPS and authentication on a real {@link MetricsServer}, reached through {@link HttpClient}. */
class MetricsServerSecurityTest {

  private static final String TOKEN = "right-token-0123456789";

  @TempDir static Path directory;
  private static TestCertificate certificate;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void generateCertificate() throws IOException {
    certificate = TestCertificate.generate(Files.createDirectories(directory.resolve("ec")), "EC");
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  @Test
  void javadocUsageShouldCompileAndServeHttpsWithABearerToken() throws Exception {
    PrometheusRegistry registry = CheckRegistries.checkRegistry();
    Path tokenFile = Files.writeString(directory.resolve("metrics-token"), TOKEN + "\n");
    Map<String, String> environment = Map.of("KEYSTORE_PASSWORD", certificate.password());
    // twin of the class javadoc, on a free loopback port, with this test's files and environment
    try (MetricsServer server = MetricsServer.builder()
        .host("127.0.0.1")
        .port(0)
        .https(certificate.keystore(), Secret.environmentVariable("KEYSTORE_PASSWORD", environment::get))
        .handler(ScrapeHandler.builder()
            .registry(registry)
            .authentication(Authentication.bearerToken(Secret.file(tokenFile)))
            .build())
        .buildAndStart()) {
      HttpResponse<String> scrape = get(server, "/metrics", "Bearer " + TOKEN);
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("check_status{");
      assertThat(scrape.uri().getScheme()).isEqualTo("https");
      assertThat(get(server, "/metrics", null).statusCode()).isEqualTo(401);
      assertThat(get(server, "/-/healthy", null).body()).isEqualTo("OK");
    }
  }

  @Test
  void deletedTokenFileShouldRevokeItsTokenUntilRestored() throws Exception {
    Path tokenFile = Files.writeString(directory.resolve("revocable-token"), TOKEN + "\n");
    Duration settleTime = Duration.ofMillis(500);
    MetricsServer server =
        start(
            httpsServer(ScrapeHandler.builder()
                .authentication(
                    Authentication.bearerToken(Secret.file(tokenFile, settleTime)))));
    assertThat(get(server, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

    Files.delete(tokenFile);
    // The first request that finds the file missing starts the settle time; a revocation after it.
    assertThat(get(server, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    Thread.sleep(settleTime.toMillis() + 100);
    assertThat(get(server, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(401);
    assertThat(get(server, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(401);

    Files.writeString(tokenFile, TOKEN + "\n");
    assertThat(get(server, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

    Files.writeString(tokenFile, "\n");
    assertThat(get(server, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    Thread.sleep(settleTime.toMillis() + 100);
    assertThat(get(server, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(401);
  }

  @Test
  void httpsFromAnSslContextShouldServeAnRsaCertificate() throws Exception {
    TestCertificate rsa =
        TestCertificate.generate(Files.createDirectories(directory.resolve("rsa")), "RSA");
    MetricsServer server =
        start(MetricsServer.builder().registry(new PrometheusRegistry()).https(serverContext(rsa)));

    HttpResponse<String> response =
        client(rsa.clientContext(), null).send(request(server, "/metrics", null),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.sslSession().orElseThrow().getPeerCertificates()[0])
        .isEqualTo(rsa.certificate());
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void clientOfTls12Or13ShouldConnect(String protocol) throws Exception {
    MetricsServer server = start(httpsServer());

    HttpResponse<String> response =
        client(certificate.clientContext(), protocol).send(request(server, "/-/healthy", null),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.sslSession().map(SSLSession::getProtocol)).hasValue(protocol);
  }

  @Test
  void configuratorShouldEnableOnlyTls13And12() {
    Tls.Configurator configurator = new Tls.Configurator(certificate.clientContext());
    SSLParameters[] configured = new SSLParameters[1];

    configurator.configure(new CapturingParameters(configurator, configured));

    assertThat(configured[0].getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  @Test
  void clientNotTrustingTheCertificateShouldFailTheHandshake() throws Exception {
    MetricsServer server = start(httpsServer());
    HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    assertThatThrownBy(
            () -> untrusting.send(request(server, "/-/healthy", null),
                HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
    // The server keeps serving clients that trust it.
    assertThat(get(server, "/-/healthy", null).statusCode()).isEqualTo(200);
  }

  @Test
  void authenticatedHealthPathShouldNeedTheCredentials() throws Exception {
    MetricsServer server =
        start(httpsServer(ScrapeHandler.builder()
            .authentication(Authentication.bearerToken(Secret.value(TOKEN)))
            .authenticateHealthPath(true)));

    HttpResponse<String> refused = get(server, "/-/healthy", null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"metrics\"");
    assertThat(get(server, "/-/healthy", "Bearer " + TOKEN).body()).isEqualTo("OK");
  }

  /**
   * JDK 17.0.15 refuses request headers above 384 KiB in all ({@code sun.net.httpserver.
   * maxReqHeaderSize}) by closing the connection without a response, before the handler runs;
   * older JDKs hand them to the handler, which answers 431. Never 500, and the server goes on.
   */
  @Test
  void headerAboveTheJdkLimitShouldNeverBe500() throws Exception {
    MetricsServer server =
        start(httpsServer(
            ScrapeHandler.builder().authentication(Authentication.bearerToken(Secret.value(TOKEN)))));

    Integer status;
    try {
      status = get(server, "/metrics", "Bearer " + "a".repeat(512 * 1024)).statusCode();
    } catch (IOException closedWithoutResponse) {
      status = null;
    }

    assertThat(status).isIn(null, 431);
    assertThat(get(server, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
  }

  static Stream<Arguments> invalidBuilders() throws Exception {
    Path missing = directory.resolve("missing.p12");
    Path pem = certificate.certificatePem();
    Path folder = Files.createDirectories(directory.resolve("folder.p12"));
    Path trustOnly = trustStore(directory.resolve("trust-only.p12"), "s3cr3t-store");
    Path otherKeyPassword = keyWithOtherPassword(directory.resolve("other-key-password.p12"));
    Path keystore = certificate.keystore();
    ScrapeHandler handler = ScrapeHandler.builder().build();
    return Stream.of(
        invalid(b -> b.https(keystore, Secret.value("s3cr3t-wrong")), IllegalArgumentException.class,
            "https keystore password is wrong: " + keystore),
        invalid(b -> b.https(missing, Secret.value("s3cr3t")), IllegalArgumentException.class,
            "https keystore does not exist: " + missing),
        invalid(b -> b.https(folder, Secret.value("s3cr3t")), IllegalArgumentException.class,
            "https keystore is not a regular file: " + folder),
        invalid(b -> b.https(pem, Secret.value("s3cr3t")), IllegalArgumentException.class,
            "https keystore is not a PKCS#12 file: " + pem),
        invalid(b -> b.https(trustOnly, Secret.value("s3cr3t-store")),
            IllegalArgumentException.class,
            "https keystore must hold a private key entry: " + trustOnly),
        invalid(b -> b.https(otherKeyPassword, Secret.value("s3cr3t-store")),
            IllegalArgumentException.class,
            "https keystore key password must equal the keystore password: " + otherKeyPassword),
        invalid(b -> b.https(keystore, Secret.value("")), IllegalArgumentException.class,
            "https keystore password must not be empty: value"),
        invalid(b -> b.https(keystore, Secret.environmentVariable("KEYSTORE_PASSWORD", n -> null)),
            IllegalArgumentException.class,
            "https keystore password environment variable is not set: KEYSTORE_PASSWORD"),
        invalid(b -> b.https(OldProtocolsOnly.context()), IllegalArgumentException.class,
            "https SSLContext must support TLSv1.3 or TLSv1.2: [TLSv1, TLSv1.1]"),
        invalid(b -> b.https(certificate.clientContext()).https(certificate.clientContext()),
            IllegalStateException.class,
            "https was already set to \"an SSLContext\"; cannot set it to \"an SSLContext\""),
        invalid(b -> b.https(certificate.clientContext())
                .https(keystore, Secret.value(certificate.password())),
            IllegalStateException.class,
            "https was already set to \"an SSLContext\"; cannot set it to \"" + keystore + "\""),
        invalid(b -> b.handler(handler).handler(handler), IllegalStateException.class,
            "handler was already set to " + handler + "; cannot set it to " + handler),
        invalid(b -> b.https((SSLContext) null), NullPointerException.class, "context"),
        invalid(b -> b.https(null, Secret.value("x")), NullPointerException.class, "keystore"),
        invalid(b -> b.https(keystore, null), NullPointerException.class, "password"),
        invalid(b -> b.handler(null), NullPointerException.class, "handler"));
  }

  @ParameterizedTest
  @MethodSource("invalidBuilders")
  void invalidBuilderShouldThrowWithExactMessageAndNoSecret(
      Consumer<MetricsServer.Builder> configure, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(() -> configure.accept(MetricsServer.builder().host("127.0.0.1")))
        .isExactlyInstanceOf(type)
        .hasMessage(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t")
            .doesNotContain(certificate.password()));
  }

  private static Arguments invalid(
      Consumer<MetricsServer.Builder> configure, Class<? extends Throwable> type, String message) {
    return Arguments.of(configure, type, message);
  }

  private static MetricsServer.Builder httpsServer() {
    return httpsServer(ScrapeHandler.builder());
  }

  private static MetricsServer.Builder httpsServer(ScrapeHandler.Builder handler) {
    return MetricsServer.builder()
        .handler(handler.registry(CheckRegistries.checkRegistry()).build())
        .https(certificate.keystore(), Secret.value(certificate.password()));
  }

  private MetricsServer start(MetricsServer.Builder builder) {
    MetricsServer server = builder.host("127.0.0.1").port(0).buildAndStart();
    toClose.add(server);
    return server;
  }

  private static HttpResponse<String> get(MetricsServer server, String path, String authorization)
      throws IOException, InterruptedException {
    return client(certificate.clientContext(), null)
        .send(request(server, path, authorization), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient client(SSLContext trust, String protocol) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .sslContext(trust);
    if (protocol != null) {
      builder.sslParameters(new SSLParameters(null, new String[] {protocol}));
    }
    return builder.build();
  }

  private static HttpRequest request(MetricsServer server, String path, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request.build();
  }

  /** A server context from the keystore of {@code certificate}, built the way users build one. */
  private static SSLContext serverContext(TestCertificate certificate) throws Exception {
    KeyStore keystore = load(certificate.keystore(), certificate.password());
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keystore, certificate.password().toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static KeyStore load(Path file, String password) throws Exception {
    KeyStore keystore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      keystore.load(in, password.toCharArray());
    }
    return keystore;
  }

  /** A PKCS#12 file with the test certificate only, as a truststore would be. */
  private static Path trustStore(Path file, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", certificate.certificate());
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  /** The test key under a password other than the keystore's, which keytool never writes. */
  private static Path keyWithOtherPassword(Path file) throws Exception {
    KeyStore source = load(certificate.keystore(), certificate.password());
    Key key = source.getKey(TestCertificate.ALIAS, certificate.password().toCharArray());
    Certificate[] chain = source.getCertificateChain(TestCertificate.ALIAS);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("key", key, "s3cr3t-key".toCharArray(), chain);
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "s3cr3t-store".toCharArray());
    }
    return file;
  }
}
