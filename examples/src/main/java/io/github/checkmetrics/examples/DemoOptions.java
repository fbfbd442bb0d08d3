package io.github.checkmetrics.examples;

import io.github.checkmetrics.runner.HttpProbe;
import java.net.URI;
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
        --help               print this help and exit
      """;

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  static final int DEFAULT_PORT = 9400;

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  final List<URI> targets;
  final Duration interval;
  final Duration timeout;
  final String region;
  final String host;
  final int port;
  final boolean help;

  private DemoOptions(
      List<URI> targets,
      Duration interval,
      Duration timeout,
      String region,
      String host,
      int port,
      boolean help) {
    this.targets = List.copyOf(targets);
    this.interval = interval;
    this.timeout = timeout;
    this.region = region;
    this.host = host;
    this.port = port;
    this.help = help;
  }

  /** Thrown for a bad command line; its message is shown after {@code error: }. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static DemoOptions parse(String... args) throws UsageException {
    List<URI> targets = new ArrayList<>();
    Duration interval = null;
    Duration timeout = null;
    String region = null;
    String host = null;
    Integer port = null;
    boolean help = false;
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
        help = true;
        continue;
      }
      if (!name.startsWith("-")) {
        throw new UsageException("unexpected argument: " + quote(arg));
      }
      if (!List.of("--target", "--interval", "--timeout", "--region", "--host", "--port")
          .contains(name)) {
        throw new UsageException("unknown option: " + name);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException(name + " needs a value");
        }
        value = args[++i];
      }
      if (!name.equals("--target") && !seen.add(name)) {
        throw new UsageException(name + " is given twice");
      }
      switch (name) {
        case "--target":
          targets.add(target(value));
          break;
        case "--interval":
          interval = duration(name, value);
          break;
        case "--timeout":
          timeout = duration(name, value);
          break;
        case "--region":
          if (value.isEmpty() || value.length() > 128) {
            throw new UsageException("--region must be 1 to 128 characters long: " + quote(value));
          }
          region = value;
          break;
        case "--host":
          if (value.isEmpty()) {
            throw new UsageException("--host must not be empty: \"\"");
          }
          host = value;
          break;
        default:
          port = port(value);
          break;
      }
    }
    if (interval == null) {
      interval = DEFAULT_INTERVAL;
    }
    if (timeout == null) {
      timeout = DEFAULT_TIMEOUT.compareTo(interval) > 0 ? interval : DEFAULT_TIMEOUT;
    } else if (timeout.compareTo(interval) > 0) {
      throw new UsageException(
          "--timeout must not be longer than --interval: timeout "
              + format(timeout)
              + ", interval "
              + format(interval));
    }
    return new DemoOptions(
        targets,
        interval,
        timeout,
        region == null ? "local" : region,
        host == null ? "127.0.0.1" : host,
        port == null ? DEFAULT_PORT : port,
        help);
  }

  private static URI target(String value) throws UsageException {
    try {
      return HttpProbe.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--target must be an absolute http or https URL with a host: " + quote(value));
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

  private static String quote(String value) {
    String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return '"' + shown + '"';
  }
}
