package io.github.checkmetrics.exposition;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the sources of an {@link EndpointConfig.Loader} into one {@link ConfigValues}, in rising
 * precedence: the application's defaults, the properties file, the given properties, the system
 * properties, the environment.
 */
final class ConfigSources {

  private ConfigSources() {}

  /**
   * Reads every source.
   *
   * @param file the file given to the loader, or null for the one {@code checkmetrics.config}
   *     names (if any)
   * @param properties the given properties, each with where it was set
   * @param systemProperties null for {@link System#getProperties()}
   * @param environment null for {@link System#getenv()}
   */
  static ConfigValues read(
      Map<String, String> defaults,
      Path file,
      List<Map.Entry<String, Map<String, String>>> properties,
      Properties systemProperties,
      Map<String, String> environment) {
    Map<String, String> system = new LinkedHashMap<>();
    Properties source = systemProperties != null ? systemProperties : System.getProperties();
    for (String name : source.stringPropertyNames()) {
      system.put(name, source.getProperty(name));
    }
    Map<String, String> env = environment != null ? environment : System.getenv();

    // Given properties, system properties and environment first: they may name the file.
    ConfigValues top = new ConfigValues();
    top.addProperties(defaults, "defaults", ConfigValues.Origin.DEFAULTS);
    for (Map.Entry<String, Map<String, String>> given : properties) {
      top.addProperties(given.getValue(), given.getKey(), ConfigValues.Origin.GIVEN);
    }
    top.addProperties(system, "system property", ConfigValues.Origin.SYSTEM);
    top.addEnvironment(env);
    ConfigValues values = new ConfigValues();
    values.addProperties(defaults, "defaults", ConfigValues.Origin.DEFAULTS);
    if (file != null) {
      values.addProperties(
          ConfigValues.readFile(file, "EndpointConfig.Loader.file", "argument"),
          "file " + file,
          ConfigValues.Origin.FILE);
    } else if (top.raw(ConfigKey.CONFIG) != null) {
      ConfigValues.Raw named = top.raw(ConfigKey.CONFIG);
      Path path = Path.of(named.value().strip());
      values.addProperties(
          ConfigValues.readFile(path, named.spelledKey(), named.source()),
          "file " + path,
          ConfigValues.Origin.FILE);
    }
    for (Map.Entry<String, Map<String, String>> given : properties) {
      values.addProperties(given.getValue(), given.getKey(), ConfigValues.Origin.GIVEN);
    }
    values.addProperties(system, "system property", ConfigValues.Origin.SYSTEM);
    values.addEnvironment(env);
    return values;
  }
}
