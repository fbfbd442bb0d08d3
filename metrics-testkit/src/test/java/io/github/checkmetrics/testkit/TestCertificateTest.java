package io.github.checkmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestCertificateTest {

  @ParameterizedTest
  @ValueSource(strings = {"EC", "RSA"})
  void generateShouldWriteAKeystoreAndTheCertificateForLoopback(String algorithm, @TempDir Path directory)
      throws Exception {
    TestCertificate certificate = TestCertificate.generate(directory, algorithm);

    KeyStore keystore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificate.keystore())) {
      keystore.load(in, certificate.password().toCharArray());
    }
    assertThat(keystore.isKeyEntry(TestCertificate.ALIAS)).isTrue();
    X509Certificate x509 = certificate.certificate();
    assertThat(x509.getPublicKey().getAlgorithm()).isEqualTo(algorithm);
    assertThat(keystore.getCertificate(TestCertificate.ALIAS)).isEqualTo(x509);
    assertThat(x509.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
    assertThat(Files.readString(certificate.certificatePem())).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(certificate.clientContext().getProtocol()).isEqualTo("TLS");
  }

  @Test
  void httpsScrapeJobShouldPassPromtoolCheckConfig(@TempDir Path directory) throws Exception {
    TestCertificate certificate = TestCertificate.generate(directory, "EC");
    Path config = Files.writeString(directory.resolve("prometheus.yml"),
        PrometheusServer.builder()
            .scrapeJob(ScrapeJob.builder("secure").target("127.0.0.1:9443").bearerToken("t")
                .https(certificate.certificatePem()).build())
            .config().render("127.0.0.1:9090", directory));

    ProcessResult result = Promtool.checkConfig(config);

    assertThat(result.succeeded()).as(result.output()).isTrue();
  }

  @Test
  void unknownKeyAlgorithmShouldThrow(@TempDir Path directory) {
    assertThatThrownBy(() -> TestCertificate.generate(directory, "DSA"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("key algorithm must be EC or RSA: \"DSA\"");
  }
}
