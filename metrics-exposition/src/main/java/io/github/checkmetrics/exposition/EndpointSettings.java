package io.github.checkmetrics.exposition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The values of an {@link EndpointConfig}, parsed and checked from its sources, and what derives
 * from them: the authentication they configure and a description that never shows a credential.
 * A null component is a key that was not set.
 */
record EndpointSettings(
    int port,
    String host,
    String path,
    String bearerToken,
    Path bearerTokenFile,
    String basicUser,
    String basicPassword,
    Path basicPasswordFile,
    Path tlsKeystore,
    String tlsKeystorePassword,
    Path tlsKeystorePasswordFile,
    String tlsKeystoreType,
    Map<String, String> constantLabels,
    boolean jvmMetrics,
    boolean processMetrics,
    Set<String> layers,
    Duration clientTimeout) {

  /**
   * Checks the keys against one another, then parses each, in this order.
   *
   * @throws IllegalArgumentException for a bad value, naming the key and where it was set
   * @throws IllegalStateException for keys that conflict or need one another
   */
  static EndpointSettings parse(ConfigValues values) {
    values.requireConsistent();
    boolean jvmMetrics = values.bool(ConfigKey.JVM_METRICS, false);
    boolean processMetrics = values.bool(ConfigKey.PROCESS_METRICS, false);
    return new EndpointSettings(
        values.port(EndpointConfig.DEFAULT_PORT),
        values.host(),
        values.path("/metrics"),
        values.string(ConfigKey.AUTH_BEARER_TOKEN),
        values.readableFile(ConfigKey.AUTH_BEARER_TOKEN_FILE),
        values.string(ConfigKey.AUTH_BASIC_USER),
        values.string(ConfigKey.AUTH_BASIC_PASSWORD),
        values.readableFile(ConfigKey.AUTH_BASIC_PASSWORD_FILE),
        values.readableFile(ConfigKey.TLS_KEYSTORE),
        values.string(ConfigKey.TLS_KEYSTORE_PASSWORD),
        values.readableFile(ConfigKey.TLS_KEYSTORE_PASSWORD_FILE),
        values.keystoreType(),
        Collections.unmodifiableMap(values.constantLabels(jvmMetrics, processMetrics)),
        jvmMetrics,
        processMetrics,
        Collections.unmodifiableSet(values.layers()),
        values.positiveSeconds(ConfigKey.CLIENT_TIMEOUT_SECONDS));
  }

  boolean hasAuthentication() {
    return bearerToken != null || bearerTokenFile != null || basicUser != null;
  }

  /** See {@link EndpointConfig#authentication()}. */
  Optional<Authentication> authentication() {
    if (bearerToken != null || bearerTokenFile != null) {
      return Optional.of(Authentication.bearerToken(secret(bearerToken, bearerTokenFile)));
    }
    if (basicUser != null) {
      return Optional.of(
          Authentication.basic(basicUser, secret(basicPassword, basicPasswordFile)));
    }
    return Optional.empty();
  }

  private static Secret secret(String value, Path file) {
    return value != null ? Secret.value(value) : Secret.file(file);
  }

  /** The keys that are set, each credential's value shown as {@code ****}. */
  String redacted() {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("port", port);
    shown.put("host", host);
    shown.put("path", path);
    shown.put("constantLabels", constantLabels);
    shown.put("jvmMetrics", jvmMetrics);
    shown.put("processMetrics", processMetrics);
    shown.put("layers", layers);
    shown.put("clientTimeout", clientTimeout);
    shown.put("bearerToken", bearerToken == null ? null : "****");
    shown.put("bearerTokenFile", bearerTokenFile);
    shown.put("basicUser", basicUser);
    shown.put("basicPassword", basicPassword == null ? null : "****");
    shown.put("basicPasswordFile", basicPasswordFile);
    shown.put("tlsKeystore", tlsKeystore);
    shown.put("tlsKeystorePassword", tlsKeystorePassword == null ? null : "****");
    shown.put("tlsKeystorePasswordFile", tlsKeystorePasswordFile);
    shown.put("tlsKeystoreType", tlsKeystore == null ? null : tlsKeystoreType);
    shown.values().removeIf(Objects::isNull);
    return shown.toString();
  }

  // A record would show every component, credentials too.
  @Override
  public String toString() {
    return "EndpointSettings" + redacted();
  }
}
