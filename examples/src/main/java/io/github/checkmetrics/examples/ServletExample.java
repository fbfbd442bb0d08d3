package io.github.checkmetrics.examples;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.servlet.MetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A web application in embedded Jetty 12 that registers {@link MetricsServlet} next to its own
 * servlet and checks two of its own pages every 5 seconds.
 *
 * <pre>{@code
 * java -cp 'examples/target/classes:examples/target/lib/*' \
 *     io.github.checkmetrics.examples.ServletExample [port]
 * curl http://127.0.0.1:8080/metrics
 * }</pre>
 */
public final class ServletExample implements AutoCloseable {

  private final Server server;
  private final ScheduledExecutorService probes;

  private ServletExample(Server server, ScheduledExecutorService probes) {
    this.server = server;
    this.probes = probes;
  }

  /**
   * Starts the example on 127.0.0.1.
   *
   * @param args an optional port, default 8080
   * @throws Exception when Jetty cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = args.length == 1 && args[0].matches("\\d{1,5}") ? Integer.parseInt(args[0]) : -1;
    if (args.length == 0) {
      port = 8080;
    }
    if (port < 0 || port > 65535) {
      System.err.println("usage: ServletExample [port]   (0..65535, default 8080)");
      System.exit(2);
    }
    ServletExample example = start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(example::close));
    System.out.println("Metrics at " + example.uri("/metrics") + " (Ctrl-C stops)");
    example.server.join();
  }

  /**
   * Starts Jetty with the application and the metrics servlet, and the probes.
   *
   * @param port the TCP port on loopback, 0 for a free one
   * @return the running example
   * @throws Exception when Jetty cannot start
   */
  static ServletExample start(int port) throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics checks = CheckMetrics.builder().registry(registry).build();
    checks.register(Check.builder("hello-page").name("Hello page").type("http").build());
    checks.register(Check.builder("missing-page").name("Missing page").type("http").build());

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new HelloServlet(), "/hello");
    // The one line this example is about: the metrics endpoint of the application.
    context.addServlet(
        new MetricsServlet(
            ScrapeHandler.builder().registry(registry).constantLabel("service", "example").build()),
        "/metrics");
    server.setHandler(context);
    server.start();

    ScheduledExecutorService probes =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "example-probes");
              thread.setDaemon(true);
              return thread;
            });
    ServletExample example = new ServletExample(server, probes);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    probes.scheduleWithFixedDelay(
        () -> {
          checks.measure("hello-page", "local", () -> probe(client, example.uri("/hello")));
          checks.measure("missing-page", "local", () -> probe(client, example.uri("/missing")));
        },
        0,
        5,
        TimeUnit.SECONDS);
    return example;
  }

  /** The URI of {@code path} on the running server. */
  URI uri(String path) {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Stops the probes and Jetty. */
  @Override
  public void close() {
    probes.shutdownNow();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop Jetty", e);
    }
  }

  private static Outcome probe(HttpClient client, URI uri) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    return status == 200 ? Outcome.PASSED : Outcome.FAILED;
  }

  /** The application's own page. */
  private static final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("text/plain; charset=utf-8");
      response.getWriter().write("Hello\n");
    }
  }
}
