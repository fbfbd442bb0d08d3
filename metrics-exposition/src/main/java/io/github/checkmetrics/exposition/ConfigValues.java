package io.github.checkmetrics.exposition;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The raw values of the configuration keys, merged from their sources (a properties file, given
 * properties, system properties, the environment, in rising precedence), and the parsing of each
 * into its type, with messages that name the key as its source spelled it and never show a secret.
 */
final class ConfigValues {

  static final List<String> LAYERS = List.of("status", "durations", "runs", "last_run");

  private static final Pattern PATH = Pattern.compile("/[^?#\\s]*");
  private static final BigDecimal MIN_SECONDS = new BigDecimal("0.001");
  private static final BigDecimal MAX_SECONDS = new BigDecimal("86400");

  /** One value and where it came from. */
  record Raw(String spelledKey, String value, String source, boolean secret) {

    IllegalArgumentException invalid(String rule) {
      String shown = secret ? "" : ": \"" + value + "\"";
      return new IllegalArgumentException(spelledKey + " must " + rule + shown + " (" + source + ")");
    }

    /** The message of the rule's owner, which names the value, prefixed with the key. */
    IllegalArgumentException invalid(RuntimeException refusal) {
      return new IllegalArgumentException(
          spelledKey + ": " + refusal.getMessage() + " (" + source + ")", refusal);
    }
  }

  private final Map<ConfigKey, Raw> values = new EnumMap<>(ConfigKey.class);

  /** Where a map of properties comes from, which decides what happens to other keys. */
  enum Origin {
    /** An application's defaults: every key must be a configuration key. */
    DEFAULTS,
    /** A properties file: every key must be a configuration key. */
    FILE,
    /** Properties given to the loader, such as servlet init-parameters: other keys are skipped. */
    GIVEN,
    /** System properties: other keys are skipped. */
    SYSTEM
  }

  /** Adds the {@code checkmetrics.*} entries of a map, over what is there; refuses unknown keys. */
  void addProperties(Map<String, String> properties, String source, Origin origin) {
    for (Map.Entry<String, String> entry : properties.entrySet()) {
      String property = entry.getKey();
      boolean ours = property.startsWith(ConfigKey.PROPERTY_PREFIX);
      if (!ours && origin != Origin.FILE && origin != Origin.DEFAULTS) {
        continue;
      }
      ConfigKey key = ConfigKey.ofProperty(property);
      if (key == null) {
        throw unknown(property, source, false);
      }
      if (origin == Origin.FILE && key == ConfigKey.CONFIG) {
        throw new IllegalArgumentException(
            property + " must not be set in the configuration file itself (" + source + ")");
      }
      values.put(key, new Raw(property, entry.getValue(), source, key.secret));
    }
  }

  /** Adds the {@code CHECKMETRICS_*} variables of an environment; refuses unknown ones. */
  void addEnvironment(Map<String, String> environment) {
    for (Map.Entry<String, String> entry : environment.entrySet()) {
      String variable = entry.getKey();
      if (!variable.startsWith(ConfigKey.VARIABLE_PREFIX)) {
        continue;
      }
      ConfigKey key = ConfigKey.ofVariable(variable);
      if (key == null) {
        throw unknown(variable, "environment variable", true);
      }
      values.put(key, new Raw(variable, entry.getValue(), "environment variable", key.secret));
    }
  }

  private static IllegalArgumentException unknown(String key, String source, boolean variable) {
    List<String> valid = new ArrayList<>();
    for (ConfigKey known : ConfigKey.values()) {
      valid.add(variable ? known.variable() : known.property());
    }
    return new IllegalArgumentException(
        "configuration key must be one of " + valid + ": \"" + key + "\" (" + source + ")");
  }

  /** Reads a properties file as UTF-8; {@code namedBy} is the key or option that named it. */
  static Map<String, String> readFile(Path file, String namedBy, String source) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(
          namedBy + " must name a readable properties file: \"" + file + "\" (" + source + ")");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          namedBy + " must name a properties file: \"" + file + "\" cannot be read ("
              + e.getMessage() + ")", e);
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      result.put(name, properties.getProperty(name));
    }
    return result;
  }

  Raw raw(ConfigKey key) {
    return values.get(key);
  }

  String string(ConfigKey key) {
    Raw raw = values.get(key);
    if (raw == null) {
      return null;
    }
    if (raw.value().isBlank()) {
      throw raw.invalid("not be empty");
    }
    return raw.value().strip();
  }

  int port(int fallback) {
    Raw raw = values.get(ConfigKey.PORT);
    if (raw == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(raw.value().strip());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw raw.invalid("be an integer in 0..65535");
  }

  String host() {
    String host = string(ConfigKey.HOST);
    if (host != null && host.chars().anyMatch(Character::isWhitespace)) {
      throw values.get(ConfigKey.HOST).invalid("be a host name or IP literal without spaces");
    }
    return host;
  }

  String path(String fallback) {
    Raw raw = values.get(ConfigKey.PATH);
    if (raw == null) {
      return fallback;
    }
    if (!PATH.matcher(raw.value()).matches()) {
      throw raw.invalid("match /[^?#\\s]*");
    }
    return raw.value();
  }

  boolean bool(ConfigKey key, boolean fallback) {
    Raw raw = values.get(key);
    if (raw == null) {
      return fallback;
    }
    switch (raw.value().strip().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw raw.invalid("be true or false");
    }
  }

  /** A duration given in seconds, such as {@code 5} or {@code 0.5}; null when not set. */
  Duration positiveSeconds(ConfigKey key) {
    Raw raw = values.get(key);
    if (raw == null) {
      return null;
    }
    try {
      BigDecimal seconds = new BigDecimal(raw.value().strip());
      if (seconds.compareTo(MIN_SECONDS) >= 0 && seconds.compareTo(MAX_SECONDS) <= 0) {
        return Duration.ofNanos(seconds.movePointRight(9).longValue());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw raw.invalid("be a number of seconds in 0.001..86400");
  }

  Path readableFile(ConfigKey key) {
    String name = string(key);
    if (name == null) {
      return null;
    }
    Path file = Path.of(name);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw values.get(key).invalid("name a readable file");
    }
    return file;
  }

  /**
   * The constant labels, checked against the families of client_java's JVM and process metrics
   * when {@code jvm} or {@code process} switches those on: they always have series, so a clash
   * with one of them is known now.
   */
  Map<String, String> constantLabels(boolean jvm, boolean process) {
    Raw raw = values.get(ConfigKey.CONSTANT_LABELS);
    if (raw == null) {
      return new LinkedHashMap<>();
    }
    try {
      Map<String, String> labels = ConstantLabels.parse(raw.value());
      if (!labels.isEmpty() && (jvm || process)) {
        new ConstantLabels(labels).requireNoClash(JvmInstrumentation.labelNames(jvm, process));
      }
      return labels;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw raw.invalid(e);
    }
  }

  Set<String> layers() {
    Raw raw = values.get(ConfigKey.LAYERS);
    if (raw == null) {
      return new LinkedHashSet<>(LAYERS);
    }
    Set<String> layers = new LinkedHashSet<>();
    for (String layer : raw.value().split(",", -1)) {
      String trimmed = layer.strip();
      if (!LAYERS.contains(trimmed)) {
        throw raw.invalid("be a comma-separated list of " + LAYERS);
      }
      layers.add(trimmed);
    }
    return layers;
  }

  String keystoreType() {
    Raw raw = values.get(ConfigKey.TLS_KEYSTORE_TYPE);
    if (raw == null) {
      return "PKCS12";
    }
    String type = raw.value().strip().toUpperCase(Locale.ROOT);
    if (!Arrays.asList("PKCS12", "JKS").contains(type)) {
      throw raw.invalid("be PKCS12 or JKS");
    }
    return type;
  }

  /**
   * Refuses keys that configure one thing twice or conflict, and a key set without one it needs.
   *
   * @throws IllegalStateException naming the keys
   */
  void requireConsistent() {
    requireAtMostOne(
        ConfigKey.AUTH_BEARER_TOKEN, ConfigKey.AUTH_BEARER_TOKEN_FILE, "the bearer token");
    requireAtMostOne(
        ConfigKey.AUTH_BASIC_PASSWORD, ConfigKey.AUTH_BASIC_PASSWORD_FILE, "the basic password");
    requireAtMostOne(
        ConfigKey.TLS_KEYSTORE_PASSWORD,
        ConfigKey.TLS_KEYSTORE_PASSWORD_FILE,
        "the keystore password");
    boolean bearer = has(ConfigKey.AUTH_BEARER_TOKEN) || has(ConfigKey.AUTH_BEARER_TOKEN_FILE);
    if (bearer && has(ConfigKey.AUTH_BASIC_USER)) {
      throw new IllegalStateException(
          "bearer and basic authentication are both configured (checkmetrics.auth.bearer_token*"
              + " and checkmetrics.auth.basic_user); configure one");
    }
    requireWith(ConfigKey.AUTH_BASIC_USER,
        "checkmetrics.auth.basic_password or checkmetrics.auth.basic_password_file",
        ConfigKey.AUTH_BASIC_PASSWORD, ConfigKey.AUTH_BASIC_PASSWORD_FILE);
    requireWith(ConfigKey.AUTH_BASIC_PASSWORD, "checkmetrics.auth.basic_user",
        ConfigKey.AUTH_BASIC_USER);
    requireWith(ConfigKey.AUTH_BASIC_PASSWORD_FILE, "checkmetrics.auth.basic_user",
        ConfigKey.AUTH_BASIC_USER);
    requireWith(ConfigKey.TLS_KEYSTORE,
        "checkmetrics.tls.keystore_password or checkmetrics.tls.keystore_password_file",
        ConfigKey.TLS_KEYSTORE_PASSWORD, ConfigKey.TLS_KEYSTORE_PASSWORD_FILE);
    for (ConfigKey needsKeystore :
        List.of(ConfigKey.TLS_KEYSTORE_PASSWORD, ConfigKey.TLS_KEYSTORE_PASSWORD_FILE,
            ConfigKey.TLS_KEYSTORE_TYPE)) {
      requireWith(needsKeystore, "checkmetrics.tls.keystore", ConfigKey.TLS_KEYSTORE);
    }
  }

  /** Refuses two keys that configure one thing twice. */
  private void requireAtMostOne(ConfigKey a, ConfigKey b, String what) {
    if (values.containsKey(a) && values.containsKey(b)) {
      throw new IllegalStateException(
          what + " is configured twice, by " + a.property() + " and " + b.property()
              + "; set one of them");
    }
  }

  /** Refuses {@code key} set without any of {@code anyOf}. */
  private void requireWith(ConfigKey key, String needs, ConfigKey... anyOf) {
    if (!values.containsKey(key)) {
      return;
    }
    for (ConfigKey other : anyOf) {
      if (values.containsKey(other)) {
        return;
      }
    }
    throw new IllegalStateException(key.property() + " needs " + needs);
  }

  private boolean has(ConfigKey key) {
    return values.containsKey(key);
  }
}
