package io.github.checkmetrics.servlet.javax;

import io.github.checkmetrics.exposition.ScrapeRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import javax.servlet.http.HttpServletRequest;

/** A javax {@link HttpServletRequest} as the scrape handler reads it; copies nothing but the path. */
final class JavaxScrapeRequest implements ScrapeRequest {

  private final HttpServletRequest request;
  private final String path;

  JavaxScrapeRequest(HttpServletRequest request) {
    this.request = request;
    this.path = pathInWebApplication(request);
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  /** The raw path after the context path, compared as the JDK server compares its raw path. */
  @Override
  public String path() {
    return path;
  }

  @Override
  public String rawQuery() {
    return request.getQueryString();
  }

  @Override
  public List<String> headers(String name) {
    Enumeration<String> values = request.getHeaders(name);
    return values == null ? List.of() : Collections.list(values);
  }

  private static String pathInWebApplication(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String contextPath = request.getContextPath();
    if (uri != null && contextPath != null && uri.startsWith(contextPath)) {
      String path = uri.substring(contextPath.length());
      return path.isEmpty() ? "/" : path;
    }
    // A context path the container reports decoded while the URI is not: fall back to the decoded
    // parts, which is what the mapping matched.
    String pathInfo = request.getPathInfo();
    return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
  }
}
