package io.github.checkmetrics.exposition;

import io.github.checkmetrics.exposition.EndpointConfig.Key;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The sources of an {@link EndpointConfig.Loader}, each read once, merged in rising precedence (the
 * application's defaults, the properties file, given properties such as servlet init-parameters,
 * system properties, environment variables), and the parsers of the key table, with messages that
 * name the key as its source spelled it and never show a secret.
 */
final class ConfigSources {

  static final String PROPERTY_PREFIX = "checkmetrics.";
  static final String VARIABLE_PREFIX = "CHECKMETRICS_";

  /** A value's rule was broken; the message is the rule, such as {@code be true or false}. */
  static final class Rule extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Rule(String rule) {
      super(rule);
    }
  }

  /** Parses one key's text into its value. */
  interface Parser<T> {
    /**
     * Parses a value, stripped of surrounding blanks unless the key says otherwise.
     *
     * @throws Rule when the value breaks the key's rule
     * @throws IllegalArgumentException or {@link IllegalStateException} with the message of the
     *     rule's owner, which names the value
     */
    T parse(String value);
  }

  /** One value and where it came from. */
  record Raw(String spelledKey, String value, String source, boolean secret) {

    IllegalArgumentException invalid(RuntimeException refusal) {
      if (refusal instanceof Rule) {
        String shown = secret ? "" : ": \"" + value + "\"";
        return new IllegalArgumentException(
            spelledKey + " must " + refusal.getMessage() + shown + " (" + source + ")");
      }
      return new IllegalArgumentException(
          spelledKey + ": " + refusal.getMessage() + " (" + source + ")", refusal);
    }
  }

  private final Map<Key<?>, Raw> values = new HashMap<>();

  private ConfigSources() {}

  /**
   * Reads every source once and merges them.
   *
   * @param file the file given to the loader, or null for the one {@code checkmetrics.config}
   *     names (if any)
   * @param given the given properties, each with where it was set
   */
  static ConfigSources read(
      Map<String, String> defaults,
      Path file,
      List<Map.Entry<String, Map<String, String>>> given,
      Properties systemProperties,
      Map<String, String> environment) {
    List<Map<Key<?>, Raw>> over = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> entry : given) {
      over.add(properties(entry.getValue(), entry.getKey(), false));
    }
    Map<String, String> system = new LinkedHashMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      system.put(name, systemProperties.getProperty(name));
    }
    over.add(properties(system, "system property", false));
    over.add(environment(environment));
    Map<Key<?>, Raw> under = properties(defaults, "defaults", true);

    ConfigSources sources = new ConfigSources();
    sources.values.putAll(under);
    over.forEach(sources.values::putAll);
    Raw named = sources.values.get(EndpointConfig.CONFIG);
    Map<Key<?>, Raw> fromFile = Map.of();
    if (file != null) {
      fromFile = file(file, "EndpointConfig.Loader.file", "argument");
    } else if (named != null) {
      fromFile = file(Path.of(named.value().strip()), named.spelledKey(), named.source());
    }
    sources.values.clear();
    sources.values.putAll(under);
    sources.values.putAll(fromFile);
    over.forEach(sources.values::putAll);
    return sources;
  }

  /**
   * The {@code checkmetrics.*} entries of a map.
   *
   * @param strict whether every key must be a configuration key (defaults, a file); else keys
   *     outside the namespace are skipped (system properties, given properties)
   */
  private static Map<Key<?>, Raw> properties(
      Map<String, String> properties, String source, boolean strict) {
    Map<Key<?>, Raw> result = new HashMap<>();
    for (Map.Entry<String, String> entry : properties.entrySet()) {
      String property = entry.getKey();
      if (!strict && !property.startsWith(PROPERTY_PREFIX)) {
        continue;
      }
      Key<?> key = find(property, false);
      if (key == null) {
        throw unknown(property, source, false);
      }
      result.put(key, new Raw(property, entry.getValue(), source, key.secret()));
    }
    return result;
  }

  private static Map<Key<?>, Raw> environment(Map<String, String> environment) {
    Map<Key<?>, Raw> result = new HashMap<>();
    for (Map.Entry<String, String> entry : environment.entrySet()) {
      String variable = entry.getKey();
      if (!variable.startsWith(VARIABLE_PREFIX)) {
        continue;
      }
      Key<?> key = find(variable, true);
      if (key == null) {
        throw unknown(variable, "environment variable", true);
      }
      result.put(key, new Raw(variable, entry.getValue(), "environment variable", key.secret()));
    }
    return result;
  }

  private static Map<Key<?>, Raw> file(Path file, String namedBy, String source) {
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
    Map<String, String> entries = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      entries.put(name, properties.getProperty(name));
    }
    Map<Key<?>, Raw> result = properties(entries, "file " + file, true);
    Raw nested = result.get(EndpointConfig.CONFIG);
    if (nested != null) {
      throw new IllegalArgumentException(
          nested.spelledKey() + " must not be set in the configuration file itself (file " + file
              + ")");
    }
    return result;
  }

  /** The key a property or variable spells, or null. */
  private static Key<?> find(String spelled, boolean variable) {
    for (Key<?> key : EndpointConfig.KEYS) {
      if ((variable ? variable(key) : property(key)).equals(spelled)) {
        return key;
      }
    }
    return null;
  }

  private static IllegalArgumentException unknown(String key, String source, boolean variable) {
    List<String> valid = new ArrayList<>();
    for (Key<?> known : EndpointConfig.KEYS) {
      valid.add(variable ? variable(known) : property(known));
    }
    return new IllegalArgumentException(
        "configuration key must be one of " + valid + ": \"" + key + "\" (" + source + ")");
  }

  /** A key as a system property or in a file, such as {@code checkmetrics.port}. */
  static String property(Key<?> key) {
    return PROPERTY_PREFIX + key.name();
  }

  /** A key as an environment variable, such as {@code CHECKMETRICS_PORT}. */
  static String variable(Key<?> key) {
    return VARIABLE_PREFIX + key.name().toUpperCase(Locale.ROOT).replace('.', '_');
  }

  boolean has(Key<?> key) {
    return values.containsKey(key);
  }

  /**
   * The value of a key: parsed when set, else its default.
   *
   * @throws IllegalArgumentException naming the key as spelled and its source
   */
  <T> T get(Key<T> key) {
    Raw raw = values.get(key);
    if (raw == null) {
      return key.defaultValue();
    }
    try {
      return key.parser().parse(raw.value());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw raw.invalid(e);
    }
  }

  /** Refuses {@code key}'s value with the message of {@code refusal}. */
  IllegalArgumentException invalid(Key<?> key, RuntimeException refusal) {
    return values.get(key).invalid(refusal);
  }

  // The parsers of the key table.

  static String text(String value) {
    if (value.isBlank()) {
      throw new Rule("not be empty");
    }
    return value.strip();
  }

  static Parser<Integer> integer(int min, int max) {
    return value -> {
      try {
        int parsed = Integer.parseInt(value.strip());
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new Rule("be an integer in " + min + ".." + max);
    };
  }

  static Boolean bool(String value) {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new Rule("be true or false");
    }
  }

  /** A number of seconds such as {@code 5} or {@code 0.5}, in {@code min..max} seconds. */
  static Parser<Duration> seconds(String min, String max) {
    BigDecimal low = new BigDecimal(min);
    BigDecimal high = new BigDecimal(max);
    return value -> {
      try {
        BigDecimal seconds = new BigDecimal(value.strip());
        if (seconds.compareTo(low) >= 0 && seconds.compareTo(high) <= 0) {
          return Duration.ofNanos(seconds.movePointRight(9).longValue());
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new Rule("be a number of seconds in " + min + ".." + max);
    };
  }

  static Path readableFile(String value) {
    Path file = Path.of(text(value));
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new Rule("name a readable file");
    }
    return file;
  }

  static Parser<String> oneOf(List<String> choices) {
    return value -> {
      String choice = value.strip().toUpperCase(Locale.ROOT);
      if (!choices.contains(choice)) {
        throw new Rule("be " + String.join(" or ", choices));
      }
      return choice;
    };
  }
}
