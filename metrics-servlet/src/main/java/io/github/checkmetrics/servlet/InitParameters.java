package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.ScrapeHandler;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  private static final Map<String, Option> OPTIONS = options();

  private InitParameters() {}

  private static Map<String, Option> options() {
    Map<String, Option> options = new TreeMap<>();
    options.put("metricsPath", (builder, name, value) -> builder.metricsPath(value));
    options.put(
        "constantLabels",
        (builder, name, value) -> parseLabels(name, value).forEach(builder::constantLabel));
    options.put(
        "maxQueryLength",
        (builder, name, value) -> builder.maxQueryLength(parseInt(name, value)));
    options.put(
        "maxQueryParameters",
        (builder, name, value) -> builder.maxQueryParameters(parseInt(name, value)));
    return Collections.unmodifiableMap(options);
  }

  /** Builds the handler of a servlet declared in {@code web.xml} from its init-parameters. */
  static ScrapeHandler configure(ServletConfig config) throws ServletException {
    MetricsServlet.Builder builder = MetricsServlet.builder();
    for (String name : names(config)) {
      Option option = OPTIONS.get(name);
      if (option == null) {
        throw new ServletException(
            "init-parameter must be one of "
                + String.join(", ", OPTIONS.keySet())
                + ": \""
                + name
                + "\"");
      }
      String value = config.getInitParameter(name).strip();
      try {
        option.apply(builder, name, value);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new ServletException("init-parameter " + name + ": " + e.getMessage(), e);
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

  private static int parseInt(String name, String value) throws ServletException {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ServletException(
          "init-parameter " + name + " must be an integer: \"" + value + "\"", e);
    }
  }

  private static Map<String, String> parseLabels(String name, String value)
      throws ServletException {
    Map<String, String> labels = new LinkedHashMap<>();
    if (value.isEmpty()) {
      return labels;
    }
    for (String pair : value.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new ServletException(
            "init-parameter "
                + name
                + " must be name=value pairs separated by commas: \""
                + value
                + "\"");
      }
      String label = pair.substring(0, eq).strip();
      if (labels.containsKey(label)) {
        throw new ServletException(
            "init-parameter " + name + ": constant label given twice: \"" + label + "\"");
      }
      labels.put(label, pair.substring(eq + 1).strip());
    }
    return labels;
  }
}
