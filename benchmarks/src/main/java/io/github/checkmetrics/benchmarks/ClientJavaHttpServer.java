package io.github.checkmetrics.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP peer "client_java's {@code HTTPServer}": client_java's own {@link
 * PrometheusScrapeHandler} (exporter-common 1.9.0: negotiation, {@code name[]}, gzip, the
 * writers) on a JDK {@link HttpServer} set up as {@code HTTPServer} 1.8.0 sets it up (backlog 3, a
 * pool of 1 to 10 daemon threads over a queue of 100, its two {@code sun.net.httpserver}
 * timeouts). {@code prometheus-metrics-exporter-httpserver} does not resolve at 1.9.0 here; its
 * {@code HTTPServer} is this handler on this server, plus a thin adapter written here.
 */
final class ClientJavaHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  ClientJavaHttpServer(PrometheusRegistry registry, String host, int port) {
    System.setProperty("sun.net.httpserver.maxReqTime", "60");
    System.setProperty("sun.net.httpserver.maxRspTime", "600");
    PrometheusScrapeHandler handler = new PrometheusScrapeHandler(registry);
    executor =
        new ThreadPoolExecutor(
            1,
            10,
            120,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(100),
            runnable -> {
              Thread thread = new Thread(runnable, "client-java-http");
              thread.setDaemon(true);
              return thread;
            });
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 3);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> handler.handleRequest(new Exchange(exchange)));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
  }

  /** client_java's view of one JDK exchange. */
  private static final class Exchange
      implements PrometheusHttpExchange, PrometheusHttpRequest, PrometheusHttpResponse {
    private final HttpExchange exchange;

    Exchange(HttpExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public PrometheusHttpRequest getRequest() {
      return this;
    }

    @Override
    public PrometheusHttpResponse getResponse() {
      return this;
    }

    @Override
    public String getQueryString() {
      return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      List<String> values = exchange.getRequestHeaders().get(name);
      return values == null ? Collections.emptyEnumeration() : Collections.enumeration(values);
    }

    @Override
    public String getMethod() {
      return exchange.getRequestMethod();
    }

    @Override
    public String getRequestPath() {
      return exchange.getRequestURI().getPath();
    }

    @Override
    public void setHeader(String name, String value) {
      exchange.getResponseHeaders().set(name, value);
    }

    @Override
    public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength)
        throws IOException {
      exchange.sendResponseHeaders(statusCode, contentLength);
      return exchange.getResponseBody();
    }

    @Override
    public void handleException(IOException e) throws IOException {
      fail(e);
    }

    @Override
    public void handleException(RuntimeException e) {
      fail(e);
    }

    private void fail(Exception e) {
      // A benchmark must not go on quietly after a failed scrape.
      e.printStackTrace();
      try {
        byte[] body = "scrape failed\n".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(500, body.length);
        exchange.getResponseBody().write(body);
      } catch (IOException | RuntimeException ignored) {
        // the response was already under way; the stack trace above says what happened
      }
    }

    @Override
    public void close() {
      exchange.close();
    }
  }
}
