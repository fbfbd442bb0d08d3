package io.github.checkmetrics.exposition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configuration keys of {@link EndpointConfig}, each spelled {@code checkmetrics.<name>} as a
 * system property or in a properties file and {@code CHECKMETRICS_<NAME>} as an environment
 * variable ({@code .} becomes {@code _}).
 */
enum ConfigKey {
  CONFIG("config", false),
  PORT("port", false),
  HOST("host", false),
  PATH("path", false),
  AUTH_BEARER_TOKEN("auth.bearer_token", true),
  AUTH_BEARER_TOKEN_FILE("auth.bearer_token_file", false),
  AUTH_BASIC_USER("auth.basic_user", false),
  AUTH_BASIC_PASSWORD("auth.basic_password", true),
  AUTH_BASIC_PASSWORD_FILE("auth.basic_password_file", false),
  TLS_KEYSTORE("tls.keystore", false),
  TLS_KEYSTORE_PASSWORD("tls.keystore_password", true),
  TLS_KEYSTORE_PASSWORD_FILE("tls.keystore_password_file", false),
  TLS_KEYSTORE_TYPE("tls.keystore_type", false),
  CONSTANT_LABELS("constant_labels", false),
  JVM_METRICS("jvm_metrics", false),
  PROCESS_METRICS("process_metrics", false),
  LAYERS("layers", false),
  CLIENT_TIMEOUT_SECONDS("client_timeout_seconds", false);

  static final String PROPERTY_PREFIX = "checkmetrics.";
  static final String VARIABLE_PREFIX = "CHECKMETRICS_";

  /** The name after the prefix, such as {@code auth.bearer_token}. */
  final String name;
  /** Whether the value is a credential, never to appear in a message or in {@code toString}. */
  final boolean secret;

  ConfigKey(String name, boolean secret) {
    this.name = name;
    this.secret = secret;
  }

  /** @return the key as a system property or in a file, such as {@code checkmetrics.port} */
  String property() {
    return PROPERTY_PREFIX + name;
  }

  /** @return the key as an environment variable, such as {@code CHECKMETRICS_PORT} */
  String variable() {
    return VARIABLE_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** Every key as a system property, in declaration order; unmodifiable. */
  static List<String> properties() {
    List<String> keys = new ArrayList<>();
    for (ConfigKey key : values()) {
      keys.add(key.property());
    }
    return List.copyOf(keys);
  }

  static ConfigKey ofProperty(String property) {
    for (ConfigKey key : values()) {
      if (key.property().equals(property)) {
        return key;
      }
    }
    return null;
  }

  static ConfigKey ofVariable(String variable) {
    for (ConfigKey key : values()) {
      if (key.variable().equals(variable)) {
        return key;
      }
    }
    return null;
  }
}
