package io.github.checkmetrics.agent;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.model.internal.Messages;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent's command line, parsed and checked; immutable. Its conventions are the demo's: {@code
 * --name value} or {@code --name=value}, each option at most once, an error names the option, the
 * rule and the value.
 */
final class AgentOptions {

  static final String USAGE =
      """
      Usage: java -jar checkmetrics-agent.jar --config FILE [options]

      Runs the checks of a YAML checks file (docs/checks-file.md) and serves their results for
      Prometheus at http://<host>:<port>/metrics, blackbox-style probes at /probe?target=&module=,
      and reloads the file when it changes or on POST /-/reload. Stops cleanly on SIGTERM.

      Options:
        --config FILE        the checks file (required)
        --host HOST          the interface to bind (default all interfaces)
        --port PORT          the port, 0 for a free one (default 9400)
        --shard I/N          run only the checks whose id hashes into shard I of N (64-bit
                             FNV-1a of the id's UTF-8 bytes, modulo N), 0 <= I < N
        --timeout-offset DURATION
                             subtracted from a /probe scrape's timeout (default 500ms)
        --max-concurrent-probes N
                             /probe requests run at once, 1 to 128; more get 503 (default 8)
        --no-watch           reload only on POST /-/reload, not when the file changes
        --once               run every check one time, print the results and exit: 0 when all
                             passed, 1 when any failed, 2 on bad input, 3 when the push failed
        --format FORMAT      with --once: prometheus (default) or openmetrics
        --push URL           with --once: PUT the results to this Pushgateway instead of
                             printing them
        --push-job NAME      the job of the pushed group (default checkmetrics-agent)
        --push-instance NAME the instance of the pushed group (default this host's name)
        --push-bearer-token-file FILE
                             send "Authorization: Bearer <the file's first line>" with the push
        --push-basic-auth-file FILE
                             send basic auth with the push, from the file's user:password line
        --help               print this help and exit

      Endpoint configuration: like any checkmetrics endpoint, the agent also reads
      checkmetrics.* system properties, CHECKMETRICS_* environment variables and the properties
      file named by checkmetrics.config: port, host, path, auth.* (which /probe and /-/reload
      need too), tls.*, constant_labels, jvm_metrics, process_metrics (both default true here),
      max_query_length, max_query_parameters. --host and --port must not be given when the
      environment sets them too.
      """;

  static final Duration DEFAULT_TIMEOUT_OFFSET = Duration.ofMillis(500);
  static final int DEFAULT_MAX_CONCURRENT_PROBES = 8;
  static final int MAX_CONCURRENT_PROBES = 128;
  static final String DEFAULT_PUSH_JOB = "checkmetrics-agent";

  private static final List<String> WITH_VALUE =
      List.of(
          "--config",
          "--host",
          "--port",
          "--shard",
          "--timeout-offset",
          "--max-concurrent-probes",
          "--format",
          "--push",
          "--push-job",
          "--push-instance",
          "--push-bearer-token-file",
          "--push-basic-auth-file");
  private static final List<String> FLAGS = List.of("--no-watch", "--once", "--help", "-h");

  final Path config;
  final String host;
  final Integer port;
  final Shard shard;
  final Duration timeoutOffset;
  final int maxConcurrentProbes;
  final boolean watch;
  final boolean once;
  final ExpositionFormat format;
  final URI push;
  final String pushJob;
  /** Null for this host's name. */
  final String pushInstance;
  final Path pushBearerTokenFile;
  final Path pushBasicAuthFile;
  final boolean help;

  private AgentOptions(Values v) {
    this.config = v.config;
    this.host = v.host;
    this.port = v.port;
    this.shard = v.shard == null ? Shard.ALL : v.shard;
    this.timeoutOffset = v.timeoutOffset == null ? DEFAULT_TIMEOUT_OFFSET : v.timeoutOffset;
    this.maxConcurrentProbes =
        v.maxConcurrentProbes == null ? DEFAULT_MAX_CONCURRENT_PROBES : v.maxConcurrentProbes;
    this.watch = !v.noWatch;
    this.once = v.once;
    this.format = v.format == null ? ExpositionFormat.PROMETHEUS_TEXT : v.format;
    this.push = v.push;
    this.pushJob = v.pushJob == null ? DEFAULT_PUSH_JOB : v.pushJob;
    this.pushInstance = v.pushInstance;
    this.pushBearerTokenFile = v.pushBearerTokenFile;
    this.pushBasicAuthFile = v.pushBasicAuthFile;
    this.help = v.help;
  }

  /** The values as they are parsed. */
  private static final class Values {
    private Path config;
    private String host;
    private Integer port;
    private Shard shard;
    private Duration timeoutOffset;
    private Integer maxConcurrentProbes;
    private boolean noWatch;
    private boolean once;
    private ExpositionFormat format;
    private URI push;
    private String pushJob;
    private String pushInstance;
    private Path pushBearerTokenFile;
    private Path pushBasicAuthFile;
    private boolean help;
  }

  /** Thrown for a bad command line; its message is shown after {@code error: }. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static AgentOptions parse(String... args) throws UsageException {
    Values values = new Values();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (!name.startsWith("-")) {
        throw new UsageException("unexpected argument: " + Messages.quote(arg));
      }
      if (FLAGS.contains(name)) {
        if (value != null) {
          throw new UsageException(name + " takes no value: " + Messages.quote(arg));
        }
        flag(values, name);
        continue;
      }
      if (!WITH_VALUE.contains(name)) {
        throw new UsageException("unknown option: " + name);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException(name + " needs a value");
        }
        value = args[++i];
      }
      if (!seen.add(name)) {
        throw new UsageException(name + " is given twice");
      }
      take(values, name, value);
    }
    if (values.help) {
      return new AgentOptions(values);
    }
    if (values.config == null) {
      throw new UsageException("--config is required: the checks file to run");
    }
    if (!values.once) {
      for (String onceOnly :
          List.of("--format", "--push", "--push-job", "--push-instance",
              "--push-bearer-token-file", "--push-basic-auth-file")) {
        if (seen.contains(onceOnly)) {
          throw new UsageException(onceOnly + " needs --once");
        }
      }
    } else if (values.push == null) {
      for (String pushOnly :
          List.of("--push-job", "--push-instance", "--push-bearer-token-file",
              "--push-basic-auth-file")) {
        if (seen.contains(pushOnly)) {
          throw new UsageException(pushOnly + " needs --push");
        }
      }
    }
    if (values.push != null && values.format != null) {
      throw new UsageException("--format is for printing; --push always sends the text format");
    }
    if (values.pushBearerTokenFile != null && values.pushBasicAuthFile != null) {
      throw new UsageException(
          "--push-bearer-token-file and --push-basic-auth-file are both given; give one of them");
    }
    return new AgentOptions(values);
  }

  private static void flag(Values values, String name) {
    switch (name) {
      case "--no-watch" -> values.noWatch = true;
      case "--once" -> values.once = true;
      default -> values.help = true;
    }
  }

  private static void take(Values values, String name, String value) throws UsageException {
    switch (name) {
      case "--config" -> values.config = file(name, value);
      case "--host" -> values.host = nonEmpty(name, value);
      case "--port" -> values.port = port(value);
      case "--shard" -> values.shard = shard(value);
      case "--timeout-offset" -> values.timeoutOffset = duration(name, value);
      case "--max-concurrent-probes" -> values.maxConcurrentProbes = concurrency(value);
      case "--format" -> values.format = format(value);
      case "--push" -> values.push = pushUrl(value);
      case "--push-job" -> values.pushJob = nonEmpty(name, value);
      case "--push-instance" -> values.pushInstance = nonEmpty(name, value);
      case "--push-bearer-token-file" -> values.pushBearerTokenFile = file(name, value);
      default -> values.pushBasicAuthFile = file(name, value);
    }
  }

  private static String nonEmpty(String name, String value) throws UsageException {
    if (value.isEmpty()) {
      throw new UsageException(name + " must not be empty: \"\"");
    }
    return value;
  }

  /** Only the syntax: the file is read, and its absence reported, when the agent starts. */
  private static Path file(String name, String value) throws UsageException {
    try {
      return Path.of(nonEmpty(name, value));
    } catch (InvalidPathException e) {
      throw new UsageException(name + " must be a file name: " + Messages.quote(value));
    }
  }

  private static int port(String value) throws UsageException {
    if (value.matches("\\d{1,5}") && Integer.parseInt(value) <= 65535) {
      return Integer.parseInt(value);
    }
    throw new UsageException("--port must be a number from 0 to 65535: " + Messages.quote(value));
  }

  private static Shard shard(String value) throws UsageException {
    try {
      return Shard.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Duration duration(String name, String value) throws UsageException {
    Duration duration = Yaml.parseDuration(value);
    if (duration == null) {
      throw new UsageException(
          name + " must be a duration such as 500ms, 1s or 0s: " + Messages.quote(value));
    }
    return duration;
  }

  private static int concurrency(String value) throws UsageException {
    if (value.matches("\\d{1,3}")) {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_CONCURRENT_PROBES) {
        return n;
      }
    }
    throw new UsageException(
        "--max-concurrent-probes must be a number from 1 to " + MAX_CONCURRENT_PROBES + ": "
            + Messages.quote(value));
  }

  private static ExpositionFormat format(String value) throws UsageException {
    return switch (value) {
      case "prometheus" -> ExpositionFormat.PROMETHEUS_TEXT;
      case "openmetrics" -> ExpositionFormat.OPENMETRICS;
      default -> throw new UsageException(
          "--format must be prometheus or openmetrics: " + Messages.quote(value));
    };
  }

  private static URI pushUrl(String value) throws UsageException {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new UsageException(
          "--push must be an http or https URL with a host and no user information, query or"
              + " fragment, such as http://127.0.0.1:9091: " + Messages.quote(value.replaceAll("//[^/@]*@", "//***@")));
    }
    return uri;
  }
}
