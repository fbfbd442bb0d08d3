package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.httpserver.MetricsServer;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Serves a registry of {@code checks} checks × 3 regions on 127.0.0.1 until killed, for {@code
 * benchmarks/http-bench.sh}: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.checkmetrics.benchmarks.HttpTarget checkmetrics|clientjava PORT [CHECKS]}.
 *
 * <p>{@code checkmetrics} serves it with {@link MetricsServer} and its defaults; {@code
 * clientjava} with client_java's own {@link HTTPServer} ({@code
 * prometheus-metrics-exporter-httpserver}, the same client_java version) and its defaults.
 */
public final class HttpTarget {

  private static final String HOST = "127.0.0.1";

  private HttpTarget() {}

  /**
   * Starts the server and blocks.
   *
   * @param args the server ({@code checkmetrics} or {@code clientjava}), the port, optionally
   *     the number of checks (default 1000)
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2 || args.length > 3) {
      throw new IllegalArgumentException(
          "usage: HttpTarget checkmetrics|clientjava PORT [CHECKS], got " + args.length
              + " arguments");
    }
    int port = Integer.parseInt(args[1]);
    int checks = args.length == 3 ? Integer.parseInt(args[2]) : 1000;
    PrometheusRegistry registry = Scrapes.checkMetricsOnly(checks);
    AutoCloseable server;
    switch (args[0]) {
      case "checkmetrics":
        server = MetricsServer.builder().host(HOST).port(port).registry(registry).buildAndStart();
        break;
      case "clientjava":
        try {
          server = HTTPServer.builder().hostname(HOST).port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
          throw new UncheckedIOException("client_java's HTTPServer did not start on " + port, e);
        }
        break;
      default:
        throw new IllegalArgumentException(
            "server must be checkmetrics or clientjava: \"" + args[0] + "\"");
    }
    System.out.printf(Locale.ROOT, "%s serving %d checks x %d regions on http://%s:%d/metrics%n",
        args[0], checks, Fixtures.REGIONS.length, HOST, port);
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server), "http-target-stop"));
    new CountDownLatch(1).await(); // until the script stops this process
  }

  private static void close(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the server failed", e);
    }
  }
}
