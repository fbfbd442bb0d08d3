package io.github.checkmetrics.examples;

import io.github.checkmetrics.httpserver.MetricsServer;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.runner.CheckRunner;
import io.github.checkmetrics.runner.HttpProbe;
import io.github.checkmetrics.runner.ScheduledCheck;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The demo: checks against real HTTP endpoints, exposed for Prometheus, in one command.
 *
 * <pre>{@code
 * mvn -B -q -DskipTests package && java -jar examples/target/checkmetrics-demo.jar
 * }</pre>
 *
 * <p>It starts three HTTP targets of its own on loopback (healthy, slow, failing with 500), runs an
 * {@link HttpProbe} against each of them and against every {@code --target} with a {@link
 * CheckRunner}, registers client_java's JVM and process metrics, and serves everything with a
 * {@link MetricsServer} at {@code http://localhost:9400/metrics}, whose health path answers
 * {@code OK} once every check has run. It prints one summary line per round and stops cleanly on
 * Ctrl-C. {@code --help} lists the options.
 */
public final class Demo implements AutoCloseable {

  /** User targets slower than this are degraded. */
  static final Duration TARGET_DEGRADED_AFTER = Duration.ofSeconds(1);

  private final DemoTargets targets;
  private final CheckRunner runner;
  private final MetricsServer server;

  private Demo(DemoTargets targets, CheckRunner runner, MetricsServer server) {
    this.targets = targets;
    this.runner = runner;
    this.server = server;
  }

  /**
   * Runs the demo until the JVM is stopped (Ctrl-C).
   *
   * @param args the options, see {@code --help}
   */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err, Demo::untilStopped);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Parses the command line, starts the demo, hands it to {@code whileRunning} and closes it.
   *
   * @return the exit code: 0, 1 when the demo cannot start, 2 for a bad command line
   */
  static int run(String[] args, PrintStream out, PrintStream err, Consumer<Demo> whileRunning) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (DemoOptions.UsageException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.print(DemoOptions.USAGE);
      err.flush();
      return 2;
    }
    if (options.help) {
      out.print(DemoOptions.USAGE);
      out.flush();
      return 0;
    }
    Demo demo;
    try {
      demo = start(options, out);
    } catch (StartException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 1;
    }
    try {
      whileRunning.accept(demo);
    } finally {
      demo.close();
    }
    return 0;
  }

  static Demo start(DemoOptions options, PrintStream out) throws StartException {
    DemoTargets targets;
    try {
      targets = DemoTargets.start();
    } catch (IOException e) {
      throw new StartException("cannot start the demo's own targets: " + e.getMessage());
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();

    List<ScheduledCheck> checks = new ArrayList<>();
    checks.add(ownTarget(options, targets, "demo-healthy", "Demo healthy target", "/healthy"));
    checks.add(ownTarget(options, targets, "demo-slow", "Demo slow target", "/slow"));
    checks.add(ownTarget(options, targets, "demo-failing", "Demo failing target", "/failing"));
    for (int i = 0; i < options.targets.size(); i++) {
      checks.add(userTarget(options, "target-" + (i + 1), options.targets.get(i)));
    }
    List<String> ids = checks.stream().map(c -> c.check().id()).toList();
    RoundSummary summary = new RoundSummary(ids, out);
    CheckRunner runner =
        CheckRunner.builder(metrics).region(options.region).onResult(summary::onResult).build();
    checks.forEach(runner::add);

    MetricsServer server;
    try {
      server =
          MetricsServer.builder()
              .host(options.host)
              .port(options.port)
              .registry(registry)
              .healthCheck(runner::isHealthy)
              .buildAndStart();
    } catch (UncheckedIOException | IllegalArgumentException e) {
      runner.close();
      targets.close();
      throw new StartException(bindFailure(options, e));
    }
    String base = "http://" + displayHost(options.host) + ":" + server.port();
    out.println("checkmetrics demo: serving metrics at " + base + "/metrics");
    out.println("  health at " + base + "/-/healthy (OK once every check has run)");
    out.println(
        "  "
            + checks.size()
            + " checks every "
            + DemoOptions.format(options.interval)
            + " (timeout "
            + DemoOptions.format(options.timeout)
            + ") in region "
            + options.region
            + ":");
    for (ScheduledCheck check : checks) {
      out.printf("    %-13s %s%n", check.check().id(), ((HttpProbe) check.probe()).url());
    }
    out.println("  Ctrl-C to stop.");
    out.flush();
    runner.start();
    return new Demo(targets, runner, server);
  }

  private static ScheduledCheck ownTarget(
      DemoOptions options, DemoTargets targets, String id, String name, String path) {
    HttpProbe probe =
        HttpProbe.builder(targets.url(path)).degradedThreshold(DemoTargets.DEGRADED_AFTER).build();
    // The name holds no port: the targets' port changes at every start, a label should not.
    Check check = Check.builder(id).name(name).type("http").build();
    return scheduled(options, check, probe);
  }

  private static ScheduledCheck userTarget(DemoOptions options, String id, URI url) {
    String name = url.toString();
    if (name.length() > 256) {
      name = name.substring(0, 253) + "...";
    }
    HttpProbe probe =
        HttpProbe.builder(url.toString()).degradedThreshold(TARGET_DEGRADED_AFTER).build();
    return scheduled(options, Check.builder(id).name(name).type("http").build(), probe);
  }

  private static ScheduledCheck scheduled(DemoOptions options, Check check, HttpProbe probe) {
    return ScheduledCheck.builder(check, probe)
        .interval(options.interval)
        .timeout(options.timeout)
        .build();
  }

  private static String bindFailure(DemoOptions options, RuntimeException e) {
    if (e instanceof IllegalArgumentException) {
      return "--host does not resolve to an address: \"" + options.host + "\"";
    }
    if (e.getCause() instanceof BindException) {
      return "cannot serve metrics on "
          + options.host
          + ":"
          + options.port
          + ": the port is in use or not available (choose another with --port, 0 for a free"
          + " one)";
    }
    return "cannot serve metrics on " + options.host + ":" + options.port + ": " + e.getMessage();
  }

  private static String displayHost(String host) {
    return host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host;
  }

  /** Blocks until the JVM shuts down; the shutdown hook closes the demo. */
  private static void untilStopped(Demo demo) {
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping...");
                  demo.close();
                  System.out.println("Stopped.");
                  System.out.flush();
                },
                "demo-shutdown"));
    try {
      forever.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** @return the port the metrics are served on */
  int port() {
    return server.port();
  }

  /** @return the runner of the demo's checks */
  CheckRunner runner() {
    return runner;
  }

  /** Stops the checks (waiting for running ones), the metrics endpoint and the targets. */
  @Override
  public void close() {
    runner.close();
    server.close();
    targets.close();
  }

  /** The demo cannot start; the message says why. */
  static final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    StartException(String message) {
      super(message);
    }
  }
}
