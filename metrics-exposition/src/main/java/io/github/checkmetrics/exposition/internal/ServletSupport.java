package io.github.checkmetrics.exposition.internal;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The servlet side of the HTTP contract that does not depend on the servlet API's package: both
 * {@code MetricsServlet}s (Jakarta and javax) call it. Not API (see the package).
 *
 * <p>Thread-safe (stateless).
 */
public final class ServletSupport {

  private static final String PREFIX = "checkmetrics.";

  private ServletSupport() {}

  /**
   * The handler a servlet serves after {@code init()}, checked against its mappings.
   *
   * @param given the handler given to the servlet's constructor, or null for one declared in
   *     {@code web.xml}
   * @param loader reads the configuration of a declared servlet (see {@link
   *     #declaredHandler(Map, EndpointConfig.Loader)}); called only when {@code given} is null
   * @param parameterNames the servlet's init-parameter names, null for none
   * @param parameter the value of an init-parameter by name
   * @param mappings the servlet's url-patterns; may throw {@link UnsupportedOperationException}
   *     or give null when the container does not tell them
   * @param servletName the servlet's name, for messages
   * @return the handler
   * @throws IllegalArgumentException or {@link IllegalStateException} with the message the
   *     servlet's {@code ServletException} carries
   */
  public static ScrapeHandler init(
      ScrapeHandler given,
      Supplier<EndpointConfig.Loader> loader,
      Enumeration<String> parameterNames,
      UnaryOperator<String> parameter,
      Supplier<Collection<String>> mappings,
      String servletName) {
    Map<String, String> parameters = new TreeMap<>();
    if (parameterNames != null) {
      Collections.list(parameterNames).forEach(name -> parameters.put(name, parameter.apply(name)));
    }
    ScrapeHandler handler;
    if (given == null) {
      handler = declaredHandler(parameters, loader.get());
    } else if (!parameters.isEmpty()) {
      throw new IllegalArgumentException(
          "init-parameter must not be set on a MetricsServlet created with a registry or a"
              + " handler (configure the handler instead): \""
              + parameters.keySet().iterator().next()
              + "\"");
    } else {
      // Families registered since the handler was built are checked too.
      given.checkConstantLabels();
      handler = given;
    }
    String unreachable = unreachable(mappings(mappings), servletName, handler.metricsPath());
    if (unreachable != null) {
      throw new IllegalArgumentException(unreachable);
    }
    return handler;
  }

  private static Collection<String> mappings(Supplier<Collection<String>> mappings) {
    try {
      Collection<String> patterns = mappings.get();
      return patterns == null ? List.of() : patterns;
    } catch (UnsupportedOperationException e) {
      // Allowed by the specification for some callers; then only requests can tell (404).
      return List.of();
    }
  }

  /**
   * The handler of a servlet built with a registry: the metrics path only, since the health path
   * and the index page belong to the application around it (a servlet mapped at {@code /*} answers
   * 404 there).
   *
   * @param registry the registry to serve
   * @return the handler, serving {@code /metrics}
   */
  public static ScrapeHandler handler(PrometheusRegistry registry) {
    return metricsOnly().registry(registry).build();
  }

  /**
   * The handler of a servlet declared in {@code web.xml}: its init-parameters are {@code
   * checkmetrics.*} keys of {@link EndpointConfig}, one more source over the properties file and
   * under system properties and environment variables; the handler serves the metrics path only.
   *
   * @param initParameters the init-parameters by name, sorted
   * @param loader the loader of the process's other sources
   * @return the handler
   * @throws IllegalArgumentException naming the parameter when one is not a {@code checkmetrics.*}
   *     key, when a key or a value is bad, or when {@code tls.*} keys are set (the container serves
   *     HTTPS)
   * @throws IllegalStateException when keys conflict
   */
  static ScrapeHandler declaredHandler(
      Map<String, String> initParameters, EndpointConfig.Loader loader) {
    for (String name : initParameters.keySet()) {
      if (!name.startsWith(PREFIX)) {
        throw new IllegalArgumentException(
            "init-parameter must be a configuration key (checkmetrics.*, see EndpointConfig): \""
                + name + "\"");
      }
    }
    EndpointConfig config = loader.properties(initParameters, "init-parameter").load();
    if (config.hasTls()) {
      throw new IllegalArgumentException(
          "checkmetrics.tls.keystore must not be set for a servlet: its container serves HTTPS"
              + " (configure TLS on the container's connector): \""
              + config.tlsKeystore().orElseThrow()
              + "\"");
    }
    return metricsOnly().config(config).build();
  }

  private static ScrapeHandler.Builder metricsOnly() {
    return ScrapeHandler.builder().noHealthPath().indexPage(false);
  }

  /**
   * Why the container cannot route the metrics path to the servlet at all, by the mapping rules of
   * the <a
   * href="https://jakarta.ee/specifications/servlet/6.0/jakarta-servlet-spec-6.0#specification-of-mappings">Servlet
   * specification, section 12.2</a>.
   *
   * @param mappings the servlet's url-patterns; empty when the container does not tell them
   * @return the message naming the path and the patterns, or null when a pattern matches (or none
   *     is known)
   */
  static String unreachable(
      Collection<String> mappings, String servletName, String metricsPath) {
    if (mappings.isEmpty()) {
      return null;
    }
    for (String pattern : mappings) {
      if (matches(pattern, metricsPath)) {
        return null;
      }
    }
    List<String> sorted = new ArrayList<>();
    for (String pattern : mappings) {
      sorted.add('"' + pattern + '"');
    }
    sorted.sort(null);
    return "metricsPath \"" + metricsPath + "\" must be matched by a url-pattern of servlet \""
        + servletName + "\": " + sorted;
  }

  /** Whether a url-pattern can route {@code path} (relative to the context path) to its servlet. */
  static boolean matches(String pattern, String path) {
    if (pattern.isEmpty()) {
      return path.equals("/"); // the context root only
    }
    if (pattern.equals("/") || pattern.equals("/*")) {
      return true; // the default servlet, or every path
    }
    if (pattern.startsWith("/") && pattern.endsWith("/*")) {
      String prefix = pattern.substring(0, pattern.length() - 2);
      return path.equals(prefix) || path.startsWith(prefix + "/");
    }
    if (pattern.startsWith("*.")) {
      String lastSegment = path.substring(path.lastIndexOf('/') + 1);
      return lastSegment.endsWith(pattern.substring(1));
    }
    return pattern.equals(path);
  }

  /**
   * The raw path of a request after the context path, compared as the JDK server compares its raw
   * path.
   *
   * @param uri the request URI, still percent-encoded
   * @param contextPath the context path as the container reports it
   * @param servletPath the decoded servlet path, for a context path reported decoded
   * @param pathInfo the decoded path info, or null
   * @return the path within the web application, {@code /} for the context root
   */
  public static String pathInWebApplication(
      String uri, String contextPath, String servletPath, String pathInfo) {
    if (uri != null && contextPath != null && uri.startsWith(contextPath)) {
      String path = uri.substring(contextPath.length());
      return path.isEmpty() ? "/" : path;
    }
    // A context path the container reports decoded while the URI is not: fall back to the decoded
    // parts, which is what the mapping matched.
    return servletPath + (pathInfo == null ? "" : pathInfo);
  }
}
