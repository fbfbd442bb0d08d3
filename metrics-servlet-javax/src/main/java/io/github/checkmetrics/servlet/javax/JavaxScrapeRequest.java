package io.github.checkmetrics.servlet.javax;

import io.github.checkmetrics.exposition.ScrapeRequest;
import io.github.checkmetrics.exposition.internal.ServletSupport;
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
