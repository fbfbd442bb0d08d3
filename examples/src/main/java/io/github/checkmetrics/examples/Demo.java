package io.github.checkmetrics.examples;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.httpserver.MetricsServer;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.runner.CheckRunner;
import io.github.checkmetrics.runner.HttpProbe;
import io.github.checkmetrics.runner.ScheduledCheck;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
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
 *
 * <p>The endpoint reads its settings as any application would, through {@link EndpointConfig}
 * ({@code checkmetrics.*} system properties, {@code CHECKMETRICS_*} environment variables, a
 * properties file), over the demo's own defaults and under its command line (see {@code
 * DemoEndpoint}): a bearer token or basic auth, HTTPS, constant labels, JVM and process metrics
 * on or off, and the check families to keep are all configuration.
 *
 * <pre>{@code
 * CHECKMETRICS_CONSTANT_LABELS=env=demo java -jar examples/target/checkmetrics-demo.jar \
 *     --bearer-token-file examples/prometheus/secured/demo-token
 * }</pre>
 */
public final class Demo implements AutoCloseable {

  /** User targets slower than this are degraded. */
  static final Duration TARGET_DEGRADED_AFTER = Duration.ofSeconds(1);

  /** The demo's own targets; null in tenant mode. */
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
    int code = run(args, EndpointConfig.loader(), System.out, System.err, Demo::untilStopped);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Parses the command line, reads the configuration through {@code config}, starts the demo,
   * hands it to {@code whileRunning} and closes it.
   *
   * @param config the loader of the endpoint configuration: {@link EndpointConfig#loader()}, or
   *     one over a test's own environment and system properties
   * @return the exit code: 0, 1 when the demo cannot start, 2 for a bad command line or
   *     configuration
   */
  static int run(
      String[] args,
      EndpointConfig.Loader config,
      PrintStream out,
      PrintStream err,
      Consumer<Demo> whileRunning) {
    DemoOptions options;
    DemoTenants tenants;
    DemoEndpoint endpoint;
    try {
      options = DemoOptions.parse(args);
      if (options.help) {
        out.print(DemoOptions.USAGE);
        out.flush();
        return 0;
      }
      tenants = options.tenantsFile == null ? null : tenants(options.tenantsFile);
      endpoint = DemoEndpoint.settle(options, tenants, config);
    } catch (DemoOptions.UsageException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.print(DemoOptions.USAGE);
      err.flush();
      return 2;
    }
    Demo demo;
    try {
      demo = start(options, tenants, endpoint, out);
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

  private static DemoTenants tenants(Path file) throws DemoOptions.UsageException {
    try {
      return DemoTenants.read(file);
    } catch (DemoOptions.UsageException e) {
      throw new DemoOptions.UsageException("--tenants-file: " + e.getMessage());
    }
  }

  /**
   * Starts the demo.
   *
   * @param tenants the tenants of {@code --tenants-file}, or null: the demo's own targets
   */
  static Demo start(
      DemoOptions options, DemoTenants tenants, DemoEndpoint endpoint, PrintStream out)
      throws StartException {
    DemoTargets targets = null;
    if (tenants == null) {
      try {
        targets = DemoTargets.start();
      } catch (IOException e) {
        throw new StartException("cannot start the demo's own targets: " + e.getMessage());
      }
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    endpoint.registerInstrumentation(registry);
    CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).build();

    List<ScheduledCheck> checks = new ArrayList<>();
    if (tenants == null) {
      checks.add(ownTarget(options, targets, "demo-healthy", "Demo healthy target", "/healthy"));
      checks.add(ownTarget(options, targets, "demo-slow", "Demo slow target", "/slow"));
      checks.add(ownTarget(options, targets, "demo-failing", "Demo failing target", "/failing"));
      for (int i = 0; i < options.targets.size(); i++) {
        checks.add(userTarget(options, "target-" + (i + 1), options.targets.get(i)));
      }
    } else {
      for (DemoTenants.Tenant tenant : tenants.tenants()) {
        for (int i = 0; i < tenant.checks().size(); i++) {
          checks.add(userTarget(options, tenant.checks().get(i), tenant.urls().get(i)));
        }
      }
    }
    List<String> ids = checks.stream().map(c -> c.check().id()).toList();
    RoundSummary summary = new RoundSummary(ids, out);
    CheckRunner runner =
        CheckRunner.builder(metrics).region(options.region).onResult(summary::onResult).build();
    checks.forEach(runner::add);

    MetricsServer server;
    try {
      server = endpoint.start(metrics, runner::isHealthy);
    } catch (StartException e) {
      runner.close();
      if (targets != null) {
        targets.close();
      }
      throw e;
    }
    String base = endpoint.scheme() + "://" + endpoint.displayHost() + ":" + server.port();
    if (tenants == null) {
      out.println("checkmetrics demo: serving metrics at " + base + endpoint.path());
    } else {
      out.println(
          "checkmetrics demo: serving each tenant its own checks at "
              + base
              + DemoEndpoint.TENANT_PATH
              + " (Authorization: Bearer TOKEN) and at "
              + base
              + endpoint.path()
              + " (basic auth TENANT:TOKEN)");
    }
    out.println(
        "  health at " + base + DemoEndpoint.HEALTH_PATH + " (OK once every check has run)");
    if (endpoint.credentials() != null) {
      out.println("  scrapes need credentials: " + endpoint.credentials());
    }
    if (!endpoint.constantLabels().isEmpty()) {
      out.println("  constant labels on every series: " + endpoint.constantLabels());
    }
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
    return userTarget(options, Check.builder(id).name(checkName(url)).type("http").build(), url);
  }

  private static ScheduledCheck userTarget(DemoOptions options, Check check, URI url) {
    HttpProbe probe =
        HttpProbe.builder(url.toString()).degradedThreshold(TARGET_DEGRADED_AFTER).build();
    return scheduled(options, check, probe);
  }

  /** @return the name of the check of a URL: the URL, cut to the 256 characters a name may have */
  static String checkName(URI url) {
    String name = url.toString();
    return name.length() > 256 ? name.substring(0, 253) + "..." : name;
  }

  private static ScheduledCheck scheduled(DemoOptions options, Check check, HttpProbe probe) {
    return ScheduledCheck.builder(check, probe)
        .interval(options.interval)
        .timeout(options.timeout)
        .build();
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
    if (targets != null) {
      targets.close();
    }
  }

  /** The demo cannot start; the message says why. */
  static final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    StartException(String message) {
      super(message);
    }
  }
}
