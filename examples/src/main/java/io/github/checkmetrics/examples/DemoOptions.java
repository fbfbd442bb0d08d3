package io.github.checkmetrics.examples;

import io.github.checkmetrics.runner.HttpProbe;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo's command-line options, parsed and checked; immutable. */
final class DemoOptions {

  static final String USAGE =
      """
      Usage: java -jar checkmetrics-demo.jar [options]

      Runs HTTP checks against three targets of its own on loopback (healthy, slow, failing with
      500) and against every --target, and serves their results, JVM and process metrics for
      Prometheus at http://localhost:<port>/metrics. Stop it with Ctrl-C.

      Options:
        --target URL         also check this http or https URL; repeatable (status 200-399
                             passes; slower than 1s is degraded)
        --interval DURATION  time between two runs of each check, such as 5s, 500ms or 1m
                             (default 5s)
        --timeout DURATION   how long a run may take, at most the interval (default 2s, or the
                             interval if shorter)
        --region NAME        the region label of every result (default local)
        --host HOST          the interface the metrics endpoint binds (default 127.0.0.1;
                             0.0.0.0 for all)
        --port PORT          the port of the metrics endpoint, 0 for a free one (default 9400)
        --bearer-token-file FILE
                             require "Authorization: Bearer <token>" on every scrape, for any
                             token in FILE (one per line; re-read when it changes)
        --basic-auth-file FILE
                             require HTTP basic auth on every scrape, for any user:password
                             line in FILE (re-read when it changes); not with
                             --bearer-token-file
        --tenants-file FILE  tenant mode: each line of FILE is TENANT TOKEN URL [URL ...];
                             the URLs become that tenant's checks (ids TENANT-1, TENANT-2, ...)
                             instead of the demo's own targets, and each tenant sees only its
                             own checks: GET /accounts/TENANT/metrics with "Authorization:
                             Bearer TOKEN", or GET /metrics with basic auth TENANT:TOKEN.
                             A field starting with # starts a comment; read once at start.
                             Not with --target, --bearer-token-file or --basic-auth-file
        --help               print this help and exit

      Configuration: like any checkmetrics endpoint, the demo also reads checkmetrics.* system
      properties, CHECKMETRICS_* environment variables and the properties file named by
      checkmetrics.config: port, host, path, auth.*, tls.* (CHECKMETRICS_TLS_KEYSTORE and
      CHECKMETRICS_TLS_KEYSTORE_PASSWORD serve HTTPS), constant_labels, jvm_metrics,
      process_metrics, max_query_length, max_query_parameters. An option given here wins over the configuration (an auth
      option over every auth.* key), and the configuration over the demo's defaults: host
      127.0.0.1, port 9400, path /metrics, jvm_metrics and process_metrics true, every layer.
      """;

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private static final List<String> OPTIONS =
      List.of(
          "--target",
          "--interval",
          "--timeout",
          "--region",
          "--host",
          "--port",
          "--bearer-token-file",
          "--basic-auth-file",
          "--tenants-file");

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  final List<URI> targets;
  final Duration interval;
  final Duration timeout;
  final String region;
  /** The interface to bind, or null when not given: the configuration decides. */
  final String host;
  /** The port to bind, or null when not given: the configuration decides. */
  final Integer port;
  /** The file of bearer tokens, or null when not given. */
  final Path bearerTokenFile;
  /** The file of {@code user:password} lines, or null when not given. */
  final Path basicAuthFile;
  /** The tenants file, or null when not given: the demo's own targets, no tenants. */
  final Path tenantsFile;
  final boolean help;

  private DemoOptions(Builder builder) {
    this.targets = List.copyOf(builder.targets);
    this.interval = builder.interval;
    this.timeout = builder.timeout;
    this.region = builder.region;
    this.host = builder.host;
    this.port = builder.port;
    this.bearerTokenFile = builder.bearerTokenFile;
    this.basicAuthFile = builder.basicAuthFile;
    this.tenantsFile = builder.tenantsFile;
    this.help = builder.help;
  }

  /** The values as they are parsed. */
  private static final class Builder {
    private final List<URI> targets = new ArrayList<>();
    private Duration interval;
    private Duration timeout;
    private String region;
    private String host;
    private Integer port;
    private Path bearerTokenFile;
    private Path basicAuthFile;
    private Path tenantsFile;
    private boolean help;
  }

  /** Thrown for a bad command line; its message is shown after {@code error: }. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static DemoOptions parse(String... args) throws UsageException {
    Builder options = new Builder();
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
      if (name.equals("--help") || name.equals("-h")) {
        options.help = true;
        continue;
      }
      if (!name.startsWith("-")) {
        throw new UsageException("unexpected argument: " + quote(arg));
      }
      if (!OPTIONS.contains(name)) {
        throw new UsageException("unknown option: " + name);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException(name + " needs a value");
        }
        value = args[++i];
      }
      if (!seen.add(name) && !name.equals("--target")) {
        throw new UsageException(name + " is given twice");
      }
      take(options, name, value);
    }
    if (options.bearerTokenFile != null && options.basicAuthFile != null) {
      throw new UsageException(
          "--bearer-token-file and --basic-auth-file are both given; give one of them");
    }
    if (options.tenantsFile != null) {
      // Tenant mode replaces the demo's targets and its one credential by the file's tenants.
      for (String other : List.of("--target", "--bearer-token-file", "--basic-auth-file")) {
        if (seen.contains(other)) {
          throw new UsageException(
              "--tenants-file and " + other + " are both given; in tenant mode the tenants file"
                  + " holds every target and every credential");
        }
      }
    }
    if (options.interval == null) {
      options.interval = DEFAULT_INTERVAL;
    }
    if (options.timeout == null) {
      options.timeout =
          DEFAULT_TIMEOUT.compareTo(options.interval) > 0 ? options.interval : DEFAULT_TIMEOUT;
    } else if (options.timeout.compareTo(options.interval) > 0) {
      throw new UsageException(
          "--timeout must not be longer than --interval: timeout "
              + format(options.timeout)
              + ", interval "
              + format(options.interval));
    }
    if (options.region == null) {
      options.region = "local";
    }
    return new DemoOptions(options);
  }

  private static void take(Builder options, String name, String value) throws UsageException {
    switch (name) {
      case "--target":
        options.targets.add(url(name, value));
        break;
      case "--interval":
        options.interval = duration(name, value);
        break;
      case "--timeout":
        options.timeout = duration(name, value);
        break;
      case "--region":
        if (value.isEmpty() || value.length() > 128) {
          throw new UsageException("--region must be 1 to 128 characters long: " + quote(value));
        }
        options.region = value;
        break;
      case "--host":
        options.host = nonEmpty(name, value);
        break;
      case "--port":
        options.port = port(value);
        break;
      case "--bearer-token-file":
        options.bearerTokenFile = file(name, value);
        break;
      case "--basic-auth-file":
        options.basicAuthFile = file(name, value);
        break;
      default:
        options.tenantsFile = file(name, value);
        break;
    }
  }

  private static String nonEmpty(String name, String value) throws UsageException {
    if (value.isEmpty()) {
      throw new UsageException(name + " must not be empty: \"\"");
    }
    return value;
  }

  /** Only the syntax: the file is read, and its absence reported, when the demo starts. */
  private static Path file(String name, String value) throws UsageException {
    try {
      return Path.of(nonEmpty(name, value));
    } catch (InvalidPathException e) {
      throw new UsageException(name + " must be a file name: " + quote(value));
    }
  }

  /**
   * Parses an http or https URL to check.
   *
   * @param what the thing the message names, such as {@code --target}
   * @throws UsageException naming {@code what}, with the URL shown without its user information
   */
  static URI url(String what, String value) throws UsageException {
    try {
      return HttpProbe.parse(value);
    } catch (IllegalArgumentException e) {
      // HttpProbe's message ends with the URL as it may be shown: without its user information.
      String message = e.getMessage();
      String shown = message.substring(message.indexOf(": \"") + 2);
      if (message.startsWith("url must not contain user information")) {
        throw new UsageException(
            what
                + " must not contain user information (it is never sent, and the URL is shown"
                + " on the console and in the check_name label): "
                + shown);
      }
      throw new UsageException(what + " must be an absolute http or https URL with a host: " + shown);
    }
  }

  private static Duration duration(String name, String value) throws UsageException {
    Matcher m = DURATION.matcher(value);
    Duration duration = null;
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          duration = Duration.ofMillis(amount);
          break;
        case "s":
          duration = Duration.ofSeconds(amount);
          break;
        default:
          duration = Duration.ofMinutes(amount);
          break;
      }
    }
    if (duration == null || duration.isZero()) {
      throw new UsageException(
          name + " must be a positive duration such as 5s, 500ms or 1m: " + quote(value));
    }
    return duration;
  }

  private static int port(String value) throws UsageException {
    if (value.matches("\\d{1,5}")) {
      int port = Integer.parseInt(value);
      if (port <= 65535) {
        return port;
      }
    }
    throw new UsageException("--port must be a number from 0 to 65535: " + quote(value));
  }

  /** @return a duration the way the options take it: 5s, 500ms, 1m */
  static String format(Duration duration) {
    if (duration.toMillis() % 60_000 == 0) {
      return duration.toMinutes() + "m";
    }
    if (duration.toMillis() % 1000 == 0) {
      return duration.toSeconds() + "s";
    }
    return duration.toMillis() + "ms";
  }

  static String quote(String value) {
    String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return '"' + shown + '"';
  }
}
