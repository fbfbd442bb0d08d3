package io.github.checkmetrics.exposition;

import java.util.List;

/**
 * An HTTP request as {@link ScrapeHandler} reads it; an adapter implements it over its own request
 * type without copying (a JDK {@code HttpExchange}, a Servlet {@code HttpServletRequest}).
 *
 * <pre>{@code
 * ScrapeRequest request = new ScrapeRequest() {
 *   public String method() { return exchange.getRequestMethod(); }
 *   public String path() { return exchange.getRequestURI().getRawPath(); }
 *   public String rawQuery() { return exchange.getRequestURI().getRawQuery(); }
 *   public List<String> headers(String name) {
 *     List<String> values = exchange.getRequestHeaders().get(name);
 *     return values == null ? List.of() : values;
 *   }
 * };
 * }</pre>
 *
 * <p>The handler calls these methods on the thread that called it and keeps no reference to the
 * request afterwards, so an implementation needs no synchronisation.
 */
public interface ScrapeRequest {

  /**
   * The request method.
   *
   * @return the method as sent, for example {@code "GET"}; compared case-sensitively, as RFC 9110
   *     section 9.1 says
   */
  String method();

  /**
   * The request path.
   *
   * @return the raw (still percent-encoded) path without query string, for example {@code
   *     "/metrics"}; used only by {@link ScrapeHandler#handle(ScrapeRequest)} to route
   */
  String path();

  /**
   * The query string.
   *
   * @return the raw (still percent-encoded) query without the leading {@code ?}, or null when the
   *     request has none
   */
  String rawQuery();

  /**
   * The values of one request header.
   *
   * @param name the header name, matched case-insensitively, for example {@code "Accept"}
   * @return every value of that header in the order received (one element per header line), or an
   *     empty list when it is absent; never null
   */
  List<String> headers(String name);
}
