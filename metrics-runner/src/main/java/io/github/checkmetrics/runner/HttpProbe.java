package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.model.internal.Messages;
import io.github.checkmetrics.model.internal.SetOnce;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.util.Timeout;

/**
 * Probes an HTTP endpoint: a request must be answered within the timeout with an expected status
 * and, optionally, a body holding an expected text or matching a regular expression.
 *
 * <pre>{@code
 * Probe probe = HttpProbe.builder("https://127.0.0.1:8443/health")
 *     .method("POST")
 *     .header("Content-Type", "application/json")
 *     .body("{\"deep\":true}")
 *     .bearerTokenFromFile(Path.of("/run/secrets/health-token"))
 *     .expectedStatus(200, 299)
 *     .bodyContains("UP")
 *     .trustStore(Path.of("/etc/checks/ca.p12"), "changeit")
 *     .degradedThreshold(Duration.ofMillis(500))
 *     .build();
 * }</pre>
 *
 * <p>One run sends the request and reads the answer without holding a thread while it waits
 * (the probes share a non-blocking client: see {@link CheckRunner} for how runs are scheduled
 * and cut at their timeout). It fails with reason {@code unexpected_status} for a status outside
 * the expected ranges (default 200 to 399), {@code body_mismatch} when the body, read as UTF-8,
 * does not hold the expected text or match the expected expression, {@code body_too_large} when
 * the body is longer than {@link Builder#maxBodyBytes(int)} (reading stops there and the
 * connection is closed), {@code protocol} when the answer is not well-formed HTTP, and {@code
 * timeout}, {@code connection_refused}, {@code dns} or {@code tls} for those transport failures.
 * Whatever the target answered, no connection of a failed run is kept open. A run that passes
 * but takes longer than the degraded threshold is {@link Outcome#DEGRADED}.
 *
 * <p>For HTTPS, every run records the earliest expiry of the certificate chain the target
 * presented, and every run records how long the response headers and the body took (see {@link
 * CheckRunner}). Credentials are read from a file or an environment variable once, when the
 * probe is built, and are never shown by {@link #toString()}, in a message or in a label.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class HttpProbe implements Probe {

  /** How much of a body a probe reads at most unless told otherwise, in bytes: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  /** How many redirects a probe follows at most unless told otherwise, when it follows them. */
  public static final int DEFAULT_MAX_REDIRECTS = 10;

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

  /** RFC 9110 section 5.6.2: a header name is a token. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

  /** Headers the client writes itself from the request; setting them would corrupt it. */
  private static final Set<String> FRAMING_HEADERS =
      Set.of("content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer");

  private final URI url;
  private final String method;
  private final List<String[]> headers;
  private final String body;
  private final ContentType bodyType;
  private final Credential credential;
  private final List<int[]> statusRanges;
  private final String bodyContains;
  private final Pattern bodyMatches;
  private final int maxBodyBytes;
  private final Duration degradedThreshold;
  private final RequestConfig requestConfig;
  private final HttpClients.Options clientOptions;
  private final CloseableHttpAsyncClient client;

  private HttpProbe(Builder builder) {
    this.url = builder.url;
    this.method = builder.method == null ? "GET" : builder.method;
    this.headers = List.copyOf(builder.headers);
    this.body = builder.body;
    this.bodyType = builder.bodyType;
    this.credential = builder.credential;
    this.statusRanges =
        builder.statusRanges.isEmpty() ? List.of(new int[] {200, 399}) : List.copyOf(builder.statusRanges);
    this.bodyContains = builder.bodyContains;
    this.bodyMatches = builder.bodyMatches;
    this.maxBodyBytes = builder.maxBodyBytes == 0 ? DEFAULT_MAX_BODY_BYTES : builder.maxBodyBytes;
    this.degradedThreshold = builder.degradedThreshold;
    boolean follow = Boolean.TRUE.equals(builder.followRedirects);
    this.requestConfig =
        RequestConfig.custom()
            .setRedirectsEnabled(follow)
            .setMaxRedirects(builder.maxRedirects == 0 ? DEFAULT_MAX_REDIRECTS : builder.maxRedirects)
            .setCircularRedirectsAllowed(false)
            .setAuthenticationEnabled(false)
            .setProtocolUpgradeEnabled(false)
            .setContentCompressionEnabled(false)
            .setHardCancellationEnabled(true)
            .build();
    this.clientOptions =
        new HttpClients.Options(
            builder.trustStoreFile == null ? null : builder.trustStoreFile.toAbsolutePath().toString(),
            builder.trustStore,
            Boolean.TRUE.equals(builder.insecureSkipVerify),
            builder.serverName,
            builder.ipProtocol);
    // Made (or found) now, not on the runner's scheduler thread at the first run.
    this.client = HttpClients.client(clientOptions);
  }

  /**
   * Starts a probe of the given URL.
   *
   * @param url an absolute {@code http} or {@code https} URL with a host, without user
   *     information ({@code user:password@})
   * @return a builder: method {@code GET}, expected status 200 to 399, redirects not followed
   *     (they count as answers), no body check, body limit 1 MiB, never degraded
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
              + Messages.quote(withoutUserInfo(url)));
    }
    if (uri.getRawUserInfo() != null) {
      // A URL ends up in logs and labels.
      throw new IllegalArgumentException(
          "url must not contain user information; pass credentials through basicAuthFromFile or"
              + " basicAuthFromEnv: "
              + Messages.quote(withoutUserInfo(url)));
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

  /**
   * Runs the probe once and waits for its outcome; the {@link CheckRunner} does not wait, it
   * runs the same exchange without holding a thread.
   */
  @Override
  public Outcome run(Duration timeout) throws IOException, InterruptedException, ProbeException {
    CompletableFuture<ProbeReport> run = start(timeout);
    try {
      return run.get(Durations.nanos(timeout), TimeUnit.NANOSECONDS).outcome();
    } catch (TimeoutException e) {
      run.cancel(true);
      throw new ProbeException(ProbeException.TIMEOUT, "no answer from " + url + " within " + timeout);
    } catch (InterruptedException e) {
      run.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ProbeException p) {
        throw p;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause);
    }
  }

  /**
   * Sends the request; the future completes with the report of the run, or exceptionally with
   * its failure. Cancelling it aborts the exchange; the client also closes the connection of an
   * exchange that has not connected or answered within {@code timeout} (its own timers, which
   * close a connection whose TLS handshake or answer stalls).
   */
  CompletableFuture<ProbeReport> start(Duration timeout) {
    Timeout limit = Timeout.of(Math.max(1, Durations.nanos(timeout) / 1_000_000), TimeUnit.MILLISECONDS);
    SimpleRequestBuilder request = SimpleRequestBuilder.create(method).setUri(url);
    for (String[] header : headers) {
      request.addHeader(header[0], header[1]);
    }
    if (credential != null) {
      request.addHeader("Authorization", credential.headerValue());
    }
    if (body != null) {
      request.setBody(body, bodyType);
    }
    request.setRequestConfig(withTimeout(requestConfig, limit));
    SimpleHttpRequest built = request.build();
    HttpClientContext context = HttpClientContext.create();
    boolean keepBody = bodyContains != null || bodyMatches != null;
    BoundedResponseConsumer consumer = new BoundedResponseConsumer(maxBodyBytes, keepBody);
    CompletableFuture<ProbeReport> result = new CompletableFuture<>();
    long start = System.nanoTime();
    Future<BoundedResponseConsumer.Answer> exchange =
        client.execute(
            SimpleRequestProducer.create(built),
            consumer,
            null,
            context,
            new FutureCallback<>() {
              @Override
              public void completed(BoundedResponseConsumer.Answer answer) {
                try {
                  result.complete(evaluate(answer, start, context));
                } catch (ProbeException | RuntimeException e) {
                  result.completeExceptionally(e);
                }
              }

              @Override
              public void failed(Exception e) {
                if (e instanceof BoundedResponseConsumer.BodyTooLargeException) {
                  result.completeExceptionally(
                      new ProbeException(
                          ProbeException.BODY_TOO_LARGE,
                          "body of " + url + " is longer than " + maxBodyBytes + " bytes"));
                } else {
                  result.completeExceptionally(e);
                }
              }

              @Override
              public void cancelled() {
                result.completeExceptionally(new CancellationException("exchange cancelled"));
              }
            });
    // Cutting the run (the runner's timeout, a removed check) aborts the exchange: the client
    // then closes its connection rather than returning it to the pool.
    result.whenComplete(
        (report, failure) -> {
          if (result.isCancelled()) {
            exchange.cancel(true);
          }
        });
    return result;
  }

  /**
   * The request's own connect and response timeouts: cancelling an exchange whose connection is
   * still being set up (a stalled TLS handshake) does not close it, the client's timer does.
   * HttpClient 5 deprecates the per-request connect timeout in favour of a per-route one, which
   * cannot follow each check's timeout.
   */
  @SuppressWarnings("deprecation")
  private static RequestConfig withTimeout(RequestConfig config, Timeout limit) {
    return RequestConfig.copy(config).setConnectTimeout(limit).setResponseTimeout(limit).build();
  }

  private ProbeReport evaluate(
      BoundedResponseConsumer.Answer answer, long start, HttpClientContext context)
      throws ProbeException {
    checkStatus(answer.status());
    if (bodyContains != null || bodyMatches != null) {
      String text = new String(answer.body(), StandardCharsets.UTF_8);
      if (bodyContains != null && !text.contains(bodyContains)) {
        throw new ProbeException(
            ProbeException.BODY_MISMATCH,
            "body of " + url + " does not contain " + Messages.quote(bodyContains));
      }
      if (bodyMatches != null && !bodyMatches.matcher(text).find()) {
        throw new ProbeException(
            ProbeException.BODY_MISMATCH,
            "body of " + url + " does not match " + Messages.quote(bodyMatches.pattern()));
      }
    }
    long elapsed = answer.endAtNanos() - start;
    Outcome outcome =
        degradedThreshold != null && elapsed > Durations.nanos(degradedThreshold)
            ? Outcome.DEGRADED
            : Outcome.PASSED;
    return new ProbeReport(
        outcome,
        answer.headersAtNanos() - start,
        answer.endAtNanos() - answer.headersAtNanos(),
        earliestExpiry(context.getSSLSession()));
  }

  /** The earliest {@code notAfter} of the peer's chain in Unix seconds, or NaN without TLS. */
  static double earliestExpiry(SSLSession session) {
    if (session == null) {
      return Double.NaN;
    }
    Certificate[] chain;
    try {
      chain = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return Double.NaN;
    }
    long earliest = Long.MAX_VALUE;
    for (Certificate certificate : chain) {
      if (certificate instanceof X509Certificate x509) {
        earliest = Math.min(earliest, x509.getNotAfter().getTime());
      }
    }
    return earliest == Long.MAX_VALUE ? Double.NaN : earliest / 1000.0;
  }

  private void checkStatus(int status) throws ProbeException {
    for (int[] range : statusRanges) {
      if (status >= range[0] && status <= range[1]) {
        return;
      }
    }
    throw new ProbeException(
        ProbeException.UNEXPECTED_STATUS,
        "status " + status + " from " + url + ", expected " + ranges());
  }

  private String ranges() {
    List<String> shown = new ArrayList<>();
    for (int[] range : statusRanges) {
      shown.add(range[0] + ".." + range[1]);
    }
    return String.join(", ", shown);
  }

  /**
   * Returns the probed URL.
   *
   * @return the probed URL
   */
  public URI url() {
    return url;
  }

  /** Shows the method, URL and expected statuses, and marks an insecure probe; never a secret. */
  @Override
  public String toString() {
    return "HttpProbe{"
        + method
        + " "
        + url
        + ", status "
        + ranges()
        + (clientOptions.insecureSkipVerify() ? ", INSECURE: certificates not verified" : "")
        + '}';
  }

  /** Builds an {@link HttpProbe}; not thread-safe. */
  public static final class Builder {
    private final URI url;
    private String method;
    private final List<String[]> headers = new ArrayList<>();
    private String body;
    private ContentType bodyType;
    private Credential credential;
    private final List<int[]> statusRanges = new ArrayList<>();
    private String bodyContains;
    private Pattern bodyMatches;
    private int maxBodyBytes;
    private Boolean followRedirects;
    private int maxRedirects;
    private Path trustStoreFile;
    private KeyStore trustStore;
    private Boolean insecureSkipVerify;
    private String serverName;
    private HttpClients.IpProtocol ipProtocol;
    private Duration degradedThreshold;
    private Function<String, String> environment = Credential.Secret.processEnv();

    private Builder(URI url) {
      this.url = url;
    }

    /**
     * Sets the request method.
     *
     * @param method the request method, such as {@code GET}, {@code HEAD} or {@code POST}:
     *     {@code [A-Z]{1,16}}
     * @return this builder
     * @throws IllegalArgumentException if the method breaks the rule
     * @throws IllegalStateException if the method is already set
     */
    public Builder method(String method) {
      Objects.requireNonNull(method, "method");
      if (!METHOD.matcher(method).matches()) {
        throw new IllegalArgumentException(
            "method must match " + METHOD.pattern() + ": " + Messages.quote(method));
      }
      this.method = SetOnce.set("method", this.method, method);
      return this;
    }

    /**
     * Adds a request header; may be called again for more headers, or the same name twice.
     * {@code Host} overrides the host the request names (virtual hosting); {@code Content-Type}
     * is the type of the {@link #body(String)}.
     *
     * @param name a header name: an RFC 9110 token of 1 to 256 characters, not one of the
     *     framing headers the client writes ({@code Content-Length}, {@code Transfer-Encoding},
     *     {@code Connection}, {@code Upgrade}, {@code TE}, {@code Trailer}), not {@code
     *     Authorization} (use the credential options, which keep it secret)
     * @param value the value: no control characters but tab
     * @return this builder
     * @throws IllegalArgumentException if the name or value breaks its rule
     * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-5.1">RFC 9110, field names</a>
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (!TOKEN.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "header name must be a token (RFC 9110) of 1 to 256 characters: "
                + Messages.quote(name));
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (FRAMING_HEADERS.contains(lower)) {
        throw new IllegalArgumentException(
            "header must not be one the client writes itself: " + Messages.quote(name));
      }
      if (lower.equals("authorization")) {
        throw new IllegalArgumentException(
            "header must not be Authorization; use basicAuthFromFile, basicAuthFromEnv,"
                + " bearerTokenFromFile or bearerTokenFromEnv, which keep it secret: "
                + Messages.quote(name));
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new IllegalArgumentException(
              "header value must not hold control characters: header " + Messages.quote(name));
        }
      }
      if (lower.equals("content-type")) {
        ContentType type;
        try {
          type = ContentType.parse(value);
        } catch (RuntimeException e) {
          type = null;
        }
        if (type == null || !type.getMimeType().matches("[^/\\s]+/[^/\\s]+")) {
          throw new IllegalArgumentException(
              "header Content-Type must be a media type: " + Messages.quote(value));
        }
        bodyType = type;
        return this;
      }
      headers.add(new String[] {name, value});
      return this;
    }

    private static String shownBody(String text) {
      return "a body of " + text.length() + " characters";
    }

    /**
     * Sets the request body, sent as UTF-8 with the type of a {@code Content-Type} header, or
     * {@code text/plain; charset=UTF-8}.
     *
     * @param text the body
     * @return this builder
     * @throws IllegalStateException if the body is already set
     */
    public Builder body(String text) {
      Objects.requireNonNull(text, "text");
      if (this.body != null) {
        // A request body may hold a secret: the message shows lengths, never the text.
        throw SetOnce.alreadySet("body", shownBody(this.body), shownBody(text));
      }
      this.body = text;
      return this;
    }

    /**
     * Adds a range of statuses that pass; may be called again for more ranges. Without any,
     * 200 to 399 pass.
     *
     * @param min the lowest status that passes, 100 to 599
     * @param max the highest status that passes, {@code min} to 599
     * @return this builder
     * @throws IllegalArgumentException if out of range or {@code min > max}
     */
    public Builder expectedStatus(int min, int max) {
      if (min < 100 || max > 599 || min > max) {
        throw new IllegalArgumentException(
            "expected status must be a range within 100..599: " + min + ".." + max);
      }
      statusRanges.add(new int[] {min, max});
      return this;
    }

    /**
     * Sets a text the body must contain.
     *
     * @param text a text the body (its first {@link #maxBodyBytes(int)} bytes, read as UTF-8)
     *     must contain: not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws IllegalStateException if the text is already set
     */
    public Builder bodyContains(String text) {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        throw new IllegalArgumentException("body contains must not be empty: \"\"");
      }
      this.bodyContains = SetOnce.set("bodyContains", this.bodyContains, text);
      return this;
    }

    /**
     * Sets a text the body must contain: the same as {@link #bodyContains(String)}, under the
     * name earlier snapshots had.
     *
     * @param text a text the body must contain: not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws IllegalStateException if the text is already set
     */
    public Builder expectedBody(String text) {
      return bodyContains(text);
    }

    /**
     * Sets a regular expression the body must match somewhere ({@link java.util.regex.Matcher#find()}).
     *
     * @param regex a {@link Pattern} expression, matched against the body read as UTF-8
     * @return this builder
     * @throws IllegalArgumentException if the expression does not compile
     * @throws IllegalStateException if the expression is already set
     */
    public Builder bodyMatches(String regex) {
      Objects.requireNonNull(regex, "regex");
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "body matches must be a valid regular expression: "
                + Messages.quote(regex)
                + " ("
                + e.getDescription()
                + " at index "
                + e.getIndex()
                + ")");
      }
      if (this.bodyMatches != null) {
        throw SetOnce.alreadySet("bodyMatches", this.bodyMatches.pattern(), regex);
      }
      this.bodyMatches = pattern;
      return this;
    }

    /**
     * Sets how much of a body a run reads at most; a longer body fails the run with reason
     * {@code body_too_large} and its connection is closed.
     *
     * @param maxBodyBytes 1 to 2^31-1 bytes; default {@link #DEFAULT_MAX_BODY_BYTES} (1 MiB)
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     * @throws IllegalStateException if the limit is already set
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("max body bytes must be positive: " + maxBodyBytes);
      }
      if (this.maxBodyBytes != 0) {
        throw SetOnce.alreadySet("maxBodyBytes", this.maxBodyBytes, maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Sets whether redirects are followed; when they are not (the default), a redirect is the
     * answer whose status is checked.
     *
     * @param follow {@code true} to follow up to {@link #maxRedirects(int)} redirects
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder followRedirects(boolean follow) {
      this.followRedirects = SetOnce.set("followRedirects", this.followRedirects, follow);
      return this;
    }

    /**
     * Sets how many redirects a run follows at most; one more fails the run.
     *
     * @param maxRedirects 1 to 50; default {@link #DEFAULT_MAX_REDIRECTS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxRedirects(int maxRedirects) {
      if (maxRedirects < 1 || maxRedirects > 50) {
        throw new IllegalArgumentException("max redirects must be between 1 and 50: " + maxRedirects);
      }
      if (this.maxRedirects != 0) {
        throw SetOnce.alreadySet("maxRedirects", this.maxRedirects, maxRedirects);
      }
      this.maxRedirects = maxRedirects;
      return this;
    }

    /**
     * Trusts the certificates of a trust store instead of the JVM's, loaded now.
     *
     * @param file a PKCS#12 or JKS trust store
     * @param password its password, or {@code null} for none
     * @return this builder
     * @throws IllegalArgumentException if the file is missing or does not load
     * @throws IllegalStateException if a trust store is already set, or verification is skipped
     */
    public Builder trustStore(Path file, String password) {
      Objects.requireNonNull(file, "file");
      if (this.trustStoreFile != null) {
        // the files, never the password
        throw SetOnce.alreadySet("trustStore", trustStoreFile.toString(), file.toString());
      }
      if (Boolean.TRUE.equals(insecureSkipVerify)) {
        throw new IllegalStateException("trust store and insecureSkipVerify exclude each other");
      }
      char[] secret = password == null ? null : password.toCharArray();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "trust store file must exist: " + Messages.quote(file.toString()));
      }
      KeyStore store;
      try {
        store = KeyStore.getInstance(file.toFile(), secret);
      } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "trust store must load: " + Messages.quote(file.toString()) + " (" + e.getMessage() + ")");
      }
      this.trustStoreFile = file;
      this.trustStore = store;
      return this;
    }

    /**
     * Skips certificate and host name verification: INSECURE, for targets with self-signed
     * certificates only; the probe's {@code toString} says so. The certificate expiry is still
     * recorded.
     *
     * @param insecure {@code true} to skip verification
     * @return this builder
     * @throws IllegalStateException if already set, or a trust store is set
     */
    public Builder insecureSkipVerify(boolean insecure) {
      if (this.insecureSkipVerify != null) {
        throw SetOnce.alreadySet("insecureSkipVerify", this.insecureSkipVerify, insecure);
      }
      if (insecure && trustStoreFile != null) {
        throw new IllegalStateException("trust store and insecureSkipVerify exclude each other");
      }
      this.insecureSkipVerify = insecure;
      return this;
    }

    /**
     * Sets the TLS server name: sent as SNI, and the name the certificate must hold, instead
     * of the URL's host (for probing one backend of a name by its address).
     *
     * @param serverName a DNS host name, such as {@code api.example.com}
     * @return this builder
     * @throws IllegalArgumentException if not a valid SNI host name
     * @throws IllegalStateException if already set
     */
    public Builder serverName(String serverName) {
      Objects.requireNonNull(serverName, "serverName");
      try {
        new SNIHostName(serverName);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "server name must be a DNS host name: " + Messages.quote(serverName));
      }
      this.serverName = SetOnce.set("serverName", this.serverName, serverName);
      return this;
    }

    /**
     * Sets which address family is tried first when the host resolves to both; the other is
     * tried next.
     *
     * @param protocol {@code ip4} or {@code ip6} (blackbox_exporter's {@code
     *     preferred_ip_protocol})
     * @return this builder
     * @throws IllegalArgumentException if neither
     * @throws IllegalStateException if already set
     */
    public Builder preferredIpProtocol(String protocol) {
      this.ipProtocol = TcpProbe.ipProtocol(protocol, this.ipProtocol);
      return this;
    }

    /**
     * Sends {@code Authorization: Bearer <token>} with the token read now from a file (trailing
     * line breaks cut).
     *
     * @param file the file holding the token
     * @return this builder
     * @throws IllegalArgumentException if the file is missing, unreadable, or empty
     * @throws IllegalStateException if credentials are already set
     */
    public Builder bearerTokenFromFile(Path file) {
      Objects.requireNonNull(file, "file");
      return credential(Credential.bearer(Credential.Secret.fromFile("bearer token", file)));
    }

    /**
     * Sends {@code Authorization: Bearer <token>} with the token read now from an environment
     * variable.
     *
     * @param variable the name of the environment variable holding the token
     * @return this builder
     * @throws IllegalArgumentException if the variable is not set, or empty
     * @throws IllegalStateException if credentials are already set
     */
    public Builder bearerTokenFromEnv(String variable) {
      Objects.requireNonNull(variable, "variable");
      return credential(
          Credential.bearer(Credential.Secret.fromEnv("bearer token", variable, environment)));
    }

    /**
     * Sends HTTP basic authentication with the password read now from a file.
     *
     * @param username the user name: no {@code :}, no control characters
     * @param passwordFile the file holding the password (trailing line breaks cut)
     * @return this builder
     * @throws IllegalArgumentException if the user name breaks its rule, or the file is
     *     missing, unreadable or empty
     * @throws IllegalStateException if credentials are already set
     */
    public Builder basicAuthFromFile(String username, Path passwordFile) {
      checkUsername(username);
      Objects.requireNonNull(passwordFile, "passwordFile");
      return credential(
          Credential.basic(username, Credential.Secret.fromFile("password", passwordFile)));
    }

    /**
     * Sends HTTP basic authentication with the password read now from an environment variable.
     *
     * @param username the user name: no {@code :}, no control characters
     * @param variable the name of the environment variable holding the password
     * @return this builder
     * @throws IllegalArgumentException if the user name breaks its rule, or the variable is not
     *     set or empty
     * @throws IllegalStateException if credentials are already set
     */
    public Builder basicAuthFromEnv(String username, String variable) {
      checkUsername(username);
      Objects.requireNonNull(variable, "variable");
      return credential(
          Credential.basic(username, Credential.Secret.fromEnv("password", variable, environment)));
    }

    private static void checkUsername(String username) {
      Objects.requireNonNull(username, "username");
      if (username.isEmpty() || username.indexOf(':') >= 0 || username.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new IllegalArgumentException(
            "username must be 1 or more characters without ':' or control characters: "
                + Messages.quote(username));
      }
    }

    private Builder credential(Credential credential) {
      // a Credential shows where its secret came from, never the secret
      this.credential = SetOnce.set("credentials", this.credential, credential);
      return this;
    }

    /** Where environment variables are read from; tests give their own. */
    Builder environment(Function<String, String> environment) {
      this.environment = environment;
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
      this.degradedThreshold = SetOnce.set("degradedThreshold", this.degradedThreshold, threshold);
      return this;
    }

    /**
     * Builds the probe.
     *
     * @return the immutable probe
     */
    public HttpProbe build() {
      if (body != null && bodyType == null) {
        bodyType = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);
      }
      return new HttpProbe(this);
    }
  }
}
