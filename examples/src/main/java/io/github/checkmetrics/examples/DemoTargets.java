package io.github.checkmetrics.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's own HTTP targets on loopback and a free port: {@code /healthy} answers 200 at once,
 * {@code /slow} answers 200 after {@link #SLOW_DELAY}, {@code /failing} answers 500.
 */
final class DemoTargets implements AutoCloseable {

  /** How long the slow target waits before it answers; longer than {@link #DEGRADED_AFTER}. */
  static final Duration SLOW_DELAY = Duration.ofMillis(400);

  /** A run of the demo's targets slower than this is degraded. */
  static final Duration DEGRADED_AFTER = Duration.ofMillis(200);

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DemoTargets(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static DemoTargets start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/healthy", exchange -> answer(exchange, 200, "OK\n"));
    server.createContext(
        "/slow",
        exchange -> {
          try {
            Thread.sleep(SLOW_DELAY.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(exchange, 200, "OK, eventually\n");
        });
    server.createContext("/failing", exchange -> answer(exchange, 500, "Internal Server Error\n"));
    // Its own small pool, so that the slow target never holds up the others.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            3,
            task -> {
              Thread thread = new Thread(task, "demo-target-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.start();
    return new DemoTargets(server, executor);
  }

  /** @return the URL of a path of the targets, such as {@code http://127.0.0.1:40123/slow} */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
