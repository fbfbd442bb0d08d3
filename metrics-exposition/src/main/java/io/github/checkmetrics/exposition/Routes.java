package io.github.checkmetrics.exposition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The paths a {@link ScrapeHandler} answers, each with its {@link Route}, and the one rule of what
 * a path may be. A path matches exactly ({@code /metricsfoo} is not {@code /metrics}); a path
 * template names whole segments in braces ({@code /accounts/{tenant}/metrics}), each matching one
 * non-empty segment, which the route receives by name. Exact paths win over templates; templates
 * are tried in the order they were added.
 *
 * <p>Immutable once built; thread-safe.
 */
final class Routes {

  /** What a path must look like: absolute, without query or fragment. */
  static final String PATH_RULE = "/[^?#\\s]*";

  private static final Pattern PATH = Pattern.compile(PATH_RULE);
  private static final Pattern VARIABLE = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

  /** Answers the requests of one path. */
  interface Route {
    /**
     * Answers a request whose path matched.
     *
     * @param variables the template's segments by name; empty for an exact path
     */
    ScrapeResponse answer(ScrapeRequest request, Map<String, String> variables);
  }

  private final Map<String, Route> exact;
  private final List<Template> templates;

  private Routes(Map<String, Route> exact, List<Template> templates) {
    this.exact = Map.copyOf(exact);
    this.templates = List.copyOf(templates);
  }

  /** Whether {@code path} follows {@link #PATH_RULE}. */
  static boolean isPath(String path) {
    return PATH.matcher(path).matches();
  }

  /**
   * Accepts an absolute path without query or fragment.
   *
   * @param option the option as a message names it, such as {@code metrics path}
   * @throws NullPointerException when {@code path} is null
   * @throws IllegalArgumentException when {@code path} does not follow {@link #PATH_RULE}
   */
  static String requirePath(String path, String option) {
    Objects.requireNonNull(path, "path");
    if (!isPath(path)) {
      throw new IllegalArgumentException(option + " must match " + PATH_RULE + ": \"" + path + "\"");
    }
    return path;
  }

  /** Whether {@code path} names a segment in braces, such as {@code /accounts/{tenant}/metrics}. */
  static boolean isTemplate(String path) {
    return path.indexOf('{') >= 0;
  }

  /**
   * The route of a request's path and the template's segments; null when no route has the path.
   */
  Match match(String path) {
    Route route = exact.get(path);
    if (route != null) {
      return new Match(route, Map.of());
    }
    for (Template template : templates) {
      Map<String, String> variables = template.match(path);
      if (variables != null) {
        return new Match(template.route, variables);
      }
    }
    return null;
  }

  /** A route and the segments its template matched. */
  record Match(Route route, Map<String, String> variables) {
    ScrapeResponse answer(ScrapeRequest request) {
      return route.answer(request, variables);
    }
  }

  /** Collects the routes of a handler; paths were checked by their options already. */
  static final class Builder {
    private final Map<String, Route> exact = new LinkedHashMap<>();
    private final List<Template> templates = new ArrayList<>();

    /**
     * Adds a route.
     *
     * @throws IllegalStateException when another route has the path
     */
    Builder add(String path, Route route, String option) {
      if (exact.containsKey(path) || templates.stream().anyMatch(t -> t.path.equals(path))) {
        throw new IllegalStateException(
            option + " must differ from the other paths of the handler: \"" + path + "\"");
      }
      if (isTemplate(path)) {
        templates.add(Template.parse(path, route, option));
      } else {
        exact.put(path, route);
      }
      return this;
    }

    Routes build() {
      return new Routes(exact, templates);
    }
  }

  /** A path with named segments. */
  private static final class Template {
    private final String path;
    private final String[] segments;
    /** The variable name of each segment, null where the segment is literal. */
    private final String[] variables;

    private final Route route;

    private Template(String path, String[] segments, String[] variables, Route route) {
      this.path = path;
      this.segments = segments;
      this.variables = variables;
      this.route = route;
    }

    static Template parse(String path, Route route, String option) {
      String[] segments = path.substring(1).split("/", -1);
      String[] variables = new String[segments.length];
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < segments.length; i++) {
        var matcher = VARIABLE.matcher(segments[i]);
        if (matcher.matches()) {
          variables[i] = matcher.group(1);
          if (seen.contains(variables[i])) {
            throw new IllegalArgumentException(
                option + " must name each segment once: \"" + path + "\"");
          }
          seen.add(variables[i]);
        } else if (isTemplate(segments[i]) || segments[i].indexOf('}') >= 0) {
          throw new IllegalArgumentException(
              option + " must hold {name} only as a whole segment, name matching"
                  + " [a-z][a-z0-9_]*: \"" + path + "\"");
        }
      }
      return new Template(path, segments, variables, route);
    }

    /** The segments by name, or null when {@code path} does not match. */
    Map<String, String> match(String path) {
      if (path.isEmpty() || path.charAt(0) != '/') {
        return null;
      }
      String[] parts = path.substring(1).split("/", -1);
      if (parts.length != segments.length) {
        return null;
      }
      Map<String, String> values = null;
      for (int i = 0; i < parts.length; i++) {
        if (variables[i] == null) {
          if (!segments[i].equals(parts[i])) {
            return null;
          }
        } else {
          if (parts[i].isEmpty()) {
            return null;
          }
          if (values == null) {
            values = new LinkedHashMap<>();
          }
          values.put(variables[i], parts[i]);
        }
      }
      return values == null ? Map.of() : values;
    }
  }
}
