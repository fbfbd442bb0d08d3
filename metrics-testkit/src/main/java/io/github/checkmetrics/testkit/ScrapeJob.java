package io.github.checkmetrics.testkit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code scrape_configs} entry of a test {@link PrometheusServer}: a job name, loopback
 * targets, and how to scrape them (path, query parameters, credentials, interval).
 *
 * <pre>{@code
 * ScrapeJob job = ScrapeJob.builder("app")
 *     .target(httpServer.getAddress())
 *     .metricsPath("/metrics")
 *     .param("format", "prometheus")
 *     .bearerToken("s3cret")
 *     .https(certificate.certificatePem())
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the builder is not thread-safe.
 *
 * @see <a href="https://prometheus.io/docs/prometheus/2.42/configuration/configuration/#scrape_config">scrape_config</a>
 */
public final class ScrapeJob {

  static final Pattern JOB_NAME = Pattern.compile("[a-zA-Z0-9_.:-]{1,128}");
  private static final Pattern LOOPBACK_TARGET =
      Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1\\]):([0-9]{1,5})");
  private static final Pattern PARAM_NAME = Pattern.compile("[a-zA-Z0-9_.\\[\\]-]{1,64}");

  private final String jobName;
  private final List<String> targets;
  private final String metricsPath;
  private final Map<String, List<String>> params;
  private final String bearerToken;
  private final String basicAuthUsername;
  private final String basicAuthPassword;
  private final Duration scrapeInterval;
  private final Duration scrapeTimeout;
  private final Path caFile;

  private ScrapeJob(Builder builder) {
    this.jobName = builder.jobName;
    this.targets = List.copyOf(builder.targets);
    this.metricsPath = builder.metricsPath;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    builder.params.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    this.params = copy;
    this.bearerToken = builder.bearerToken;
    this.basicAuthUsername = builder.basicAuthUsername;
    this.basicAuthPassword = builder.basicAuthPassword;
    this.scrapeInterval = builder.scrapeInterval;
    this.scrapeTimeout = builder.scrapeTimeout;
    this.caFile = builder.caFile;
  }

  /**
   * Starts a scrape job.
   *
   * @param jobName the {@code job} label of every series scraped, matching
   *     {@code [a-zA-Z0-9_.:-]{1,128}}
   * @return a builder
   * @throws NullPointerException if {@code jobName} is null
   * @throws IllegalArgumentException if {@code jobName} does not match the pattern
   */
  public static Builder builder(String jobName) {
    return new Builder(jobName);
  }

  /**
   * Returns the job name, which Prometheus puts in the {@code job} label.
   *
   * @return the job name
   */
  public String jobName() {
    return jobName;
  }

  /**
   * Returns the targets, as {@code host:port}.
   *
   * @return the targets in the order given; unmodifiable
   */
  public List<String> targets() {
    return targets;
  }

  /** Renders this job as a YAML sequence entry indented by two spaces. */
  String toYaml() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("  - job_name: ").append(yamlString(jobName)).append('\n');
    if (metricsPath != null) {
      yaml.append("    metrics_path: ").append(yamlString(metricsPath)).append('\n');
    }
    if (scrapeInterval != null) {
      yaml.append("    scrape_interval: ").append(duration(scrapeInterval)).append('\n');
    }
    if (scrapeTimeout != null) {
      yaml.append("    scrape_timeout: ").append(duration(scrapeTimeout)).append('\n');
    }
    if (caFile != null) {
      yaml.append("    scheme: https\n")
          .append("    tls_config:\n")
          .append("      ca_file: ").append(yamlString(caFile.toString())).append('\n');
    }
    if (!params.isEmpty()) {
      yaml.append("    params:\n");
      params.forEach((name, values) -> yaml.append("      ").append(yamlString(name)).append(": ")
          .append(yamlList(values)).append('\n'));
    }
    if (bearerToken != null) {
      yaml.append("    authorization:\n")
          .append("      type: Bearer\n")
          .append("      credentials: ").append(yamlString(bearerToken)).append('\n');
    }
    if (basicAuthUsername != null) {
      yaml.append("    basic_auth:\n")
          .append("      username: ").append(yamlString(basicAuthUsername)).append('\n')
          .append("      password: ").append(yamlString(basicAuthPassword)).append('\n');
    }
    yaml.append("    static_configs:\n")
        .append("      - targets: ").append(yamlList(targets)).append('\n');
    return yaml.toString();
  }

  /** A Prometheus duration in milliseconds, which every duration field accepts. */
  static String duration(Duration duration) {
    return duration.toMillis() + "ms";
  }

  /** A YAML double-quoted scalar; YAML shares JSON's escapes in double quotes. */
  static String yamlString(String value) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  private static String yamlList(List<String> values) {
    List<String> quoted = new ArrayList<>();
    values.forEach(value -> quoted.add(yamlString(value)));
    return "[" + String.join(", ", quoted) + "]";
  }

  static Duration requirePositiveMillis(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    if (duration.isNegative() || duration.isZero() || duration.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          what + " must be a positive whole number of milliseconds: " + duration);
    }
    return duration;
  }

  /** Builds a {@link ScrapeJob}; single-valued options may be set once. Not thread-safe. */
  public static final class Builder {

    private final String jobName;
    private final List<String> targets = new ArrayList<>();
    private final Map<String, List<String>> params = new LinkedHashMap<>();
    private String metricsPath;
    private String bearerToken;
    private String basicAuthUsername;
    private String basicAuthPassword;
    private Duration scrapeInterval;
    private Duration scrapeTimeout;
    private Path caFile;

    private Builder(String jobName) {
      Objects.requireNonNull(jobName, "jobName");
      if (!JOB_NAME.matcher(jobName).matches()) {
        throw new IllegalArgumentException(
            "job name must match " + JOB_NAME + ": \"" + jobName + "\"");
      }
      this.jobName = jobName;
    }

    /**
     * Adds a target on the loopback interface.
     *
     * @param hostPort {@code 127.0.0.1:<port>}, {@code localhost:<port>} or {@code [::1]:<port>}
     * @return this builder
     * @throws NullPointerException if {@code hostPort} is null
     * @throws IllegalArgumentException if it is not a loopback {@code host:port} with a port in
     *     1..65535
     */
    public Builder target(String hostPort) {
      Objects.requireNonNull(hostPort, "hostPort");
      var matcher = LOOPBACK_TARGET.matcher(hostPort);
      if (!matcher.matches() || !validPort(Integer.parseInt(matcher.group(2)))) {
        throw new IllegalArgumentException("target must be a loopback host:port "
            + "(127.0.0.1, localhost or [::1], port 1-65535): \"" + hostPort + "\"");
      }
      targets.add(hostPort);
      return this;
    }

    /**
     * Adds the address a server in the test listens on, such as {@code HttpServer.getAddress()};
     * a wildcard address is scraped through 127.0.0.1.
     *
     * @param address a bound loopback or wildcard socket address
     * @return this builder
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if the address is neither loopback nor wildcard, is
     *     unresolved, or has port 0
     */
    public Builder target(InetSocketAddress address) {
      Objects.requireNonNull(address, "address");
      InetAddress host = address.getAddress();
      if (host == null || !(host.isLoopbackAddress() || host.isAnyLocalAddress())
          || !validPort(address.getPort())) {
        throw new IllegalArgumentException(
            "target address must be a bound loopback or wildcard address: " + address);
      }
      String hostText = host.isAnyLocalAddress() ? "127.0.0.1"
          : host instanceof Inet6Address ? "[::1]" : "127.0.0.1";
      return target(hostText + ":" + address.getPort());
    }

    /**
     * Sets the HTTP path to scrape; Prometheus defaults to {@code /metrics}.
     *
     * @param path an absolute path without a query, e.g. {@code "/prometheus"}
     * @return this builder
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalArgumentException if it does not start with "/" or holds a "?" or "#"
     * @throws IllegalStateException if the path was already set
     */
    public Builder metricsPath(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
        throw new IllegalArgumentException(
            "metrics path must start with \"/\" and hold no query or fragment: \"" + path + "\"");
      }
      if (metricsPath != null) {
        throw new IllegalStateException("metrics path was already set to \"" + metricsPath + "\"");
      }
      metricsPath = path;
      return this;
    }

    /**
     * Adds a URL query parameter to every scrape; repeat it for several values of one name
     * ({@code name[]=a&name[]=b}).
     *
     * @param name parameter name matching {@code [a-zA-Z0-9_.\[\]-]{1,64}}
     * @param value parameter value, any text
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name does not match
     */
    public Builder param(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (!PARAM_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "param name must match " + PARAM_NAME + ": \"" + name + "\"");
      }
      params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
      return this;
    }

    /**
     * Sends {@code Authorization: Bearer <token>} with every scrape.
     *
     * @param token the bearer token, not empty
     * @return this builder
     * @throws NullPointerException if {@code token} is null
     * @throws IllegalArgumentException if {@code token} is empty
     * @throws IllegalStateException if credentials were already set
     */
    public Builder bearerToken(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isEmpty()) {
        throw new IllegalArgumentException("bearer token must not be empty: \"\"");
      }
      requireNoCredentials();
      bearerToken = token;
      return this;
    }

    /**
     * Sends HTTP basic credentials with every scrape.
     *
     * @param username the user name, not empty
     * @param password the password, possibly empty
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code username} is empty
     * @throws IllegalStateException if credentials were already set
     */
    public Builder basicAuth(String username, String password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isEmpty()) {
        throw new IllegalArgumentException("basic auth username must not be empty: \"\"");
      }
      requireNoCredentials();
      basicAuthUsername = username;
      basicAuthPassword = password;
      return this;
    }

    /**
     * Scrapes over HTTPS ({@code scheme: https}), trusting the certificates of {@code caFile}
     * ({@code tls_config.ca_file}), such as {@link TestCertificate#certificatePem()}.
     *
     * @param caFile a PEM file of the certificate authorities to trust; made absolute
     * @return this builder
     * @throws NullPointerException if {@code caFile} is null
     * @throws IllegalStateException if https was already set
     */
    public Builder https(Path caFile) {
      Objects.requireNonNull(caFile, "caFile");
      if (this.caFile != null) {
        throw new IllegalStateException("https was already set with CA file " + this.caFile);
      }
      this.caFile = caFile.toAbsolutePath();
      return this;
    }

    /**
     * Overrides the server's global scrape interval for this job.
     *
     * @param interval positive, whole milliseconds
     * @return this builder
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if it is not positive whole milliseconds
     * @throws IllegalStateException if the interval was already set
     */
    public Builder scrapeInterval(Duration interval) {
      requirePositiveMillis(interval, "scrape interval");
      if (scrapeInterval != null) {
        throw new IllegalStateException("scrape interval was already set to " + scrapeInterval);
      }
      scrapeInterval = interval;
      return this;
    }

    /**
     * Sets how long one scrape may take; Prometheus requires it not to exceed the interval.
     *
     * @param timeout positive, whole milliseconds
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if it is not positive whole milliseconds
     * @throws IllegalStateException if the timeout was already set
     */
    public Builder scrapeTimeout(Duration timeout) {
      requirePositiveMillis(timeout, "scrape timeout");
      if (scrapeTimeout != null) {
        throw new IllegalStateException("scrape timeout was already set to " + scrapeTimeout);
      }
      scrapeTimeout = timeout;
      return this;
    }

    /**
     * Builds the job.
     *
     * @return the job
     * @throws IllegalStateException if no target was added, or the timeout exceeds the interval
     */
    public ScrapeJob build() {
      if (targets.isEmpty()) {
        throw new IllegalStateException("scrape job \"" + jobName + "\" needs at least one target");
      }
      if (scrapeInterval != null && scrapeTimeout != null
          && scrapeTimeout.compareTo(scrapeInterval) > 0) {
        throw new IllegalStateException("scrape timeout must not exceed scrape interval: "
            + scrapeTimeout + " > " + scrapeInterval);
      }
      return new ScrapeJob(this);
    }

    private void requireNoCredentials() {
      if (bearerToken != null || basicAuthUsername != null) {
        throw new IllegalStateException(
            "credentials were already set (bearer token or basic auth)");
      }
    }

    private static boolean validPort(int port) {
      return port >= 1 && port <= 65535;
    }
  }
}
