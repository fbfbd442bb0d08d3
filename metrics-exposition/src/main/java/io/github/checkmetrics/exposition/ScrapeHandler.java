package io.github.checkmetrics.exposition;

import io.github.checkmetrics.exposition.ScrapeQuery.Rejection;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP contract of a metrics endpoint, implemented once for every transport: an adapter turns
 * its request into a {@link ScrapeRequest}, calls {@link #handle(ScrapeRequest)} (or {@link
 * #scrape(ScrapeRequest)} when its container already routed the request) and copies the {@link
 * ScrapeResponse} back.
 *
 * <pre>{@code
 * ScrapeHandler handler = ScrapeHandler.builder()
 *     .registry(registry)
 *     .metricsPath("/metrics")
 *     .healthPath("/-/healthy")
 *     .build();
 * ScrapeResponse response = handler.handle(request);
 * }</pre>
 *
 * <p>What it answers:
 *
 * <ul>
 *   <li>{@code GET} or {@code HEAD} on the metrics path: 200 with the registry in the negotiated
 *       exposition format, {@code Vary: Accept, Accept-Encoding}. The query parameter {@code
 *       format=prometheus|openmetrics|protobuf} wins over {@code Accept}; otherwise {@code Accept}
 *       decides, q-values honoured, and the <a
 *       href="https://prometheus.io/docs/instrumenting/exposition_formats/">Prometheus text format
 *       0.0.4</a> is the fallback. Names outside the legacy character set are written as the
 *       chosen range's {@code escaping} parameter asks ({@code allow-utf-8}: quoted UTF-8), else
 *       with {@code underscores}; the {@code Content-Type} of the 1.0.0 text formats names the
 *       scheme. {@code name[]} parameters keep only the named families. The body
 *       is gzip-compressed when {@code Accept-Encoding} allows it.
 *   <li>Any other method: 405 with {@code Allow: GET, HEAD}.
 *   <li>With {@link Builder#authentication(Authentication)}: a request without the right
 *       credentials gets 401 (431 for an oversized {@code Authorization} header) before its query
 *       is read; see {@link Authentication}. The index page needs the credentials too; the health
 *       path only with {@link Builder#authenticateHealthPath(boolean)}.
 *   <li>An unknown {@code format}: 406 naming the supported values. A query longer than {@link
 *       Builder#maxQueryLength(int)}, with more than {@link Builder#maxQueryParameters(int)}
 *       parameters, an empty {@code name[]} or bad percent-encoding: 400.
 *   <li>A collector that throws anything, an {@link Error} such as {@code StackOverflowError}
 *       included: 500 with a generic body; the cause is logged once through SLF4J at error level
 *       and never written to the client (no class name, message or path). The policy for an {@code
 *       Error} is the same as for an exception, log and answer 500, never rethrow and never
 *       swallow: one broken collector must not drop the connection, and the JVM's own reactions to
 *       an {@code Error} ({@code -XX:+ExitOnOutOfMemoryError}, heap dumps) happen where it is
 *       thrown. The body is rendered into memory before any byte is sent, so a failure never shows
 *       up as a truncated 200. A constant label that a family registered after the handler was
 *       built also has (see {@link ExpositionWriter}) gets the same 500; its cause (the label and
 *       the family) is logged at error level once, at debug level on later scrapes.
 *   <li>From {@link #handle(ScrapeRequest)} only: a path given to {@link Builder#route(String,
 *       Function)} is answered by its route, after the same authentication as the metrics path
 *       (a route that throws, an {@code Error} included, gets the generic 500). The health path
 *       answers 200 {@code OK} (503 while
 *       a {@linkplain Builder#healthCheck(BooleanSupplier) health check} says no), {@code /}
 *       an HTML page linking to the metrics path (unless disabled or taken), any other path 404.
 *       Paths match exactly: {@code /metricsfoo} is not {@code /metrics}.
 * </ul>
 *
 * <p>Immutable and thread-safe: one instance serves concurrent requests.
 */
public final class ScrapeHandler {

  static final String TEXT = "text/plain; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);

  private final ExpositionWriter writer;

  private final BodyRenderer renderer;
  private final String metricsPath;
  private final String healthPath;
  private final int maxQueryLength;
  private final int maxQueryParameters;
  private final Authentication authentication;
  private final FixedPages pages;
  private final Map<String, Function<ScrapeRequest, ScrapeResponse>> routes;

  private ScrapeHandler(Builder builder) {
    this.writer =
        builder.writer != null
            ? builder.writer
            : ExpositionWriter.builder()
                .registry(
                    builder.registry != null ? builder.registry : PrometheusRegistry.defaultRegistry)
                .build();
    this.renderer = new BodyRenderer(writer);
    this.metricsPath = builder.metricsPath != null ? builder.metricsPath : "/metrics";
    this.healthPath = builder.healthPath != null ? builder.healthPath : "/-/healthy";
    this.maxQueryLength = builder.maxQueryLength > 0 ? builder.maxQueryLength : 8192;
    this.maxQueryParameters = builder.maxQueryParameters > 0 ? builder.maxQueryParameters : 100;
    this.authentication = builder.authentication;
    this.pages =
        new FixedPages(
            metricsPath,
            healthPath,
            builder.indexPage,
            authentication,
            Boolean.TRUE.equals(builder.authenticateHealthPath),
            builder.healthCheck);
    this.routes = Map.copyOf(builder.routes);
  }

  /**
   * A builder with the defaults: client_java's default registry, metrics path {@code /metrics},
   * health path {@code /-/healthy}, an index page, queries of at most 8192 characters and 100
   * parameters.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Answers a request by its path: the metrics path, a {@linkplain Builder#route(String, Function)
   * route}, the health path, the index page at {@code /}, or 404 for anything else. Adapters that
   * own a whole port (the JDK {@code HttpServer}) call this.
   *
   * @param request the request
   * @return the complete response
   * @throws NullPointerException when {@code request} is null
   */
  public ScrapeResponse handle(ScrapeRequest request) {
    Objects.requireNonNull(request, "request");
    String path = request.path();
    if (metricsPath.equals(path)) {
      return scrape(request);
    }
    Function<ScrapeRequest, ScrapeResponse> route = routes.get(path);
    if (route != null) {
      return route(request, route);
    }
    ScrapeResponse page = pages.answer(request, path);
    return page != null ? page : ScrapeResponse.text(404, TEXT, "Not Found\n", isHead(request));
  }

  /**
   * Answers a request as a scrape of the metrics endpoint, whatever its path. Adapters whose
   * container already mapped the request to metrics (a Servlet) call this.
   *
   * @param request the request
   * @return the complete response: 200, 400, 401, 405, 406, 431 or 500
   * @throws NullPointerException when {@code request} is null
   */
  public ScrapeResponse scrape(ScrapeRequest request) {
    Objects.requireNonNull(request, "request");
    if (!isGetOrHead(request)) {
      return ScrapeResponse.methodNotAllowed(request.method());
    }
    boolean head = isHead(request);
    // After the method check and before the query is read, so a client without credentials
    // learns nothing about limits or families.
    ScrapeResponse refused = authentication == null ? null : authentication.check(request);
    if (refused != null) {
      return refused;
    }
    ScrapeQuery query;
    ExpositionFormat format;
    try {
      query = ScrapeQuery.parse(request.rawQuery(), maxQueryLength, maxQueryParameters);
      format = query.format();
    } catch (Rejection rejection) {
      return ScrapeResponse.text(rejection.status, TEXT, rejection.getMessage() + "\n", head);
    }
    ContentNegotiation.Negotiated negotiated =
        format != null
            ? ContentNegotiation.forFormat(format)
            : ContentNegotiation.negotiate(request.headers("Accept"));
    boolean gzip = ContentNegotiation.gzip(request.headers("Accept-Encoding"));
    return renderer.render(request, negotiated, query.familyFilter(), gzip, head);
  }

  private ScrapeResponse route(
      ScrapeRequest request, Function<ScrapeRequest, ScrapeResponse> route) {
    ScrapeResponse refused = authentication == null ? null : authentication.check(request);
    if (refused != null) {
      return refused;
    }
    ScrapeResponse response;
    try {
      response = route.apply(request);
    } catch (Throwable e) { // the policy of collectors' failures, an Error included (class javadoc)
      response = null;
      LOG.error("The route of {} failed; answered 500", request.path(), e);
    }
    if (response == null) {
      return ScrapeResponse.text(
          500, TEXT, "Internal Server Error\n", isHead(request));
    }
    return response;
  }

  /**
   * Checks the constant labels of the exposition writer against the families of the registry as
   * they are now, as {@link ExpositionWriter.Builder#build()} did when the writer was built.
   * Adapters call it when they start, so that a family registered between the handler's build and
   * the start is checked too; without constant labels it does nothing.
   *
   * @throws IllegalArgumentException when a constant label is a label of a family of the registry,
   *     naming both: {@code constant label region collides with a label of metric family
   *     check_last_duration_seconds}
   */
  public void checkConstantLabels() {
    writer.checkConstantLabels();
  }

  /**
   * The path {@link #handle(ScrapeRequest)} serves metrics on.
   *
   * @return for example {@code "/metrics"}
   */
  public String metricsPath() {
    return metricsPath;
  }

  /**
   * The path {@link #handle(ScrapeRequest)} answers {@code OK} on.
   *
   * @return for example {@code "/-/healthy"}
   */
  public String healthPath() {
    return healthPath;
  }

  static boolean isGetOrHead(ScrapeRequest request) {
    return "GET".equals(request.method()) || isHead(request);
  }

  static boolean isHead(ScrapeRequest request) {
    return "HEAD".equals(request.method());
  }

  /** Configures a {@link ScrapeHandler}; every option may be set once. */
  public static final class Builder {
    private PrometheusRegistry registry;
    private ExpositionWriter writer;
    private String metricsPath;
    private String healthPath;
    private Boolean indexPage;
    private int maxQueryLength;
    private int maxQueryParameters;
    private Authentication authentication;
    private Boolean authenticateHealthPath;
    private BooleanSupplier healthCheck;
    private final Map<String, Function<ScrapeRequest, ScrapeResponse>> routes =
        new LinkedHashMap<>();

    private Builder() {}

    /**
     * The registry to expose, written with a default {@link ExpositionWriter}.
     *
     * @param registry the registry; default client_java's {@code PrometheusRegistry.defaultRegistry}
     * @return this builder
     * @throws NullPointerException when {@code registry} is null
     * @throws IllegalStateException when a registry or an exposition writer was already set
     */
    public Builder registry(PrometheusRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      requireNoSource();
      this.registry = registry;
      return this;
    }

    /**
     * The writer to expose, for example one that adds constant labels.
     *
     * @param writer the writer
     * @return this builder
     * @throws NullPointerException when {@code writer} is null
     * @throws IllegalStateException when a registry or an exposition writer was already set
     */
    public Builder expositionWriter(ExpositionWriter writer) {
      Objects.requireNonNull(writer, "writer");
      requireNoSource();
      this.writer = writer;
      return this;
    }

    /**
     * The path that serves metrics, matched exactly.
     *
     * @param path an absolute path without query or fragment; default {@code "/metrics"}
     * @return this builder
     * @throws NullPointerException when {@code path} is null
     * @throws IllegalArgumentException when {@code path} does not match {@code /[^?#\s]*}
     * @throws IllegalStateException when the metrics path was already set
     */
    public Builder metricsPath(String path) {
      HandlerOptions.requireUnset(metricsPath, "metrics path");
      this.metricsPath = HandlerOptions.requirePath(path, "metrics path");
      return this;
    }

    /**
     * The path that answers 200 {@code OK}, matched exactly.
     *
     * @param path an absolute path without query or fragment; default {@code "/-/healthy"}
     * @return this builder
     * @throws NullPointerException when {@code path} is null
     * @throws IllegalArgumentException when {@code path} does not match {@code /[^?#\s]*}
     * @throws IllegalStateException when the health path was already set
     */
    public Builder healthPath(String path) {
      HandlerOptions.requireUnset(healthPath, "health path");
      this.healthPath = HandlerOptions.requirePath(path, "health path");
      return this;
    }

    /**
     * A test behind the health path: 200 {@code OK} while it returns true, else 503 {@code Service
     * Unavailable}; for example a check runner's {@code runner::isHealthy}.
     *
     * @param check called on every {@code GET} or {@code HEAD} of the health path (after
     *     authentication, where the health path is authenticated), so it should be fast; one that
     *     throws counts as unhealthy (logged at warn level); default: always healthy
     * @return this builder
     * @throws NullPointerException when {@code check} is null
     * @throws IllegalStateException when a health check was already set
     */
    public Builder healthCheck(BooleanSupplier check) {
      Objects.requireNonNull(check, "check");
      if (healthCheck != null) {
        throw new IllegalStateException("health check was already set");
      }
      this.healthCheck = check;
      return this;
    }

    /**
     * Whether {@code /} answers with an HTML page linking to the metrics path; never when the metrics
     * or health path is {@code /} itself.
     *
     * @param enabled default true
     * @return this builder
     * @throws IllegalStateException when the option was already set
     */
    public Builder indexPage(boolean enabled) {
      HandlerOptions.requireUnset(indexPage, "index page");
      this.indexPage = enabled;
      return this;
    }

    /**
     * The longest query string accepted; a longer one gets 400.
     *
     * @param characters the most characters after {@code ?}; default 8192
     * @return this builder
     * @throws IllegalArgumentException when {@code characters} is not positive
     * @throws IllegalStateException when the option was already set
     */
    public Builder maxQueryLength(int characters) {
      HandlerOptions.requireUnset(maxQueryLength == 0 ? null : maxQueryLength, "max query length");
      this.maxQueryLength = HandlerOptions.requirePositive(characters, "max query length");
      return this;
    }

    /**
     * The most query parameters accepted; more get 400.
     *
     * @param count the most {@code &}-separated parameters; default 100
     * @return this builder
     * @throws IllegalArgumentException when {@code count} is not positive
     * @throws IllegalStateException when the option was already set
     */
    public Builder maxQueryParameters(int count) {
      HandlerOptions.requireUnset(
          maxQueryParameters == 0 ? null : maxQueryParameters, "max query parameters");
      this.maxQueryParameters = HandlerOptions.requirePositive(count, "max query parameters");
      return this;
    }

    /**
     * The credentials every scrape must present; default none.
     *
     * @param authentication bearer tokens or basic auth, see {@link Authentication}
     * @return this builder
     * @throws NullPointerException when {@code authentication} is null
     * @throws IllegalStateException when authentication was already set
     */
    public Builder authentication(Authentication authentication) {
      Objects.requireNonNull(authentication, "authentication");
      HandlerOptions.requireUnset(this.authentication, "authentication");
      this.authentication = authentication;
      return this;
    }

    /**
     * Whether the health path needs the credentials too; by default it answers anyone, so a load
     * balancer or an orchestrator can probe it without them.
     *
     * @param enabled default false; true needs {@link #authentication(Authentication)}
     * @return this builder
     * @throws IllegalStateException when the option was already set
     */
    public Builder authenticateHealthPath(boolean enabled) {
      HandlerOptions.requireUnset(authenticateHealthPath, "authenticate health path");
      this.authenticateHealthPath = enabled;
      return this;
    }

    /**
     * Answers one more exact path with {@code route}, beside metrics, for an application that
     * serves a little more than metrics on the same port (a reload endpoint, a blackbox-style
     * {@code /probe}). {@link ScrapeHandler#handle(ScrapeRequest)} checks the request's credentials
     * as for the metrics path, then calls the route; the route checks the method and everything
     * else itself, and builds its answer with {@link ScrapeResponse#plainText(int, String,
     * boolean)} or with another handler's {@link ScrapeHandler#scrape(ScrapeRequest)}.
     *
     * @param path an absolute path without query or fragment, matched exactly; not the metrics or
     *     health path, not {@code /}
     * @param route answers every request of the path, on the adapter's thread, so it should bound
     *     its own time; what it throws (or a null answer) becomes the generic 500, logged
     * @return this builder
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code path} does not match {@code /[^?#\s]*} or is
     *     {@code /}
     * @throws IllegalStateException when a route was already set for {@code path}
     */
    public Builder route(String path, Function<ScrapeRequest, ScrapeResponse> route) {
      HandlerOptions.requirePath(path, "route path");
      Objects.requireNonNull(route, "route");
      if (path.equals("/")) {
        throw new IllegalArgumentException("route path must not be \"/\" (the index page)");
      }
      HandlerOptions.requireUnset(routes.containsKey(path) ? path : null, "route");
      routes.put(path, route);
      return this;
    }

    /**
     * Builds the handler.
     *
     * @return a new, immutable handler
     * @throws IllegalStateException when the health path equals the metrics path, the health path
     *     is to be authenticated without authentication, or a route has the metrics or health path
     */
    public ScrapeHandler build() {
      String metrics = metricsPath != null ? metricsPath : "/metrics";
      String health = healthPath != null ? healthPath : "/-/healthy";
      if (metrics.equals(health)) {
        throw new IllegalStateException(
            "health path must differ from the metrics path: \"" + health + "\"");
      }
      for (String path : routes.keySet()) {
        if (path.equals(metrics) || path.equals(health)) {
          throw new IllegalStateException(
              "route path must differ from the metrics and health paths: \"" + path + "\"");
        }
      }
      if (Boolean.TRUE.equals(authenticateHealthPath) && authentication == null) {
        throw new IllegalStateException(
            "authenticate health path needs authentication; none was set");
      }
      return new ScrapeHandler(this);
    }

    private void requireNoSource() {
      if (registry != null || writer != null) {
        throw new IllegalStateException(
            "registry or exposition writer was already set; set exactly one of them");
      }
    }
  }
}
