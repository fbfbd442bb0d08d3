package io.github.checkmetrics.httpserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.ScrapeRequest;
import io.github.checkmetrics.exposition.ScrapeResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Translates a JDK {@link HttpExchange} to the {@link ScrapeHandler} and back; nothing more. */
final class ExchangeHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  private static final byte[] BUSY =
      "Service Unavailable: too many concurrent requests\n".getBytes(StandardCharsets.UTF_8);

  private final ScrapeHandler handler;

  ExchangeHandler(ScrapeHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try (exchange) {
      if (WorkerPool.saturated()) {
        busy(exchange);
      } else {
        send(exchange, handler.handle(new ExchangeRequest(exchange)));
      }
    } catch (IOException e) {
      // The client went away mid-response; closing the exchange drops the connection.
      LOG.debug("Writing the response to {} failed", exchange.getRemoteAddress(), e);
    }
  }

  private static void send(HttpExchange exchange, ScrapeResponse response) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    response.headers().forEach(headers::set);
    long length = response.contentLength();
    if (response.hasBody()) {
      exchange.sendResponseHeaders(response.status(), length == 0 ? -1 : length);
      response.writeBodyTo(exchange.getResponseBody());
    } else {
      // HEAD: the length a GET would get, and no body (RFC 9110 section 9.3.2).
      headers.set("Content-Length", Long.toString(length));
      exchange.sendResponseHeaders(response.status(), -1);
    }
  }

  private static void busy(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "text/plain; charset=utf-8");
    headers.set("Retry-After", "1");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(503, head ? -1 : BUSY.length);
    if (!head) {
      exchange.getResponseBody().write(BUSY);
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
