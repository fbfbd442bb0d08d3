package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.ScrapeRequest;
import io.github.checkmetrics.exposition.internal.ServletSupport;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** An {@link HttpServletRequest} as the scrape handler reads it; copies nothing but the path. */
final class ServletScrapeRequest implements ScrapeRequest {

  private final HttpServletRequest request;
  private final String path;

  ServletScrapeRequest(HttpServletRequest request) {
    this.request = request;
    this.path =
        ServletSupport.pathInWebApplication(
            request.getRequestURI(), request.getContextPath(), request.getServletPath(),
            request.getPathInfo());
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
}
