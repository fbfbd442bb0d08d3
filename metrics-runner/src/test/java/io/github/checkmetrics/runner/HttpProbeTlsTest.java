package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.testkit.ProcessResult;
import io.github.checkmetrics.testkit.Promtool;
import io.github.checkmetrics.testkit.TestCertificate;
import io.github.checkmetrics.testkit.Tools;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS targets with certificates made by the test (keytool), expiring in 10 and in 100 days:
 * the runner records each chain's expiry, and the alert rule fires for the first only.
 */
class HttpProbeTlsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A JDK HTTPS server on 127.0.0.1 presenting {@code certificate}; {@code /ok} answers 200. */
  static HttpsServer httpsServer(TestCertificate certificate) throws Exception {
    KeyStore keys = KeyStore.getInstance(certificate.keystore().toFile(), certificate.password().toCharArray());
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, certificate.password().toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext(
        "/ok",
        exchange -> {
          byte[] body = "UP".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  /** A PKCS#12 trust store holding only the certificate. */
  static Path trustStore(TestCertificate certificate, Path dir, String password) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("target", certificate.certificate());
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, password.toCharArray());
    }
    return file;
  }

  @Test
  void runnerShouldRecordTheEarliestExpiryAndTheAlertShouldFireUnder14Days(@TempDir Path dir)
      throws Exception {
    Path soonDir = Files.createDirectory(dir.resolve("soon"));
    Path laterDir = Files.createDirectory(dir.resolve("later"));
    TestCertificate soon = TestCertificate.generate(soonDir, "EC", 10);
    TestCertificate later = TestCertificate.generate(laterDir, "EC", 100);
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    BlockingQueue<CheckResult> results = new LinkedBlockingQueue<>();
    HttpsServer soonServer = httpsServer(soon);
    HttpsServer laterServer = httpsServer(later);
    try (CheckRunner runner = CheckRunner.builder(metrics).onResult(results::add).build()) {
      runner.add(
          Check.builder("tls-soon").build(),
          HttpProbe.builder("https://127.0.0.1:" + soonServer.getAddress().getPort() + "/ok")
              .trustStore(trustStore(soon, soonDir, "secret"), "secret")
              .build(),
          Duration.ofSeconds(30),
          TIMEOUT);
      runner.add(
          Check.builder("tls-later").build(),
          HttpProbe.builder("https://localhost:" + laterServer.getAddress().getPort() + "/ok")
              .insecureSkipVerify(true)
              .build(),
          Duration.ofSeconds(30),
          TIMEOUT);
      runner.start();
      for (int i = 0; i < 2; i++) {
        CheckResult result = results.poll(30, TimeUnit.SECONDS);
        assertThat(result).isNotNull();
        assertThat(result.outcome()).as(result.toString()).isEqualTo(Outcome.PASSED);
      }
    } finally {
      soonServer.stop(0);
      laterServer.stop(0);
    }

    String text = PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
    double soonExpiry = expiry(text, "tls-soon");
    double laterExpiry = expiry(text, "tls-later");
    assertThat(soonExpiry).isEqualTo(soon.certificate().getNotAfter().getTime() / 1000.0);
    assertThat(laterExpiry).isEqualTo(later.certificate().getNotAfter().getTime() / 1000.0);

    // The shipped alert rule, on the recorded values (relative to promtool's time 0 = now).
    Tools.requireOrSkip(Tools.PROMTOOL);
    long now = System.currentTimeMillis() / 1000;
    Files.copy(Path.of("..", "examples", "prometheus", "alerts.yml"), dir.resolve("alerts.yml"));
    String tests =
        """
        rule_files:
          - alerts.yml
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'check_tls_cert_expiry_timestamp_seconds{check_id="tls-soon",region="local"}'
                values: '%dx30'
              - series: 'check_tls_cert_expiry_timestamp_seconds{check_id="tls-later",region="local"}'
                values: '%dx30'
            alert_rule_test:
              - eval_time: 15m
                alertname: CheckCertificateExpiresSoon
                exp_alerts:
                  - exp_labels:
                      severity: warning
                      check_id: tls-soon
                      region: local
                    exp_annotations:
                      summary: 'The certificate of check tls-soon expires soon'
                      description: 'The certificate chain presented to check tls-soon in region local expires in %s.'
        """
            .formatted(
                (long) soonExpiry - now,
                (long) laterExpiry - now,
                humanizeDuration((long) soonExpiry - now - 15 * 60));
    Path testFile = dir.resolve("tls-test.yml");
    Files.writeString(testFile, tests);
    ProcessResult result = Promtool.run(List.of("test", "rules", testFile.toString()), "");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  /** Prometheus' humanizeDuration for a whole number of seconds of a day or more. */
  private static String humanizeDuration(long seconds) {
    return "%dd %dh %dm %ds"
        .formatted(seconds / 86400, seconds % 86400 / 3600, seconds % 3600 / 60, seconds % 60);
  }

  private static double expiry(String text, String checkId) {
    Matcher m =
        Pattern.compile(
                "(?m)^check_tls_cert_expiry_timestamp_seconds\\{check_id=\""
                    + checkId
                    + "\",region=\"local\"\\} (\\S+)$")
            .matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void untrustedCertificateShouldFailWithTlsAndServerNameShouldBeVerified(@TempDir Path dir)
      throws Exception {
    TestCertificate certificate = TestCertificate.generate(dir, "EC", 10);
    HttpsServer server = httpsServer(certificate);
    try {
      int port = server.getAddress().getPort();
      Path trust = trustStore(certificate, dir, "secret");
      // The JVM's trust store does not know a self-signed certificate.
      assertThat(reasonOf(HttpProbe.builder("https://127.0.0.1:" + port + "/ok").build()))
          .isEqualTo("tls");
      // The certificate names localhost: SNI and verification follow serverName, not the URL.
      assertThat(
              HttpProbe.builder("https://127.0.0.1:" + port + "/ok")
                  .trustStore(trust, "secret")
                  .serverName("localhost")
                  .bodyContains("UP")
                  .build()
                  .run(TIMEOUT))
          .isEqualTo(Outcome.PASSED);
      assertThat(
              reasonOf(
                  HttpProbe.builder("https://127.0.0.1:" + port + "/ok")
                      .trustStore(trust, "secret")
                      .serverName("other.example")
                      .build()))
          .isEqualTo("tls");
      HttpProbe insecure =
          HttpProbe.builder("https://127.0.0.1:" + port + "/ok").insecureSkipVerify(true).build();
      assertThat(insecure.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
      assertThat(insecure).hasToString(
          "HttpProbe{GET https://127.0.0.1:" + port + "/ok, status 200..399, INSECURE: certificates not verified}");
    } finally {
      server.stop(0);
    }
  }

  private static String reasonOf(HttpProbe probe) {
    try {
      Outcome outcome = probe.run(TIMEOUT);
      throw new AssertionError("expected a failure, got " + outcome);
    } catch (IOException | InterruptedException | ProbeException e) {
      return FailureReasons.of(e);
    }
  }
}
