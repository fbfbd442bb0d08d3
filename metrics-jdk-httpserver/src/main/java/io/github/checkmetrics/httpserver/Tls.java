package io.github.checkmetrics.httpserver;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** The TLS side of {@link MetricsServer}: loading a PKCS#12 keystore, TLS 1.2 and 1.3 only. */
final class Tls {

  /** In order of preference; older versions are never enabled. */
  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private Tls() {}

  /**
   * An SSLContext serving the private key and certificate chain of a keystore whose key has the
   * keystore's password (as {@code keytool} and {@code openssl pkcs12} write them).
   *
   * @param type {@code PKCS12} or {@code JKS}
   * @throws IllegalArgumentException naming the keystore, never the password
   */
  static SSLContext fromKeystore(Path keystore, Secret password, String type) {
    String format = type.equals("PKCS12") ? "PKCS#12" : type;
    Path file = keystore.toAbsolutePath().normalize();
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("https keystore does not exist: " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("https keystore is not a regular file: " + file);
    }
    char[] secret = password.read("https keystore password").toCharArray();
    try {
      KeyStore store = KeyStore.getInstance(type);
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, secret);
      } catch (AccessDeniedException e) {
        throw new IllegalArgumentException("https keystore is not readable: " + file, e);
      } catch (IOException e) {
        // PKCS12KeyStore reports a failed integrity check or decryption this way.
        if (e.getCause() instanceof UnrecoverableKeyException) {
          throw new IllegalArgumentException("https keystore password is wrong: " + file);
        }
        throw new IllegalArgumentException(
            "https keystore is not a " + format + " file: " + file, e);
      }
      if (!hasKeyEntry(store)) {
        throw new IllegalArgumentException(
            "https keystore must hold a private key entry: " + file);
      }
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      try {
        keys.init(store, secret);
      } catch (UnrecoverableKeyException e) {
        throw new IllegalArgumentException(
            "https keystore key password must equal the keystore password: " + file);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "https keystore is not a " + format + " file: " + file, e);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  /** The keystore password of a configuration's {@code tls.*} keys, as a value or a file. */
  static Secret password(EndpointConfig config) {
    return config.tlsKeystorePassword().map(Secret::value)
        .orElseGet(() -> Secret.file(config.tlsKeystorePasswordFile().orElseThrow()));
  }

  private static boolean hasKeyEntry(KeyStore store) throws GeneralSecurityException {
    for (String alias : Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The protocols of {@link #PROTOCOLS} that {@code context} supports.
   *
   * @throws IllegalArgumentException when it supports neither
   */
  static String[] protocols(SSLContext context) {
    List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
    List<String> enabled = new ArrayList<>(PROTOCOLS);
    enabled.retainAll(supported);
    if (enabled.isEmpty()) {
      throw new IllegalArgumentException(
          "https SSLContext must support TLSv1.3 or TLSv1.2: " + supported);
    }
    return enabled.toArray(String[]::new);
  }

  /** Enables only TLS 1.2 and 1.3 on every connection, without touching JVM-wide settings. */
  static final class Configurator extends HttpsConfigurator {
    private final String[] protocols;

    Configurator(SSLContext context) {
      super(context);
      this.protocols = protocols(context);
    }

    @Override
    public void configure(HttpsParameters params) {
      SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
      parameters.setProtocols(protocols.clone());
      params.setSSLParameters(parameters);
    }
  }
}
