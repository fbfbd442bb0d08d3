package io.github.checkmetrics.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks at {@code init()} that the container can route the metrics path to the servlet at all, by
 * the mapping rules of the <a
 * href="https://jakarta.ee/specifications/servlet/6.0/jakarta-servlet-spec-6.0#specification-of-mappings">Servlet
 * 6.0 specification, section 12.2</a>.
 */
final class ServletMappings {

  private ServletMappings() {}

  /**
   * Fails when none of the servlet's mappings matches {@code metricsPath}; does nothing when the
   * container does not tell the mappings.
   */
  static void requireReachable(ServletContext context, String servletName, String metricsPath)
      throws ServletException {
    Collection<String> mappings = mappings(context, servletName);
    if (mappings.isEmpty()) {
      return;
    }
    for (String pattern : mappings) {
      if (matches(pattern, metricsPath)) {
        return;
      }
    }
    List<String> sorted = new ArrayList<>();
    for (String pattern : mappings) {
      sorted.add('"' + pattern + '"');
    }
    sorted.sort(null);
    throw new ServletException(
        "metricsPath \""
            + metricsPath
            + "\" must be matched by a url-pattern of servlet \""
            + servletName
            + "\": "
            + sorted);
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

  private static Collection<String> mappings(ServletContext context, String servletName) {
    if (context == null || servletName == null) {
      return List.of();
    }
    ServletRegistration registration;
    try {
      registration = context.getServletRegistration(servletName);
    } catch (UnsupportedOperationException e) {
      // Allowed by the specification for some callers; then only requests can tell (404).
      return List.of();
    }
    return registration == null || registration.getMappings() == null
        ? List.of()
        : registration.getMappings();
  }
}
