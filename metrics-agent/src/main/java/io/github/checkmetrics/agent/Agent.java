package io.github.checkmetrics.agent;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.httpserver.MetricsServer;
import io.github.checkmetrics.model.CheckMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkmetrics agent: checks from a YAML file, run on a schedule and served for Prometheus,
 * without writing Java.
 *
 * <pre>{@code
 * java -jar metrics-agent/target/checkmetrics-agent.jar --config checks.yml --port 9400
 * }</pre>
 *
 * <p>It reads the checks file whole (nothing starts when it has an error: the message names the
 * file, line and column), runs its checks with one {@code CheckRunner} per region, and serves them
 * with a {@link MetricsServer} configured by {@link EndpointConfig} (auth, TLS, constant labels,
 * JVM metrics) at the metrics path, beside {@code /probe} (blackbox-style, see {@link ProbeRoute})
 * and {@code POST /-/reload} (see {@link Reloader}), both behind the metrics path's credentials.
 * {@code --once} runs every check one time and prints or pushes the result. SIGTERM stops it
 * cleanly. Exit codes: 0, 1 (a check failed with {@code --once}, or the agent cannot start), 2
 * (bad command line, configuration or checks file), 3 (the push failed).
 */
public final class Agent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  /** What the agent does unless configured otherwise: it is a process, so its own metrics too. */
  static final Map<String, String> DEFAULTS =
      Map.of("checkmetrics.jvm_metrics", "true", "checkmetrics.process_metrics", "true");

  private final AgentChecks checks;
  private final Reloader reloader;
  private final MetricsServer server;

  private Agent(AgentChecks checks, Reloader reloader, MetricsServer server) {
    this.checks = checks;
    this.reloader = reloader;
    this.server = server;
  }

  /**
   * Runs the agent until SIGTERM or Ctrl-C, or runs the checks once with {@code --once}.
   *
   * @param args the options, see {@code --help}
   */
  public static void main(String[] args) {
    int code =
        run(args, EndpointConfig.loader(), System.getenv(), System.out, System.err,
            Agent::untilStopped);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Parses the command line, reads the checks file and the endpoint configuration, and runs.
   *
   * @param config the loader of the endpoint configuration
   * @param environment the environment the loader reads, to find options given twice
   * @param whileRunning gets the started agent; the agent is closed when it returns
   * @return the exit code
   */
  static int run(
      String[] args,
      EndpointConfig.Loader config,
      Map<String, String> environment,
      PrintStream out,
      PrintStream err,
      Consumer<Agent> whileRunning) {
    AgentOptions options;
    try {
      options = AgentOptions.parse(args);
    } catch (AgentOptions.UsageException e) {
      return usage(err, e.getMessage());
    }
    if (options.help) {
      out.print(AgentOptions.USAGE);
      out.flush();
      return 0;
    }
    ChecksFile file;
    EndpointConfig endpoint;
    try {
      file = ChecksFileReader.read(options.config);
      endpoint = endpoint(options, config, environment);
    } catch (ChecksFileException | AgentOptions.UsageException e) {
      return error(err, e.getMessage(), 2);
    }
    if (options.once) {
      return once(options, file, endpoint, out, err);
    }
    Agent agent;
    try {
      agent = start(options, file, endpoint);
    } catch (AgentOptions.UsageException e) {
      return error(err, e.getMessage(), 2);
    } catch (UncheckedIOException e) {
      return error(err, e.getMessage(), 1);
    }
    out.println(
        "checkmetrics agent: "
            + agent.checks.ids().size()
            + " checks of "
            + options.config
            + (options.shard.count() > 1 ? " (shard " + options.shard + ")" : "")
            + " at "
            + (endpoint.hasTls() ? "https" : "http")
            + "://"
            + endpoint.host().orElse("0.0.0.0")
            + ":"
            + agent.port()
            + endpoint.path());
    out.flush();
    try {
      whileRunning.accept(agent);
    } finally {
      agent.close();
    }
    return 0;
  }

  /**
   * The endpoint configuration: the agent's defaults, under the configuration, under --host and
   * --port (given as system properties, so that an environment variable for the same key is
   * reported as a conflict rather than silently winning).
   */
  private static EndpointConfig endpoint(
      AgentOptions options, EndpointConfig.Loader loader, Map<String, String> environment)
      throws AgentOptions.UsageException {
    Properties properties = new Properties();
    properties.putAll(System.getProperties());
    Map<String, String> given = new HashMap<>();
    if (options.host != null) {
      given.put("host", options.host);
    }
    if (options.port != null) {
      given.put("port", Integer.toString(options.port));
    }
    for (Map.Entry<String, String> option : given.entrySet()) {
      String variable = "CHECKMETRICS_" + option.getKey().toUpperCase(java.util.Locale.ROOT);
      if (environment.containsKey(variable)) {
        throw new AgentOptions.UsageException(
            "--" + option.getKey() + " and the environment variable " + variable
                + " are both given; give one of them");
      }
      properties.setProperty("checkmetrics." + option.getKey(), option.getValue());
    }
    try {
      return loader
          .defaults(DEFAULTS)
          .systemProperties(properties)
          .environment(environment)
          .load();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new AgentOptions.UsageException(e.getMessage());
    }
  }

  private static Agent start(AgentOptions options, ChecksFile file, EndpointConfig endpoint)
      throws AgentOptions.UsageException {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).build();
    AgentChecks checks =
        new AgentChecks(metrics, CheckSpec::scheduled, null, Duration.ofSeconds(5));
    checks.apply(file.shard(options.shard));
    Reloader reloader =
        new Reloader(options.config, file, options.shard, checks, registry, Clock.systemUTC());
    ProbeRoute probe =
        new ProbeRoute(
            reloader::current,
            checks.defaultRegion(),
            options.timeoutOffset,
            options.maxConcurrentProbes);
    MetricsServer server;
    try {
      server =
          MetricsServer.builder()
              .config(endpoint)
              .handler(
                  ScrapeHandler.builder()
                      .config(endpoint)
                      .registry(registry)
                      .healthCheck(checks::isHealthy)
                      .route(ProbeRoute.PATH, probe)
                      .route(Reloader.RELOAD_PATH, reloader.route())
                      .build())
              .buildAndStart();
    } catch (IllegalArgumentException | IllegalStateException e) {
      checks.close();
      throw new AgentOptions.UsageException(e.getMessage());
    } catch (UncheckedIOException e) {
      checks.close();
      throw e;
    }
    checks.start();
    if (options.watch) {
      try {
        reloader.watch();
      } catch (IOException e) {
        LOG.warn("cannot watch {} ({}); reload it with POST {}", options.config, e,
            Reloader.RELOAD_PATH);
      }
    }
    return new Agent(checks, reloader, server);
  }

  /** {@code --once}: runs every check one time, prints or pushes the result. */
  private static int once(
      AgentOptions options,
      ChecksFile file,
      EndpointConfig endpoint,
      PrintStream out,
      PrintStream err) {
    Push push;
    try {
      push = push(options);
    } catch (AgentOptions.UsageException e) {
      return error(err, e.getMessage(), 2);
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    boolean passed;
    try (CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).build()) {
      passed = RunOnce.run(file.shard(options.shard), metrics);
      ExpositionFormat format = push != null ? ExpositionFormat.PROMETHEUS_TEXT : options.format;
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      endpoint.expositionWriter(registry).write(body, format);
      if (push == null) {
        body.writeTo(out);
        out.flush();
      } else {
        try {
          push.put(body.toByteArray());
        } catch (IOException e) {
          return error(err, "push to " + push.groupUrl() + " failed: " + e.getMessage(), 3);
        }
      }
    } catch (IOException e) {
      return error(err, "cannot write the results: " + e.getMessage(), 1);
    } catch (IllegalStateException e) {
      // RunOnce: a result that never came (the runner bounds every run by its timeout).
      return error(err, e.getMessage(), 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(err, "interrupted", 1);
    }
    return passed ? 0 : 1;
  }

  private static Push push(AgentOptions options) throws AgentOptions.UsageException {
    if (options.push == null) {
      return null;
    }
    String authorization = null;
    try {
      if (options.pushBearerTokenFile != null) {
        String token =
            Secret.file(options.pushBearerTokenFile).read("--push-bearer-token-file");
        authorization = "Bearer " + token.lines().findFirst().orElse("").strip();
      } else if (options.pushBasicAuthFile != null) {
        String line =
            Secret.file(options.pushBasicAuthFile).read("--push-basic-auth-file")
                .lines().findFirst().orElse("").strip();
        if (line.indexOf(':') <= 0) {
          throw new AgentOptions.UsageException(
              "--push-basic-auth-file must hold a user:password line: "
                  + options.pushBasicAuthFile);
        }
        authorization =
            "Basic "
                + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException e) {
      throw new AgentOptions.UsageException(e.getMessage());
    }
    String instance = options.pushInstance != null ? options.pushInstance : hostName();
    return new Push(options.push, options.pushJob, instance, authorization);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static int usage(PrintStream err, String message) {
    err.println("error: " + message);
    err.println();
    err.print(AgentOptions.USAGE);
    err.flush();
    return 2;
  }

  private static int error(PrintStream err, String message, int code) {
    err.println("error: " + message);
    err.flush();
    return code;
  }

  /** Blocks until the JVM shuts down (SIGTERM, Ctrl-C); the shutdown hook closes the agent. */
  private static void untilStopped(Agent agent) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  agent.close();
                  LOG.info("stopped");
                  stopped.countDown();
                },
                "checkmetrics-agent-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The port the agent serves on. */
  int port() {
    return server.port();
  }

  /** The reloader, for tests. */
  Reloader reloader() {
    return reloader;
  }

  /** The running checks, for tests. */
  AgentChecks checks() {
    return checks;
  }

  /** Stops the watch, the endpoint and the checks (waiting for running probes); idempotent. */
  @Override
  public void close() {
    reloader.close();
    server.close();
    checks.close();
  }
}
