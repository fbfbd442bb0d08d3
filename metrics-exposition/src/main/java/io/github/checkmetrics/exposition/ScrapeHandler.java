package io.github.checkmetrics.exposition;

import static io.github.checkmetrics.model.internal.Messages.quote;

import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.internal.SetOnce;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP contract of a metrics endpoint, implemented once for every transport: an adapter turns
 * its request into a {@link ScrapeRequest}, calls {@link #handle(ScrapeRequest)} and copies the
 * {@link ScrapeResponse} back. Every answer comes from here, 404 and 503 included; an adapter adds
 * only its transport (port, TLS, timeouts, a servlet mapping).
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
 *   <li>With {@link Builder#tenants(io.github.checkmetrics.model.CheckMetrics, TenantResolver)}:
 *       a tenant endpoint of a check platform. Each scrape serves only the checks of the tenant its
 *       credential resolves to, on a fixed metrics path or one holding {@code {tenant}}; every
 *       refusal is one identical 401, a tenant segment that cannot name a tenant is 404, a tenant
 *       past its {@linkplain Builder#tenantRateLimit(int, int) rate limit} gets 429 with {@code
 *       Retry-After}.
 *   <li>An unknown {@code format}: 406 naming the supported values. A query longer than {@link
 *       Builder#maxQueryLength(int)}, with more than {@link Builder#maxQueryParameters(int)}
 *       parameters, an empty {@code name[]} or bad percent-encoding: 400.
 *   <li>More scrapes at once than {@link Builder#concurrentScrapes(int, int)} lets collect or wait
 *       (by default {@value #DEFAULT_COLLECTING_SCRAPES} collect and {@value
 *       #DEFAULT_WAITING_SCRAPES} wait, each at most {@value #SLOT_WAIT_SECONDS} s): 503 with
 *       {@code Retry-After: 1} at once, never a dropped connection.
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
 *   <li>A path given to {@link Builder#route(String, Function)} is answered by its route, after
 *       the same authentication as the metrics path (a route that throws, an {@code Error}
 *       included, gets the generic 500). The health path answers 200 {@code OK} (503 while a
 *       {@linkplain Builder#healthCheck(BooleanSupplier) health check} says no), {@code /} an HTML
 *       page linking to the metrics path (unless disabled or taken), any other path 404. Paths
 *       match exactly: {@code /metricsfoo} is not {@code /metrics}.
 * </ul>
 *
 * <p>Immutable and thread-safe: one instance serves concurrent requests.
 */
public final class ScrapeHandler {

  /** The metrics path unless {@link Builder#metricsPath(String)} sets one. */
  public static final String DEFAULT_METRICS_PATH = "/metrics";

  /** The health path unless {@link Builder#healthPath(String)} sets one. */
  public static final String DEFAULT_HEALTH_PATH = "/-/healthy";

  /** The longest query accepted unless {@link Builder#maxQueryLength(int)} says otherwise. */
  public static final int DEFAULT_MAX_QUERY_LENGTH = 8192;

  /** The most query parameters unless {@link Builder#maxQueryParameters(int)} says otherwise. */
  public static final int DEFAULT_MAX_QUERY_PARAMETERS = 100;

  /** Scrapes that collect at once unless {@link Builder#concurrentScrapes(int, int)} says so. */
  public static final int DEFAULT_COLLECTING_SCRAPES = 4;

  /** Scrapes that wait for a slot unless {@link Builder#concurrentScrapes(int, int)} says so. */
  public static final int DEFAULT_WAITING_SCRAPES = 32;

  /** How long a scrape waits for a slot before it is answered 503, in seconds. */
  public static final int SLOT_WAIT_SECONDS = 5;

  static final String TEXT = "text/plain; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);

  private final ExpositionWriter writer;
  private final String metricsPath;
  private final String healthPath;
  private final MetricsRoute metrics;
  private final Routes routes;

  private ScrapeHandler(
      Builder builder, ExpositionWriter writer, TenantResolver resolver, TenantScrapes tenants) {
    this.writer = writer;
    this.metricsPath = builder.metricsPath != null ? builder.metricsPath : DEFAULT_METRICS_PATH;
    this.healthPath = builder.healthPath();
    Gate gate =
        resolver != null
            ? new TenantGate(resolver)
            : builder.authentication != null ? builder.authentication::admit : Gate.OPEN;
    this.metrics =
        new MetricsRoute(
            (admission, variables, familyFilter) -> writer.collect(familyFilter),
            gate,
            new ScrapeSlots(
                orDefault(builder.collectingScrapes, DEFAULT_COLLECTING_SCRAPES),
                orDefault(builder.waitingScrapes, DEFAULT_WAITING_SCRAPES),
                Duration.ofSeconds(SLOT_WAIT_SECONDS).toNanos()),
            orDefault(builder.maxQueryLength, DEFAULT_MAX_QUERY_LENGTH),
            orDefault(builder.maxQueryParameters, DEFAULT_MAX_QUERY_PARAMETERS),
            tenants);
    Routes.Builder table = new Routes.Builder().add(metricsPath, metrics, "metrics path");
    if (builder.tenantPath != null) {
      table.add(builder.tenantPath, metrics, "tenant path");
    }
    builder.routes.forEach((path, route) -> table.add(path, custom(gate, route), "route path"));
    if (healthPath != null) {
      boolean authenticate = Boolean.TRUE.equals(builder.authenticateHealthPath);
      table.add(
          healthPath,
          Pages.health(authenticate ? gate : Gate.OPEN, builder.healthCheck),
          "health path");
    }
    if (!Boolean.FALSE.equals(builder.indexPage)
        && !metricsPath.equals("/")
        && !"/".equals(healthPath)) {
      table.add("/", Pages.index(gate, metricsPath, healthPath), "index page");
    }
    this.routes = table.build();
  }

  private static int orDefault(Integer value, int fallback) {
    return value != null ? value : fallback;
  }

  /**
   * A builder with the defaults: client_java's default registry, metrics path {@value
   * #DEFAULT_METRICS_PATH}, health path {@value #DEFAULT_HEALTH_PATH}, an index page, queries of
   * at most {@value #DEFAULT_MAX_QUERY_LENGTH} characters and {@value
   * #DEFAULT_MAX_QUERY_PARAMETERS} parameters.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Answers a request by its path: the metrics path, a {@linkplain Builder#route(String, Function)
   * route}, the health path, the index page at {@code /}, or 404 for anything else.
   *
   * @param request the request
   * @return the complete response
   * @throws NullPointerException when {@code request} is null
   */
  public ScrapeResponse handle(ScrapeRequest request) {
    Objects.requireNonNull(request, "request");
    Routes.Match match = routes.match(request.path());
    if (match == null) {
      return ScrapeResponse.notFound(isHead(request));
    }
    return match.answer(request);
  }

  /**
   * Answers a request as a scrape of the metrics path, whatever its path: for a route that serves
   * metrics of its own, such as a blackbox-style {@code /probe} answering with another handler.
   *
   * @param request the request
   * @return the complete response: 200, 400, 401, 405, 406, 431, 500 or 503
   * @throws NullPointerException when {@code request} is null
   */
  public ScrapeResponse scrape(ScrapeRequest request) {
    Objects.requireNonNull(request, "request");
    return metrics.answer(request, Map.of());
  }

  /**
   * Checks the constant labels against the families of the registry as they are now, as {@link
   * Builder#build()} did. Adapters call it when they start, so that a family registered between
   * the handler's build and the start is checked too; without constant labels it does nothing.
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
   * @return for example {@code "/-/healthy"}; empty after {@link Builder#noHealthPath()}
   */
  public Optional<String> healthPath() {
    return Optional.ofNullable(healthPath);
  }

  /**
   * Admits a request to a page or a scrape: refused with 405 for a method other than {@code GET}
   * and {@code HEAD}, else as the gate decides (401, 431, or an identity).
   */
  static Gate.Admission admit(ScrapeRequest request, Gate gate) {
    if (!isGetOrHead(request)) {
      return Gate.Admission.refused(ScrapeResponse.methodNotAllowed(request.method()));
    }
    return gate.admit(request);
  }

  static boolean isGetOrHead(ScrapeRequest request) {
    return "GET".equals(request.method()) || isHead(request);
  }

  static boolean isHead(ScrapeRequest request) {
    return "HEAD".equals(request.method());
  }

  /** A user's route: the metrics path's credentials first; what it throws becomes the 500. */
  private static Routes.Route custom(Gate gate, Function<ScrapeRequest, ScrapeResponse> route) {
    return (request, variables) -> {
      Gate.Admission admission = gate.admit(request);
      if (admission.isRefused()) {
        return admission.refusal();
      }
      ScrapeResponse response;
      try {
        response = route.apply(request);
      } catch (Throwable e) { // the policy of collectors' failures, an Error included
        response = null;
        LOG.error("The route of {} failed; answered 500", request.path(), e);
      }
      return response != null
          ? response
          : ScrapeResponse.text(500, TEXT, "Internal Server Error\n", isHead(request));
    };
  }

  /**
   * Configures a {@link ScrapeHandler}; every option may be set once (a second call is an {@link
   * IllegalStateException} naming the option and both values). Not thread-safe.
   */
  public static final class Builder {
    /** The registry and constant labels, checked by the writer's own builder. */
    private final ExpositionWriter.Builder writer = ExpositionWriter.builder();
    private PrometheusRegistry registry;
    private EndpointConfig config;
    private String metricsPath;
    private Optional<String> healthPath;
    private Boolean indexPage;
    private Integer maxQueryLength;
    private Integer maxQueryParameters;
    private Integer collectingScrapes;
    private Integer waitingScrapes;
    private Authentication authentication;
    private Boolean authenticateHealthPath;
    private BooleanSupplier healthCheck;
    private final Map<String, Function<ScrapeRequest, ScrapeResponse>> routes =
        new LinkedHashMap<>();
    private CheckMetrics tenantChecks;
    private TenantResolver tenantResolver;
    private String tenantPath;
    private Integer tenantRequestsPerMinute;
    private Integer tenantBurst;
    private Duration tenantCacheTtl;
    private Set<String> tenantSharedFamilies;
    private LongSupplier ticker = System::nanoTime;

    private Builder() {}

    /**
     * The registry to expose.
     *
     * @param registry the registry; default client_java's {@code PrometheusRegistry.defaultRegistry}
     * @return this builder
     * @throws NullPointerException when {@code registry} is null
     * @throws IllegalStateException when the registry was already set
     */
    public Builder registry(PrometheusRegistry registry) {
      writer.registry(registry);
      this.registry = registry;
      return this;
    }

    /**
     * Adds a label to every series served, as {@link ExpositionWriter.Builder#constantLabel(String,
     * String)} does; checked against the families of the registry by {@link #build()} and again by
     * {@link ScrapeHandler#checkConstantLabels()}.
     *
     * @param name a legal label name, no label of a family of the served registry
     * @param value any string
     * @return this builder
     */
    public Builder constantLabel(String name, String value) {
      writer.constantLabel(name, value);
      return this;
    }

    /**
     * Applies a configuration read without code: its path as {@link #metricsPath(String)}, its
     * {@code auth.*} keys as {@link #authentication(Authentication)}, its constant labels as
     * {@link #constantLabel(String, String)}, its query limits (where not the defaults) as {@link
     * #maxQueryLength(int)} and {@link #maxQueryParameters(int)} (so setting one of those again
     * fails), and at {@link
     * #build()} client_java's JVM and process metrics, registered in the served registry when
     * switched on. Its transport keys (port, host, TLS, client timeout) are the adapter's.
     *
     * @param config the configuration, such as {@link EndpointConfig#load()}
     * @return this builder
     * @throws NullPointerException when {@code config} is null
     * @throws IllegalArgumentException when a credential of its {@code auth.*} keys cannot be read
     * @throws IllegalStateException when a configuration, or an option it sets, was already set
     */
    public Builder config(EndpointConfig config) {
      Objects.requireNonNull(config, "config");
      this.config = SetOnce.set("config", this.config, config);
      metricsPath(config.path());
      config.authentication().ifPresent(this::authentication);
      config.constantLabels().forEach(this::constantLabel);
      // Applied when they differ from the defaults, so that code may still set them.
      if (config.maxQueryLength() != DEFAULT_MAX_QUERY_LENGTH) {
        maxQueryLength(config.maxQueryLength());
      }
      if (config.maxQueryParameters() != DEFAULT_MAX_QUERY_PARAMETERS) {
        maxQueryParameters(config.maxQueryParameters());
      }
      config.tenantPath().ifPresent(this::tenantPath);
      config
          .tenantRateLimitPerMinute()
          .ifPresent(
              perMinute ->
                  tenantRateLimit(perMinute, config.tenantRateLimitBurst().orElse(perMinute)));
      config.tenantCacheTtl().ifPresent(this::tenantCache);
      return this;
    }

    /**
     * The path that serves metrics, matched exactly.
     *
     * @param path an absolute path without query or fragment; default {@value
     *     #DEFAULT_METRICS_PATH}
     * @return this builder
     * @throws NullPointerException when {@code path} is null
     * @throws IllegalArgumentException when {@code path} does not match {@code /[^?#\s]*}
     * @throws IllegalStateException when the metrics path was already set
     */
    public Builder metricsPath(String path) {
      Routes.requirePath(path, "metrics path");
      this.metricsPath = SetOnce.set("metricsPath", metricsPath, path);
      return this;
    }

    /**
     * The path that answers 200 {@code OK}, matched exactly.
     *
     * @param path an absolute path without query or fragment; default {@value
     *     #DEFAULT_HEALTH_PATH}
     * @return this builder
     * @throws NullPointerException when {@code path} is null
     * @throws IllegalArgumentException when {@code path} does not match {@code /[^?#\s]*}
     * @throws IllegalStateException when the health path was already set
     */
    public Builder healthPath(String path) {
      Routes.requirePath(path, "health path");
      SetOnce.set("healthPath", shownHealthPath(), path);
      this.healthPath = Optional.of(path);
      return this;
    }

    /**
     * No health path: every path but the metrics path, the routes and the index page gets 404, as
     * a servlet mapped at {@code /*} wants when the application has a health endpoint of its own.
     *
     * @return this builder
     * @throws IllegalStateException when the health path was already set
     */
    public Builder noHealthPath() {
      SetOnce.set("healthPath", shownHealthPath(), "none");
      this.healthPath = Optional.empty();
      return this;
    }

    /** The health path as a message shows it: null when unset, {@code none} when switched off. */
    private String shownHealthPath() {
      return healthPath == null ? null : healthPath.orElse("none");
    }

    private String healthPath() {
      return healthPath == null ? DEFAULT_HEALTH_PATH : healthPath.orElse(null);
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
      this.healthCheck = SetOnce.set("healthCheck", healthCheck, check);
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
      this.indexPage = SetOnce.set("indexPage", indexPage, enabled);
      return this;
    }

    /**
     * The longest query string accepted; a longer one gets 400.
     *
     * @param characters the most characters after {@code ?}; default {@value
     *     #DEFAULT_MAX_QUERY_LENGTH}
     * @return this builder
     * @throws IllegalArgumentException when {@code characters} is not positive
     * @throws IllegalStateException when the option was already set
     */
    public Builder maxQueryLength(int characters) {
      this.maxQueryLength =
          SetOnce.set("maxQueryLength", maxQueryLength,
              requirePositive(characters, "max query length"));
      return this;
    }

    /**
     * The most query parameters accepted; more get 400.
     *
     * @param count the most {@code &}-separated parameters; default {@value
     *     #DEFAULT_MAX_QUERY_PARAMETERS}
     * @return this builder
     * @throws IllegalArgumentException when {@code count} is not positive
     * @throws IllegalStateException when the option was already set
     */
    public Builder maxQueryParameters(int count) {
      this.maxQueryParameters =
          SetOnce.set("maxQueryParameters", maxQueryParameters,
              requirePositive(count, "max query parameters"));
      return this;
    }

    /**
     * How many scrapes collect at once and how many wait for a slot (each at most {@value
     * #SLOT_WAIT_SECONDS} s); past both a scrape is answered 503 with {@code Retry-After: 1} at
     * once. Collecting is bounded so that a burst of scrapes cannot hold a body each in memory;
     * reading requests and writing responses are the adapter's and take no slot.
     *
     * @param collecting scrapes that collect at once, at least 1; default {@value
     *     #DEFAULT_COLLECTING_SCRAPES}
     * @param waiting scrapes that wait for a slot, at least 0; default {@value
     *     #DEFAULT_WAITING_SCRAPES}
     * @return this builder
     * @throws IllegalArgumentException when {@code collecting} is under 1 or {@code waiting} under 0
     * @throws IllegalStateException when the option was already set
     */
    public Builder concurrentScrapes(int collecting, int waiting) {
      requirePositive(collecting, "collecting scrapes");
      if (waiting < 0) {
        throw new IllegalArgumentException("waiting scrapes must be >= 0: " + waiting);
      }
      this.collectingScrapes = SetOnce.set("concurrentScrapes", collectingScrapes, collecting);
      this.waitingScrapes = waiting;
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
      this.authentication = SetOnce.set("authentication", this.authentication, authentication);
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
      this.authenticateHealthPath =
          SetOnce.set("authenticateHealthPath", authenticateHealthPath, enabled);
      return this;
    }

    /**
     * Turns on tenant mode, the endpoint of a check platform (as Checkly's and Appclacks' are):
     * every metrics path serves the scraping tenant's checks only, the tenant being the one the
     * request's credential resolves to, a bearer token or basic auth with the tenant id as user
     * name (see {@link TenantResolver}). The metrics path may be fixed ({@code /metrics}: the
     * tenant comes from the credential, Appclacks' shape) or hold {@code {tenant}} as a whole
     * segment ({@code /accounts/{tenant}/metrics}: the path's tenant must be the credential's,
     * Checkly's shape); {@link #tenantPath(String)} adds a second one, so that one handler serves
     * both shapes.
     *
     * <p>A tenant's scrape holds the series of its checks ({@link CheckMetrics#scrape(String,
     * java.util.function.Predicate)}, without the tenant label), the families the platform shares
     * with every tenant ({@link #tenantSharedFamilies(String...)}), and nothing else of the
     * registry: no other tenant's series, no JVM or process metrics, no other collector's. A
     * tenant with no checks gets a 200 with an empty body. Everything else of the HTTP contract
     * (negotiation, {@code format}, {@code name[]}, gzip, {@code HEAD}, 405, health) is unchanged.
     *
     * <p>Every refusal is one identical answer: no credential, a malformed or wrong one, another
     * tenant's credential on a tenant's path, a path naming a tenant that does not exist, all get
     * 401 with {@code WWW-Authenticate: Bearer realm="metrics", Basic realm="metrics",
     * charset="UTF-8"}, {@code Cache-Control: no-store} and the body {@code Unauthorized}, so a
     * client cannot learn whether a tenant exists. A tenant segment that cannot be a tenant id at
     * all ({@code ..}, {@code %2F}, longer than 128 characters) is the handler's plain 404: it
     * names no tenant. See {@code docs/tenant-credentials.md}.
     *
     * @param checks the platform's check metrics, whose tenants are served; its registry is the
     *     served registry unless {@link #registry(PrometheusRegistry)} names another
     * @param resolver resolves a request's credential to a tenant
     * @return this builder
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when tenants were already set
     */
    public Builder tenants(CheckMetrics checks, TenantResolver resolver) {
      Objects.requireNonNull(checks, "checks");
      Objects.requireNonNull(resolver, "resolver");
      this.tenantChecks = SetOnce.set("tenants", tenantChecks, checks);
      this.tenantResolver = resolver;
      return this;
    }

    /**
     * Turns on tenant mode as {@link #tenants(CheckMetrics, TenantResolver)} does, with the
     * credentials file ({@link TenantResolver#file(java.nio.file.Path)}) that the {@link
     * #config(EndpointConfig) configuration}'s {@code checkmetrics.tenants_file} names.
     *
     * @param checks the platform's check metrics
     * @return this builder
     * @throws NullPointerException when {@code checks} is null
     * @throws IllegalStateException when tenants were already set; at {@link #build()}, when no
     *     configuration names a tenants file
     */
    public Builder tenants(CheckMetrics checks) {
      Objects.requireNonNull(checks, "checks");
      this.tenantChecks = SetOnce.set("tenants", tenantChecks, checks);
      return this;
    }

    /**
     * A second metrics path of a tenant endpoint, such as {@code /accounts/{tenant}/metrics}
     * beside the fixed {@code /metrics}; see {@link #tenants(CheckMetrics, TenantResolver)}.
     *
     * @param path an absolute path without query or fragment, fixed or holding {@code {tenant}}
     *     as a whole segment
     * @return this builder
     * @throws NullPointerException when {@code path} is null
     * @throws IllegalArgumentException when {@code path} does not match {@code /[^?#\s]*}
     * @throws IllegalStateException when the tenant path was already set
     */
    public Builder tenantPath(String path) {
      Routes.requirePath(path, "tenant path");
      this.tenantPath = SetOnce.set("tenantPath", tenantPath, path);
      return this;
    }

    /**
     * A token bucket per tenant: a tenant may scrape {@code burst} times at once and once more
     * every {@code 60 / requestsPerMinute} seconds; beyond, 429 with {@code Retry-After} (whole
     * seconds until its next token) and the body {@code Too Many Requests}, counted in {@code
     * <namespace>_tenant_scrapes_rate_limited_total{<tenant label>="..."}} of the checks'
     * registry (the platform's own view, never a tenant's). A refused credential takes no token.
     *
     * @param requestsPerMinute 1 to 1000000; Checkly allows 50
     * @param burst 1 to 1000000: the most scrapes at once
     * @return this builder
     * @throws IllegalArgumentException when a value is out of range
     * @throws IllegalStateException when the rate limit was already set
     */
    public Builder tenantRateLimit(int requestsPerMinute, int burst) {
      TenantRateLimit.requireRange("tenant rate limit requests per minute", requestsPerMinute);
      TenantRateLimit.requireRange("tenant rate limit burst", burst);
      this.tenantRequestsPerMinute =
          SetOnce.set("tenantRateLimit", tenantRequestsPerMinute, requestsPerMinute);
      this.tenantBurst = burst;
      return this;
    }

    /**
     * Keeps each tenant's answers for a time to live (as Checkly caches its endpoint's for 60 s),
     * keyed by tenant, content type, encoding and {@code name[]}. Off by default: a cached answer
     * is up to the TTL old (a check that failed a second ago may still show as passing), in return
     * a tenant that scrapes faster than the TTL (several Prometheus replicas, a dashboard) costs one
     * render per TTL. At most {@value TenantResponseCache#DEFAULT_MAX_ENTRIES} answers are kept;
     * past that, answers are served uncached until one expires.
     *
     * @param timeToLive from 1 millisecond to 1 hour
     * @return this builder
     * @throws NullPointerException when {@code timeToLive} is null
     * @throws IllegalArgumentException when {@code timeToLive} is out of range
     * @throws IllegalStateException when the cache was already set
     */
    public Builder tenantCache(Duration timeToLive) {
      TenantResponseCache.requireTimeToLive(timeToLive);
      this.tenantCacheTtl = SetOnce.set("tenantCache", tenantCacheTtl, timeToLive);
      return this;
    }

    /**
     * Families of the served registry that every tenant's scrape holds too, such as the
     * platform's own {@code jvm_memory_used_bytes}; by default none.
     *
     * @param familyNames client_java family names ({@code process_cpu_seconds} for {@code
     *     process_cpu_seconds_total}), none a family of the checks
     * @return this builder
     * @throws NullPointerException when a name is null
     * @throws IllegalStateException when shared families were already set
     */
    public Builder tenantSharedFamilies(String... familyNames) {
      Set<String> names = Set.of(familyNames.clone());
      this.tenantSharedFamilies = SetOnce.set("tenantSharedFamilies", tenantSharedFamilies, names);
      return this;
    }

    /** The clock of the rate limit and the cache, in nanoseconds, for tests. */
    Builder ticker(LongSupplier nanoTime) {
      this.ticker = Objects.requireNonNull(nanoTime, "nanoTime");
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
      Routes.requirePath(path, "route path");
      Objects.requireNonNull(route, "route");
      if (path.equals("/")) {
        throw new IllegalArgumentException("route path must not be \"/\" (the index page)");
      }
      if (routes.containsKey(path)) {
        throw SetOnce.alreadySet("route", path, path);
      }
      routes.put(path, route);
      return this;
    }

    /**
     * Builds the handler, checking the constant labels against the families of the registry (one
     * scrape of it, only when there are constant labels) after registering the JVM and process
     * metrics a {@link #config(EndpointConfig) configuration} switches on.
     *
     * @return a new, immutable handler
     * @throws IllegalStateException when the health path equals the metrics path, the health path
     *     is to be authenticated without authentication, a route has the metrics or health path,
     *     or a route is set with {@link #tenants(CheckMetrics, TenantResolver) tenants} (a route
     *     cannot tell which tenant called)
     * @throws IllegalArgumentException when a constant label is a label of a family of the
     *     registry, naming both (see {@link ExpositionWriter.Builder#build()})
     */
    public ScrapeHandler build() {
      String metrics = metricsPath != null ? metricsPath : DEFAULT_METRICS_PATH;
      String health = healthPath();
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
      if (Boolean.TRUE.equals(authenticateHealthPath)
          && authentication == null
          && tenantChecks == null) {
        throw new IllegalStateException(
            "authenticate health path needs authentication; none was set");
      }
      TenantResolver resolver = tenantResolver();
      requireTenantPaths(metrics);
      if (tenantChecks != null && registry == null) {
        registry(tenantChecks.registry());
      }
      PrometheusRegistry served = registry != null ? registry : PrometheusRegistry.defaultRegistry;
      if (config != null) {
        JvmInstrumentation.register(served, config.jvmMetrics(), config.processMetrics());
      }
      ExpositionWriter built = writer.build();
      return new ScrapeHandler(this, built, resolver, tenantScrapes(built));
    }

    /**
     * The resolver of a tenant endpoint: the one given, or the configuration's tenants file (read
     * now); null for a plain endpoint.
     */
    private TenantResolver tenantResolver() {
      Optional<Path> file = config != null ? config.tenantsFile() : Optional.empty();
      if (file.isPresent() && (tenantChecks == null || tenantResolver != null)) {
        throw new IllegalStateException(
            tenantChecks == null
                ? "checkmetrics.tenants_file needs tenants(checks); none was set"
                : "checkmetrics.tenants_file and the resolver of tenants(checks, resolver) must"
                    + " not both be set");
      }
      if (tenantChecks == null || tenantResolver != null) {
        return tenantResolver;
      }
      return TenantResolver.file(
          file.orElseThrow(
              () ->
                  new IllegalStateException(
                      "tenants(checks) needs checkmetrics.tenants_file in the configuration;"
                          + " none was set")));
    }

    /**
     * Tenant options need tenant mode; a path of a tenant endpoint may hold {@code {tenant}} and
     * no other variable.
     */
    private void requireTenantPaths(String metrics) {
      if (tenantChecks == null) {
        String[] options = {"tenantPath", "tenantRateLimit", "tenantCache", "tenantSharedFamilies"};
        Object[] values = {tenantPath, tenantRequestsPerMinute, tenantCacheTtl,
            tenantSharedFamilies};
        for (int i = 0; i < options.length; i++) {
          if (values[i] != null) {
            throw new IllegalStateException(
                options[i] + " needs tenants(checks, resolver); none was set");
          }
        }
        return;
      }
      if (authentication != null) {
        throw new IllegalStateException(
            "authentication must not be set with tenants(checks, resolver): the tenant resolver"
                + " authenticates a tenant endpoint");
      }
      if (!routes.isEmpty()) {
        // A route cannot tell which tenant called: behind the tenant gate, every customer's
        // credential would open it. The platform's own routes belong on a handler of their own.
        throw new IllegalStateException(
            "route must not be set with tenants(checks, resolver): every tenant's credential"
                + " would open it; serve routes from a handler of their own: "
                + quote(routes.keySet().iterator().next()));
      }
      for (String path : new String[] {metrics, tenantPath}) {
        if (path != null
            && path.replace("{" + TenantScrapes.VARIABLE + "}", "").matches(".*[{}].*")) {
          throw new IllegalArgumentException(
              (path.equals(metrics) ? "metrics path" : "tenant path") + " may hold {"
                  + TenantScrapes.VARIABLE + "} and no other {name}: " + quote(path));
        }
      }
    }

    /** The tenant side of the metrics route, or null for a plain handler. */
    private TenantScrapes tenantScrapes(ExpositionWriter built) {
      if (tenantChecks == null) {
        return null;
      }
      TenantView view =
          new TenantView(
              tenantChecks, built, tenantSharedFamilies != null ? tenantSharedFamilies : Set.of());
      TenantRateLimit limit =
          tenantRequestsPerMinute == null
              ? null
              : TenantRateLimit.counted(
                  tenantRequestsPerMinute,
                  tenantBurst,
                  ticker,
                  tenantChecks.registry(),
                  tenantChecks.schema().namespace(),
                  tenantChecks.schema().tenantLabel());
      TenantResponseCache cache =
          tenantCacheTtl == null
              ? null
              : new TenantResponseCache(
                  tenantCacheTtl, TenantResponseCache.DEFAULT_MAX_ENTRIES, ticker);
      return new TenantScrapes(view, limit, cache);
    }

    private static int requirePositive(int value, String option) {
      if (value <= 0) {
        throw new IllegalArgumentException(option + " must be > 0: " + value);
      }
      return value;
    }
  }
}
