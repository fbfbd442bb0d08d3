package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The {@code web.xml} init-parameters of {@link MetricsServlet}, each applied to the builder method
 * of the same name. A new option is one line in {@link #OPTIONS} and one row in the class javadoc
 * of {@link MetricsServlet}.
 */
final class InitParameters {

  /** Applies one init-parameter value to the builder; throws with the builder's message. */
  private interface Option {
    void apply(MetricsServlet.Builder builder, String name, String value) throws ServletException;
  }

  /** {@code true} loads {@link EndpointConfig}; the {@code checkmetrics.*} parameters join it. */
  private static final String CONFIG = "config";

  private static final String CONFIG_PREFIX = "checkmetrics.";

  private static final Map<String, Option> OPTIONS = options();

  /** The options a configuration sets, with the keys that set them instead when it is loaded. */
  private static final Map<String, String> SET_BY_CONFIG =
      Map.of(
          "metricsPath", "checkmetrics.path",
          "constantLabels", "checkmetrics.constant_labels",
          "bearerTokenFile", "checkmetrics.auth.bearer_token_file",
          "basicAuthFile", "checkmetrics.auth.basic_user and checkmetrics.auth.basic_password_file");

  private static final String VALID_NAMES = validNames();

  private InitParameters() {}

  private static Map<String, Option> options() {
    Map<String, Option> options = new TreeMap<>();
    options.put("metricsPath", (builder, name, value) -> builder.metricsPath(value));
    options.put(
        "constantLabels",
        (builder, name, value) ->
            ExpositionWriter.parseConstantLabels(value).forEach(builder::constantLabel));
    options.put(
        "maxQueryLength",
        (builder, name, value) -> builder.maxQueryLength(parseInt(name, value)));
    options.put(
        "maxQueryParameters",
        (builder, name, value) -> builder.maxQueryParameters(parseInt(name, value)));
    options.put(
        "bearerTokenFile",
        (builder, name, value) ->
            builder.authentication(Authentication.bearerToken(Secret.file(file(name, value)))));
    options.put(
        "basicAuthFile",
        (builder, name, value) ->
            builder.authentication(Authentication.basic(Secret.file(file(name, value)))));
    return Collections.unmodifiableMap(options);
  }

  private static String validNames() {
    TreeSet<String> names = new TreeSet<>(OPTIONS.keySet());
    names.add(CONFIG);
    return String.join(", ", names) + ", " + CONFIG_PREFIX + "*";
  }

  /**
   * Builds the handler of a servlet declared in {@code web.xml} from its init-parameters; with
   * {@code config} true, from the {@link EndpointConfig} that {@code configLoader} starts too.
   */
  static ScrapeHandler configure(
      ServletConfig config, Supplier<EndpointConfig.Loader> configLoader)
      throws ServletException {
    boolean loadConfig = loadConfig(config);
    MetricsServlet.Builder builder = MetricsServlet.builder();
    Map<String, String> configProperties = new LinkedHashMap<>();
    List<String> names = names(config);
    if (names.contains("basicAuthFile") && names.contains("bearerTokenFile")) {
      throw new ServletException(
          "init-parameters basicAuthFile and bearerTokenFile are both set; set one of them");
    }
    for (String name : names) {
      String value = config.getInitParameter(name).strip();
      if (name.startsWith(CONFIG_PREFIX)) {
        if (!loadConfig) {
          // The value is not shown: it may be a credential.
          throw new ServletException(
              "init-parameter " + name + " is read only when init-parameter config is true: "
                  + (config.getInitParameter(CONFIG) == null
                      ? "config is not set"
                      : "config is \"" + config.getInitParameter(CONFIG).strip() + "\""));
        }
        configProperties.put(name, value);
        continue;
      }
      if (name.equals(CONFIG)) {
        continue;
      }
      Option option = OPTIONS.get(name);
      if (option == null) {
        throw new ServletException(
            "init-parameter must be one of " + VALID_NAMES + ": \"" + name + "\"");
      }
      if (loadConfig && SET_BY_CONFIG.containsKey(name)) {
        throw new ServletException(
            "init-parameter " + name + " must not be set when config is true (set "
                + SET_BY_CONFIG.get(name) + " instead): \"" + value + "\"");
      }
      try {
        option.apply(builder, name, value);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new ServletException("init-parameter " + name + ": " + e.getMessage(), e);
      }
    }
    if (loadConfig) {
      try {
        builder.config(configLoader.get().properties(configProperties, "init-parameter").load());
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new ServletException("init-parameter config: " + e.getMessage(), e);
      }
    }
    try {
      return builder.buildHandler();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ServletException("init-parameters: " + e.getMessage(), e);
    }
  }

  /** A servlet built programmatically would silently ignore init-parameters: refuse them. */
  static void requireNone(ServletConfig config) throws ServletException {
    List<String> names = names(config);
    if (!names.isEmpty()) {
      throw new ServletException(
          "init-parameter must not be set on a MetricsServlet created by its builder or"
              + " constructor (configure the builder instead): \""
              + names.get(0)
              + "\"");
    }
  }

  private static List<String> names(ServletConfig config) {
    List<String> names =
        config == null || config.getInitParameterNames() == null
            ? new ArrayList<>()
            : Collections.list(config.getInitParameterNames());
    names.sort(null);
    return names;
  }

  private static boolean loadConfig(ServletConfig config) throws ServletException {
    String value = config == null ? null : config.getInitParameter(CONFIG);
    if (value == null) {
      return false;
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new ServletException(
            "init-parameter config must be true or false: \"" + value.strip() + "\"");
    }
  }

  private static Path file(String name, String value) throws ServletException {
    if (value.isEmpty()) {
      throw new ServletException("init-parameter " + name + " must name a file: \"\"");
    }
    return Path.of(value);
  }

  private static int parseInt(String name, String value) throws ServletException {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ServletException(
          "init-parameter " + name + " must be an integer: \"" + value + "\"", e);
    }
  }

}
