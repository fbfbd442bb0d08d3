package io.github.checkmetrics.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus server (2.42: {@code /usr/bin/prometheus}, Debian package {@code prometheus};
 * or 3.5, see {@link PrometheusVersion}) running on a free loopback port with a temporary configuration and data directory, for tests
 * that need what crosses the wire to be accepted by the real thing.
 *
 * <p>{@link Builder#start()} skips the test where Prometheus is missing (or fails it under
 * {@code -DcheckmetricsTest.requireTools=true}, see {@link Tools}), writes {@code prometheus.yml},
 * starts the process with its log in {@code prometheus.log} and returns once {@code /-/ready}
 * answers. {@link #close()} stops that process by its own PID and deletes the directory. Use it in
 * try-with-resources. Prometheus 2.42 discovers static targets about 5 s after start-up (its
 * scrape manager reloads on a 5 s tick), so give {@link #awaitTargetHealth} 20 s or more.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.builder()
 *     .scrapeJob(ScrapeJob.builder("app").target(httpServer.getAddress()).build())
 *     .start()) {
 *   prometheus.awaitTargetHealth("app", "up", Duration.ofSeconds(20));
 *   List<Sample> up = prometheus.query("up{job=\"app\"}");
 * }
 * }</pre>
 *
 * <p>Thread-safe: queries may run concurrently; {@link #close()} is idempotent.
 *
 * @see <a href="https://prometheus.io/docs/prometheus/2.42/querying/api/">HTTP API</a>
 */
public final class PrometheusServer implements AutoCloseable {

  /** The interval between two polls of the {@code await*} methods. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 30;
  private static final Set<String> TARGET_HEALTH = Set.of("up", "down", "unknown");

  private final PrometheusProcess process;
  private final PrometheusVersion version;
  private final HttpClient http;

  private PrometheusServer(PrometheusProcess process, PrometheusVersion version) {
    this.process = process;
    this.version = version;
    this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
  }

  /**
   * Starts configuring a server; by default it scrapes and evaluates every second and has no jobs.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a server whose {@code scrape_configs} are the given YAML sequence.
   *
   * @param scrapeConfigsYaml entries of {@code scrape_configs}, each starting with
   *     {@code - job_name: ...}
   * @return the running server
   * @throws NullPointerException if {@code scrapeConfigsYaml} is null
   * @throws IllegalStateException if Prometheus does not become ready; the message holds its log
   */
  public static PrometheusServer start(String scrapeConfigsYaml) {
    return builder().scrapeConfigsYaml(scrapeConfigsYaml).start();
  }

  /**
   * Returns the server's root URI.
   *
   * @return {@code http://127.0.0.1:<port>/}
   */
  public URI baseUri() {
    return URI.create("http://" + address() + "/");
  }

  /**
   * Returns the address the server listens on, as a scrape target would name it.
   *
   * @return {@code 127.0.0.1:<port>}
   */
  public String address() {
    return "127.0.0.1:" + process.port();
  }

  /**
   * Returns the version running.
   *
   * @return the version the builder was given, {@link PrometheusVersion#V2_42} by default
   */
  public PrometheusVersion version() {
    return version;
  }

  /**
   * Returns the operating-system process id of the Prometheus process.
   *
   * @return the PID
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Returns the temporary directory holding {@code prometheus.yml}, rule files, data and log.
   *
   * @return the directory; gone after {@link #close()}
   */
  public Path directory() {
    return process.directory();
  }

  /**
   * Returns the last lines Prometheus logged (stdout and stderr).
   *
   * @param lines how many lines at most, positive
   * @return the lines joined with newlines; empty after {@link #close()}
   */
  public String logTail(int lines) {
    return process.logTail(lines);
  }

  /**
   * Runs an instant query at the current time through {@code /api/v1/query}.
   *
   * @param promql a PromQL expression returning an instant vector or a scalar
   * @return the vector's samples in Prometheus' order, or one label-less sample for a scalar
   * @throws NullPointerException if {@code promql} is null
   * @throws IllegalArgumentException if Prometheus rejects the query, or it returns a range vector
   *     or a string
   */
  public List<Sample> query(String promql) {
    Objects.requireNonNull(promql, "promql");
    try {
      return PrometheusApi.samples(
          api("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ": query \"" + promql + "\"", e);
    }
  }

  /**
   * Lists the active targets of {@code /api/v1/targets}.
   *
   * @return every active target of every job
   */
  public List<Target> targets() {
    return PrometheusApi.targets(api("api/v1/targets?state=active"));
  }

  /**
   * Lists every recording and alerting rule of {@code /api/v1/rules}.
   *
   * @return the rules of all groups, in file order
   */
  public List<Rule> rules() {
    return PrometheusApi.rules(api("api/v1/rules"));
  }

  /**
   * Lists the pending and firing alerts of {@code /api/v1/alerts}.
   *
   * @return the active alerts
   */
  public List<Alert> alerts() {
    return PrometheusApi.alerts(api("api/v1/alerts"));
  }

  /**
   * Fetches any API path and returns the parsed {@code data} member of its response envelope.
   *
   * @param pathAndQuery a path relative to {@link #baseUri()} with its encoded query, e.g.
   *     {@code "api/v1/label/__name__/values"}
   * @return the {@code data} member as Jackson's tree
   * @throws IllegalArgumentException if Prometheus answers with {@code "status":"error"}
   */
  public JsonNode api(String pathAndQuery) {
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    HttpRequest request = HttpRequest.newBuilder(baseUri().resolve(pathAndQuery))
        .timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + request.uri() + " failed; prometheus log:\n"
          + logTail(LOG_TAIL_LINES), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + request.uri(), e);
    }
    return PrometheusApi.data(response.body());
  }

  /**
   * Waits until every active target of a job reports the given health.
   *
   * @param job the job name (the target's {@code job} label)
   * @param health {@code "up"}, {@code "down"} or {@code "unknown"}
   * @param timeout how long to wait, positive; 20 s covers Prometheus' 5 s discovery delay
   * @return the job's targets, at least one, all with that health
   * @throws IllegalArgumentException if {@code health} is not one of the three values
   * @throws AssertionError if that does not happen in time; the message shows all targets and
   *     the log tail
   */
  public List<Target> awaitTargetHealth(String job, String health, Duration timeout) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(health, "health");
    if (!TARGET_HEALTH.contains(health)) {
      throw new IllegalArgumentException(
          "health must be one of [up, down, unknown]: \"" + health + "\"");
    }
    List<Target> all = new ArrayList<>();
    List<Target> matched = await(timeout, () -> {
      all.clear();
      all.addAll(targets());
      List<Target> ofJob = all.stream().filter(target -> target.job().equals(job)).toList();
      boolean reached = !ofJob.isEmpty()
          && ofJob.stream().allMatch(target -> target.health().equals(health));
      return reached ? ofJob : null;
    });
    if (matched == null) {
      throw new AssertionError("targets of job \"" + job + "\" did not all report health \""
          + health + "\" within " + timeout + "; targets: " + all + "\nprometheus log:\n"
          + logTail(LOG_TAIL_LINES));
    }
    return matched;
  }

  /**
   * Repeats an instant query until its result satisfies a predicate.
   *
   * @param promql the PromQL expression, see {@link #query(String)}
   * @param predicate the condition on the whole result
   * @param timeout how long to wait, positive
   * @return the first result that satisfied the predicate
   * @throws IllegalArgumentException if Prometheus rejects the query (at once, without retrying)
   * @throws AssertionError if no result satisfies the predicate in time; the message shows the
   *     last result and the log tail
   */
  public List<Sample> awaitQuery(String promql, Predicate<? super List<Sample>> predicate,
      Duration timeout) {
    Objects.requireNonNull(promql, "promql");
    Objects.requireNonNull(predicate, "predicate");
    List<List<Sample>> last = new ArrayList<>(List.of(List.of()));
    List<Sample> matched = await(timeout, () -> {
      List<Sample> result = query(promql);
      last.set(0, result);
      return predicate.test(result) ? result : null;
    });
    if (matched == null) {
      throw new AssertionError("query \"" + promql + "\" did not satisfy the condition within "
          + timeout + "; last result: " + last.get(0) + "\nprometheus log:\n"
          + logTail(LOG_TAIL_LINES));
    }
    return matched;
  }

  /**
   * Waits until an alert with the given name is in the given state.
   *
   * @param alertName the {@code alertname} label
   * @param state {@code "pending"} or {@code "firing"}
   * @param timeout how long to wait, positive
   * @return the first such alert
   * @throws AssertionError if none appears in time; the message shows the alerts and rules
   */
  public Alert awaitAlert(String alertName, String state, Duration timeout) {
    Objects.requireNonNull(alertName, "alertName");
    Objects.requireNonNull(state, "state");
    Alert matched = await(timeout, () -> alerts().stream()
        .filter(alert -> alertName.equals(alert.name()) && state.equals(alert.state()))
        .findFirst().orElse(null));
    if (matched == null) {
      throw new AssertionError("alert \"" + alertName + "\" was not " + state + " within "
          + timeout + "; alerts: " + alerts() + "; rules: " + rules() + "\nprometheus log:\n"
          + logTail(LOG_TAIL_LINES));
    }
    return matched;
  }

  /**
   * Stops Prometheus by its PID (SIGTERM, then SIGKILL after 5 s) and deletes its directory.
   *
   * @throws UncheckedIOException if the directory cannot be deleted
   */
  @Override
  public void close() {
    process.close();
  }

  /** Polls until the supplier returns non-null, or returns null at the deadline. */
  private static <T> T await(Duration timeout, Supplier<T> poll) {
    ScrapeJob.requirePositiveMillis(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T result = poll.get();
      if (result != null) {
        return result;
      }
      if (System.nanoTime() - deadline >= 0) {
        return null;
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting", e);
      }
    }
  }

  /** Builds and starts a {@link PrometheusServer}; not thread-safe. */
  public static final class Builder {

    private static final Pattern RULE_FILE_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}\\.ya?ml");
    private static final Pattern FEATURE = Pattern.compile("[a-z0-9-]{1,64}");

    private Duration scrapeInterval;
    private Duration evaluationInterval;
    private Duration startTimeout;
    private final Map<String, ScrapeJob> scrapeJobs = new LinkedHashMap<>();
    private String selfJobName;
    private String rawScrapeConfigs;
    private final Map<String, String> ruleFiles = new LinkedHashMap<>();
    private final List<String> features = new ArrayList<>();
    private PrometheusVersion version;

    private Builder() {}

    /**
     * Chooses the Prometheus to start.
     *
     * @param version default {@link PrometheusVersion#V2_42}
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder version(PrometheusVersion version) {
      Objects.requireNonNull(version, "version");
      if (this.version != null) {
        throw new IllegalStateException("version was already set to " + this.version);
      }
      this.version = version;
      return this;
    }

    /**
     * Sets the global {@code scrape_interval}; default 1 s.
     *
     * @param interval positive, whole milliseconds
     * @return this builder
     * @throws IllegalArgumentException if it is not positive whole milliseconds
     * @throws IllegalStateException if it was already set
     */
    public Builder scrapeInterval(Duration interval) {
      ScrapeJob.requirePositiveMillis(interval, "scrape interval");
      if (scrapeInterval != null) {
        throw new IllegalStateException("scrape interval was already set to " + scrapeInterval);
      }
      scrapeInterval = interval;
      return this;
    }

    /**
     * Sets the global {@code evaluation_interval} of rules; default 1 s.
     *
     * @param interval positive, whole milliseconds
     * @return this builder
     * @throws IllegalArgumentException if it is not positive whole milliseconds
     * @throws IllegalStateException if it was already set
     */
    public Builder evaluationInterval(Duration interval) {
      ScrapeJob.requirePositiveMillis(interval, "evaluation interval");
      if (evaluationInterval != null) {
        throw new IllegalStateException(
            "evaluation interval was already set to " + evaluationInterval);
      }
      evaluationInterval = interval;
      return this;
    }

    /**
     * Sets how long {@link #start()} waits for {@code /-/ready}; default 30 s.
     *
     * @param timeout positive, whole milliseconds
     * @return this builder
     * @throws IllegalArgumentException if it is not positive whole milliseconds
     * @throws IllegalStateException if it was already set
     */
    public Builder startTimeout(Duration timeout) {
      ScrapeJob.requirePositiveMillis(timeout, "start timeout");
      if (startTimeout != null) {
        throw new IllegalStateException("start timeout was already set to " + startTimeout);
      }
      startTimeout = timeout;
      return this;
    }

    /**
     * Adds a scrape job.
     *
     * @param job the job; its name must be unique in this server
     * @return this builder
     * @throws IllegalStateException if a job of that name was already added
     */
    public Builder scrapeJob(ScrapeJob job) {
      Objects.requireNonNull(job, "job");
      requireNewJobName(job.jobName());
      scrapeJobs.put(job.jobName(), job);
      return this;
    }

    /**
     * Adds a job that scrapes the server's own {@code /metrics}, whose address is known only at
     * start-up.
     *
     * @param jobName the job name, matching {@code [a-zA-Z0-9_.:-]{1,128}}
     * @return this builder
     * @throws IllegalArgumentException if the name does not match
     * @throws IllegalStateException if a self-scraping job or a job of that name was already added
     */
    public Builder scrapeSelf(String jobName) {
      ScrapeJob.builder(jobName); // validates the name
      if (selfJobName != null) {
        throw new IllegalStateException(
            "self-scraping job was already set to \"" + selfJobName + "\"");
      }
      requireNewJobName(jobName);
      selfJobName = jobName;
      return this;
    }

    /**
     * Appends raw {@code scrape_configs} entries, for options {@link ScrapeJob} does not offer.
     * Prometheus validates them at start-up.
     *
     * @param yaml a YAML sequence of scrape configs, each starting with {@code - job_name: ...}
     * @return this builder
     * @throws IllegalStateException if raw scrape configs were already set
     */
    public Builder scrapeConfigsYaml(String yaml) {
      Objects.requireNonNull(yaml, "yaml");
      if (rawScrapeConfigs != null) {
        throw new IllegalStateException("raw scrape configs were already set");
      }
      rawScrapeConfigs = yaml;
      return this;
    }

    /**
     * Adds a recording or alerting rule file, written next to {@code prometheus.yml}.
     *
     * @param fileName a file name matching {@code [a-zA-Z0-9_-]{1,64}\.ya?ml}
     * @param yaml the rule file's content ({@code groups: ...})
     * @return this builder
     * @throws IllegalArgumentException if the name does not match
     * @throws IllegalStateException if a rule file of that name was already added
     */
    public Builder ruleFile(String fileName, String yaml) {
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(yaml, "yaml");
      if (!RULE_FILE_NAME.matcher(fileName).matches()) {
        throw new IllegalArgumentException(
            "rule file name must match " + RULE_FILE_NAME + ": \"" + fileName + "\"");
      }
      if (ruleFiles.putIfAbsent(fileName, yaml) != null) {
        throw new IllegalStateException("rule file \"" + fileName + "\" was already added");
      }
      return this;
    }

    /**
     * Enables a Prometheus feature flag, e.g. {@code "native-histograms"} (which makes 2.42 and
     * 3.5 ask for the protobuf format first) or {@code "created-timestamp-zero-ingestion"} (3.x).
     *
     * @param feature a value of {@code --enable-feature}, matching {@code [a-z0-9-]{1,64}}
     * @return this builder
     * @throws IllegalArgumentException if the name does not match
     * @throws IllegalStateException if the feature was already enabled
     */
    public Builder enableFeature(String feature) {
      Objects.requireNonNull(feature, "feature");
      if (!FEATURE.matcher(feature).matches()) {
        throw new IllegalArgumentException(
            "feature must match " + FEATURE + ": \"" + feature + "\"");
      }
      if (features.contains(feature)) {
        throw new IllegalStateException("feature \"" + feature + "\" was already enabled");
      }
      features.add(feature);
      return this;
    }

    /**
     * Writes the configuration, starts Prometheus on a free loopback port and waits until it is
     * ready.
     *
     * @return the running server, to be closed by the caller
     * @throws org.opentest4j.TestAbortedException if that version is missing (see {@link
     *     PrometheusVersion#requireOrSkip()})
     * @throws IllegalStateException if it exits or is not ready in time; the message holds its log
     *     tail, and nothing is left behind
     */
    public PrometheusServer start() {
      PrometheusVersion chosen = version == null ? PrometheusVersion.V2_42 : version;
      Path binary = chosen.requireOrSkip();
      return new PrometheusServer(PrometheusProcess.start(binary, config()), chosen);
    }

    PrometheusConfig config() {
      return new PrometheusConfig(
          scrapeInterval == null ? Duration.ofSeconds(1) : scrapeInterval,
          evaluationInterval == null ? Duration.ofSeconds(1) : evaluationInterval,
          List.copyOf(scrapeJobs.values()), selfJobName, rawScrapeConfigs,
          Collections.unmodifiableMap(new LinkedHashMap<>(ruleFiles)),
          List.copyOf(features),
          startTimeout == null ? Duration.ofSeconds(30) : startTimeout);
    }

    private void requireNewJobName(String jobName) {
      if (scrapeJobs.containsKey(jobName) || jobName.equals(selfJobName)) {
        throw new IllegalStateException("scrape job \"" + jobName + "\" was already added");
      }
    }
  }
}
