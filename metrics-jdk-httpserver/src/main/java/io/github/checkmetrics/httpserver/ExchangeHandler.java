package io.github.checkmetrics.httpserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.ScrapeRequest;
import io.github.checkmetrics.exposition.ScrapeResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates a JDK {@link HttpExchange} to the {@link ScrapeHandler} and back, telling the {@link
 * ExchangeGuard} where the exchange is.
 *
 * <p>When writing fails (the client went away) the {@link IOException} is rethrown on purpose: the
 * JDK server then closes the connection <em>and forgets it</em>. Swallowed, the JDK would only
 * close the socket and keep the connection, with its buffers, in its own sets for good.
 */
final class ExchangeHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

  private final ScrapeHandler handler;

  ExchangeHandler(ScrapeHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    ExchangeGuard guard = ExchangeGuard.current();
    if (guard != null) {
      guard.handling();
    }
    ScrapeResponse response = answer(exchange);
    // A request body is never read: waiting for one a client announced and never sends would hold
    // the thread (the JDK drains up to 64 KiB when an exchange closes). The response is sent, then
    // the connection closed.
    boolean requestBody = hasBody(exchange.getRequestHeaders());
    if (requestBody) {
      exchange.getResponseHeaders().set("Connection", "close");
    }
    if (guard != null) {
      guard.writing();
    }
    send(exchange, response, guard);
    if (requestBody) {
      exchange.getResponseBody().flush();
      throw new IOException("request with a body: connection closed after the response");
    }
    exchange.close();
  }

  /** The handler's answer. */
  private ScrapeResponse answer(HttpExchange exchange) throws IOException {
    ExchangeRequest request = new ExchangeRequest(exchange);
    try {
      return handler.handle(request);
    } catch (RuntimeException | Error e) {
      // The handler answers every failure of collecting itself; this is a defect of ours.
      LOG.error("Answering {} failed; its connection was closed", request.path(), e);
      throw new IOException("answering failed", e);
    }
  }

  private static boolean hasBody(Headers headers) {
    String length = headers.getFirst("Content-Length");
    return headers.containsKey("Transfer-Encoding")
        || (length != null && !length.strip().equals("0"));
  }

  private static void send(HttpExchange exchange, ScrapeResponse response, ExchangeGuard guard)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    response.headers().forEach(headers::set);
    long length = response.contentLength();
    if (response.hasBody()) {
      exchange.sendResponseHeaders(response.status(), length == 0 ? -1 : length);
      OutputStream body = exchange.getResponseBody();
      response.writeBodyTo(guard == null ? body : guard.watch(body));
    } else {
      // HEAD: the length a GET would get, and no body (RFC 9110 section 9.3.2).
      headers.set("Content-Length", Long.toString(length));
      exchange.sendResponseHeaders(response.status(), -1);
    }
  }

  private static final class ExchangeRequest implements ScrapeRequest {
    private final HttpExchange exchange;

    ExchangeRequest(HttpExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public String method() {
      return exchange.getRequestMethod();
    }

    @Override
    public String path() {
      return exchange.getRequestURI().getRawPath();
    }

    @Override
    public String rawQuery() {
      return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public List<String> headers(String name) {
      List<String> values = exchange.getRequestHeaders().get(name);
      return values == null ? List.of() : values;
    }
  }
}
