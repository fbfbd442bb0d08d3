package io.github.checkmetrics.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HTTP targets on a free loopback port: {@code /ok.txt} answers 200 {@code OK}, {@code /failing}
 * 500, {@code /slow} holds the request until {@link #release()} (or 30 s). Closed by the test.
 */
final class LoopbackTargets implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "loopback-target");
    thread.setDaemon(true);
    return thread;
  });
  private final CountDownLatch released = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicInteger held =
      new java.util.concurrent.atomic.AtomicInteger();

  LoopbackTargets() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/ok.txt", exchange -> answer(exchange, 200, "OK\n"));
    server.createContext("/failing", exchange -> answer(exchange, 500, "failing\n"));
    server.createContext(
        "/slow",
        exchange -> {
          held.incrementAndGet();
          try {
            released.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(exchange, 200, "slow\n");
        });
    server.setExecutor(executor);
    server.start();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  /** The URL of a path, such as {@code http://127.0.0.1:40000/ok.txt}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Waits (at most 20 s) until {@code count} requests of {@code /slow} are held. */
  void awaitHeld(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (held.get() < count) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("fewer than " + count + " requests of /slow arrived in 20 s");
      }
      Thread.sleep(20);
    }
  }

  /** Lets every held {@code /slow} request answer. */
  void release() {
    released.countDown();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
