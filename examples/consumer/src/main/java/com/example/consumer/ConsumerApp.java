package com.example.consumer;

import io.github.checkmetrics.httpserver.MetricsServer;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import java.time.Duration;

/**
 * An application that takes checkmetrics from a Maven repository: it registers one check, records
 * one run of it and serves client_java's default registry with the one-liner server.
 *
 * <p>Run it with {@code mvn -f examples/consumer/pom.xml -q compile exec:java} (after installing
 * checkmetrics), then {@code curl http://localhost:9400/metrics}.
 */
public final class ConsumerApp {

  private ConsumerApp() {}

  /**
   * Registers the check {@code orders-db} in client_java's default registry, records one passing
   * run of 42 ms in {@code eu-west-1} and serves the registry on {@code port}, all interfaces.
   *
   * <p>Call it once per JVM: the check's metric families are registered in the default registry.
   *
   * @param port the TCP port, 0 for a free one
   * @return the running server; {@link MetricsServer#close()} stops it
   */
  public static MetricsServer start(int port) {
    CheckMetrics checks = CheckMetrics.builder().build();
    checks.register(Check.builder("orders-db").name("Orders database").type("tcp").build());
    checks.record(
        CheckResult.builder("orders-db", "eu-west-1")
            .outcome(Outcome.PASSED)
            .duration(Duration.ofMillis(42))
            .build());
    return MetricsServer.start(port);
  }

  /**
   * Starts the application on port 9400, or on the port given as the first argument, and serves
   * until the JVM is stopped.
   *
   * @param args an optional port
   * @throws InterruptedException when the main thread is interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9400;
    MetricsServer server = start(port);
    System.out.println("Serving http://localhost:" + server.port() + "/metrics (Ctrl-C to stop)");
    // The server's threads are daemons: keep the JVM alive on the main thread.
    Thread.currentThread().join();
  }
}
