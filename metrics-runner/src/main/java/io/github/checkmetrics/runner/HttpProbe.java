package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Probes an HTTP endpoint: a request must be answered within the timeout with an expected status
 * (and, optionally, a body holding an expected text).
 *
 * <pre>{@code
 * Probe probe = HttpProbe.builder("http://127.0.0.1:8080/health")
 *     .method("GET")
 *     .expectedStatus(200, 299)
 *     .expectedBody("UP")
 *     .degradedThreshold(Duration.ofMillis(500))
 *     .build();
 * }</pre>
 *
 * <p>One run sends the request with the run's timeout as the request timeout, and reads the whole
 * response. It fails with reason {@code unexpected_status} for a status outside the expected
 * range (default 200 to 399: redirects are not followed and count as answers), {@code
 * body_mismatch} when the first 1 MiB of the body, read as UTF-8, does not hold the expected text,
 * and {@code timeout}, {@code connection_refused}, {@code dns} or {@code tls} for those transport
 * failures. A run that passes but takes longer than the degraded threshold is {@link
 * Outcome#DEGRADED}.
 *
 * <p>By default all HTTP probes share one {@link HttpClient} (HTTP/1.1, no redirects) whose
 * threads are at most 4 daemon threads named {@code checkmetrics-probe-http-<n>}. This class is
 * immutable and thread-safe.
 */
public final class HttpProbe implements Probe {

  /** How much of a body is searched for the expected text, in bytes. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

  private final URI url;
  private final String method;
  private final int minStatus;
  private final int maxStatus;
  private final String expectedBody;
  private final Duration degradedThreshold;
  private final HttpClient client;

  private HttpProbe(Builder builder) {
    this.url = builder.url;
    this.method = builder.method == null ? "GET" : builder.method;
    this.minStatus = builder.statusSet ? builder.minStatus : 200;
    this.maxStatus = builder.statusSet ? builder.maxStatus : 399;
    this.expectedBody = builder.expectedBody;
    this.degradedThreshold = builder.degradedThreshold;
    this.client = builder.client == null ? SharedClient.INSTANCE : builder.client;
  }

  /**
   * Starts a probe of the given URL.
   *
   * @param url an absolute {@code http} or {@code https} URL with a host, without user
   *     information ({@code user:password@})
   * @return a builder: method {@code GET}, expected status 200 to 399, no body check, never
   *     degraded
   * @throws IllegalArgumentException if the URL is malformed, relative, not HTTP(S), or holds
   *     user information
   */
  public static Builder builder(String url) {
    Objects.requireNonNull(url, "url");
    return new Builder(parse(url));
  }

  /**
   * Parses and checks a URL the way {@link #builder(String)} does.
   *
   * @param url an absolute {@code http} or {@code https} URL with a host, without user
   *     information ({@code user:password@})
   * @return the URL
   * @throws IllegalArgumentException if the URL is malformed, relative, not HTTP(S), or holds
   *     user information; the message never shows the user information
   */
  public static URI parse(String url) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "url must be an absolute http or https URL with a host: "
              + Durations.quote(withoutUserInfo(url)));
    }
    if (uri.getRawUserInfo() != null) {
      // HttpClient never sends it (the target answers 401), and a URL ends up in logs and labels.
      throw new IllegalArgumentException(
          "url must not contain user information; pass credentials through client(HttpClient)"
              + " with an Authenticator: "
              + Durations.quote(withoutUserInfo(url)));
    }
    return uri;
  }

  /** A URL as shown in messages: what precedes an {@code @} of its authority becomes ***. */
  private static String withoutUserInfo(String url) {
    int start = url.indexOf("//");
    if (start < 0) {
      return url;
    }
    start += 2;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    return at < start ? url : url.substring(0, start) + "***" + url.substring(at);
  }

  @Override
  public Outcome run(Duration timeout) throws IOException, InterruptedException, ProbeException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("User-Agent", "checkmetrics-runner")
            .build();
    long start = System.nanoTime();
    int status;
    if (expectedBody == null) {
      status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      checkStatus(status);
    } else {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        checkStatus(response.statusCode());
        byte[] head = body.readNBytes(MAX_BODY_BYTES);
        if (!new String(head, StandardCharsets.UTF_8).contains(expectedBody)) {
          throw new ProbeException(
              ProbeException.BODY_MISMATCH,
              "body of " + url + " does not contain " + Durations.quote(expectedBody));
        }
      }
    }
    long elapsed = System.nanoTime() - start;
    if (degradedThreshold != null && elapsed > Durations.nanos(degradedThreshold)) {
      return Outcome.DEGRADED;
    }
    return Outcome.PASSED;
  }

  private void checkStatus(int status) throws ProbeException {
    if (status < minStatus || status > maxStatus) {
      throw new ProbeException(
          ProbeException.UNEXPECTED_STATUS,
          "status " + status + " from " + url + ", expected " + minStatus + ".." + maxStatus);
    }
  }

  /**
   * Returns the probed URL.
   *
   * @return the probed URL
   */
  public URI url() {
    return url;
  }

  @Override
  public String toString() {
    return "HttpProbe{" + method + " " + url + ", status " + minStatus + ".." + maxStatus + '}';
  }

  /** The client shared by probes that were given none; created on first use. */
  private static final class SharedClient {
    private static final AtomicInteger COUNT = new AtomicInteger();
    static final HttpClient INSTANCE = create();

    private static HttpClient create() {
      ThreadPoolExecutor executor =
          new ThreadPoolExecutor(
              4,
              4,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              task -> {
                Thread thread = new Thread(task, "checkmetrics-probe-http-" + COUNT.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      executor.allowCoreThreadTimeOut(true);
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .executor(executor)
          .build();
    }
  }

  /** Builds an {@link HttpProbe}; not thread-safe. */
  public static final class Builder {
    private final URI url;
    private String method;
    private boolean statusSet;
    private int minStatus;
    private int maxStatus;
    private String expectedBody;
    private Duration degradedThreshold;
    private HttpClient client;

    private Builder(URI url) {
      this.url = url;
    }

    /**
     * Sets the request method.
     *
     * @param method the request method, such as {@code GET} or {@code HEAD}: {@code [A-Z]{1,16}};
     *     the request has no body
     * @return this builder
     * @throws IllegalArgumentException if the method breaks the rule
     * @throws IllegalStateException if the method is already set
     */
    public Builder method(String method) {
      Objects.requireNonNull(method, "method");
      if (!METHOD.matcher(method).matches()) {
        throw new IllegalArgumentException(
            "method must match " + METHOD.pattern() + ": " + Durations.quote(method));
      }
      if (this.method != null) {
        throw Durations.alreadySet("method");
      }
      this.method = method;
      return this;
    }

    /**
     * Sets the range of statuses that pass.
     *
     * @param min the lowest status that passes, 100 to 599
     * @param max the highest status that passes, {@code min} to 599
     * @return this builder
     * @throws IllegalArgumentException if out of range or {@code min > max}
     * @throws IllegalStateException if the expected status is already set
     */
    public Builder expectedStatus(int min, int max) {
      if (min < 100 || max > 599 || min > max) {
        throw new IllegalArgumentException(
            "expected status must be a range within 100..599: " + min + ".." + max);
      }
      if (statusSet) {
        throw Durations.alreadySet("expected status");
      }
      this.statusSet = true;
      this.minStatus = min;
      this.maxStatus = max;
      return this;
    }

    /**
     * Sets a text the body must contain.
     *
     * @param text a text the first 1 MiB of the body, read as UTF-8, must contain: not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws IllegalStateException if the expected body is already set
     */
    public Builder expectedBody(String text) {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        throw new IllegalArgumentException("expected body must not be empty: \"\"");
      }
      if (this.expectedBody != null) {
        throw Durations.alreadySet("expected body");
      }
      this.expectedBody = text;
      return this;
    }

    /**
     * Sets the duration over which a passing run is degraded.
     *
     * @param threshold a run that passes but takes longer than this is {@link Outcome#DEGRADED}:
     *     positive
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     * @throws IllegalStateException if the threshold is already set
     */
    public Builder degradedThreshold(Duration threshold) {
      Objects.requireNonNull(threshold, "threshold");
      Durations.positive("degraded threshold", threshold);
      if (this.degradedThreshold != null) {
        throw Durations.alreadySet("degraded threshold");
      }
      this.degradedThreshold = threshold;
      return this;
    }

    /**
     * Sets the HTTP client.
     *
     * @param client the client that sends the requests, for TLS settings, a proxy or an
     *     authenticator; default: a client shared by all HTTP probes
     * @return this builder
     * @throws IllegalStateException if the client is already set
     */
    public Builder client(HttpClient client) {
      Objects.requireNonNull(client, "client");
      if (this.client != null) {
        throw Durations.alreadySet("client");
      }
      this.client = client;
      return this;
    }

    /**
     * Builds the probe.
     *
     * @return the immutable probe
     */
    public HttpProbe build() {
      return new HttpProbe(this);
    }
  }
}
