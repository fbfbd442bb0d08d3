package io.github.checkmetrics.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate for {@code 127.0.0.1} and {@code localhost}, made at test time
 * by the JDK's own {@code keytool}: a PKCS#12 keystore for the server, the certificate in PEM for
 * a client to trust (Prometheus' {@code tls_config.ca_file}), and an {@link SSLContext} trusting
 * only it (for {@code HttpClient}).
 *
 * <pre>{@code
 * TestCertificate certificate = TestCertificate.generate(temporaryDirectory, "EC");
 * HttpClient client = HttpClient.newBuilder().sslContext(certificate.clientContext()).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the files live as long as the directory.
 */
public final class TestCertificate {

  /** The keystore alias of the key and certificate. */
  public static final String ALIAS = "checkmetrics";

  private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

  private final Path keystore;
  private final String password;
  private final Path certificatePem;

  private TestCertificate(Path keystore, String password, Path certificatePem) {
    this.keystore = keystore;
    this.password = password;
    this.certificatePem = certificatePem;
  }

  /**
   * Generates a key pair and a self-signed certificate valid for two days, with subject
   * alternative names {@code IP:127.0.0.1} and {@code DNS:localhost}.
   *
   * @param directory an existing directory for {@code server.p12} and {@code server.pem}
   * @param keyAlgorithm {@code "EC"} (P-256) or {@code "RSA"} (2048 bits)
   * @return the certificate
   * @throws IllegalArgumentException if {@code keyAlgorithm} is neither
   * @throws IllegalStateException if keytool fails; the message holds its output
   */
  public static TestCertificate generate(Path directory, String keyAlgorithm) {
    return generate(directory, keyAlgorithm, 2);
  }

  /**
   * Generates a key pair and a self-signed certificate valid from now for the given number of
   * days, with subject alternative names {@code IP:127.0.0.1} and {@code DNS:localhost}.
   *
   * @param directory an existing directory for {@code server.p12} and {@code server.pem}
   * @param keyAlgorithm {@code "EC"} (P-256) or {@code "RSA"} (2048 bits)
   * @param validityDays how many days the certificate is valid, positive
   * @return the certificate
   * @throws IllegalArgumentException if {@code keyAlgorithm} is neither, or the days not positive
   * @throws IllegalStateException if keytool fails; the message holds its output
   */
  public static TestCertificate generate(Path directory, String keyAlgorithm, int validityDays) {
    Objects.requireNonNull(directory, "directory");
    if (validityDays < 1) {
      throw new IllegalArgumentException("validity days must be positive: " + validityDays);
    }
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    List<String> keyOptions;
    if (keyAlgorithm.equals("EC")) {
      keyOptions = List.of("-keyalg", "EC", "-groupname", "secp256r1");
    } else if (keyAlgorithm.equals("RSA")) {
      keyOptions = List.of("-keyalg", "RSA", "-keysize", "2048");
    } else {
      throw new IllegalArgumentException(
          "key algorithm must be EC or RSA: \"" + keyAlgorithm + "\"");
    }
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String password = "test-" + HexFormat.of().formatHex(random);
    Path keystore = directory.resolve("server.p12");
    Path pem = directory.resolve("server.pem");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    keytool(keytool.toString(), "-genkeypair", "-alias", ALIAS, keyOptions,
        "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", String.valueOf(validityDays),
        "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", password, "-keypass", password, "-noprompt");
    keytool(keytool.toString(), "-exportcert", "-rfc", "-alias", ALIAS,
        "-keystore", keystore.toString(), "-storepass", password, "-file", pem.toString());
    return new TestCertificate(keystore, password, pem);
  }

  /**
   * Returns the PKCS#12 keystore holding the key and certificate under {@link #ALIAS}.
   *
   * @return the {@code server.p12} file
   */
  public Path keystore() {
    return keystore;
  }

  /**
   * Returns the password of the keystore and of its key, random for each generation.
   *
   * @return the password
   */
  public String password() {
    return password;
  }

  /**
   * Returns the certificate in PEM, for a client to trust.
   *
   * @return the {@code server.pem} file
   */
  public Path certificatePem() {
    return certificatePem;
  }

  /**
   * Reads the certificate.
   *
   * @return the X.509 certificate of {@link #certificatePem()}
   */
  public X509Certificate certificate() {
    try (InputStream in = Files.newInputStream(certificatePem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + certificatePem, e);
    }
  }

  /**
   * Builds a client context that trusts this certificate and nothing else.
   *
   * @return an initialised TLS context for {@code HttpClient.Builder.sslContext}
   */
  public SSLContext clientContext() {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry(ALIAS, certificate());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a context trusting " + certificatePem, e);
    }
  }

  private static void keytool(Object... arguments) {
    List<String> command = new ArrayList<>();
    for (Object argument : arguments) {
      if (argument instanceof List<?> list) {
        list.forEach(item -> command.add(item.toString()));
      } else {
        command.add(argument.toString());
      }
    }
    ProcessResult result = Processes.run(command, new byte[0], KEYTOOL_TIMEOUT);
    if (!result.succeeded()) {
      throw new IllegalStateException(
          "keytool " + command.get(1) + " failed with exit code " + result.exitCode() + ":\n"
              + result.output());
    }
  }
}
