package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Jakarta Servlet 6.0 that serves a client_java {@link PrometheusRegistry} with the HTTP contract
 * of {@link ScrapeHandler}, the same as the JDK server's: content negotiation with q-values, {@code
 * ?format=}, {@code name[]}, gzip, {@code HEAD}, 405, 406, 400 and a generic 500.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler("/");  // embedded Jetty 12 ee10
 * context.addServlet(new MetricsServlet(registry), "/metrics");
 *
 * MetricsServlet labelled = MetricsServlet.builder()
 *     .registry(registry)
 *     .constantLabel("service", "orders")
 *     .metricsPath("/prometheus")
 *     .build();
 * context.addServlet(labelled, "/prometheus");
 * }</pre>
 *
 * <p><b>Declared in {@code web.xml}</b>, the servlet is created by its no-argument constructor,
 * serves client_java's {@code PrometheusRegistry.defaultRegistry} and reads these init-parameters,
 * each named after the builder method it stands for:
 *
 * <table>
 *   <caption>init-parameters</caption>
 *   <tr><th>name</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code metricsPath}</td><td>the path, within the web application, that serves
 *       metrics</td><td>{@code /metrics}</td></tr>
 *   <tr><td>{@code constantLabels}</td><td>labels added to every series, {@code name=value} pairs
 *       separated by commas, blanks around them trimmed (a value cannot hold a comma); none may be
 *       a label of a family of the registry (see {@link ExpositionWriter})</td>
 *       <td>none</td></tr>
 *   <tr><td>{@code maxQueryLength}</td><td>the longest query string accepted, in characters</td>
 *       <td>8192</td></tr>
 *   <tr><td>{@code maxQueryParameters}</td><td>the most query parameters accepted</td>
 *       <td>100</td></tr>
 *   <tr><td>{@code bearerTokenFile}</td><td>a file of the bearer tokens a scrape may present,
 *       one per line, re-read when it changes (see {@link Authentication})</td><td>none</td></tr>
 *   <tr><td>{@code basicAuthFile}</td><td>a file of {@code user:password} lines a scrape may
 *       present with basic auth, re-read when it changes</td><td>none</td></tr>
 *   <tr><td>{@code config}</td><td>{@code true} reads the configuration without code of {@link
 *       EndpointConfig}: {@code checkmetrics.*} system properties, {@code CHECKMETRICS_*}
 *       environment variables, the properties file they name with {@code checkmetrics.config}
 *       </td><td>{@code false}</td></tr>
 *   <tr><td>{@code checkmetrics.*}</td><td>keys of {@link EndpointConfig}, read only when {@code
 *       config} is {@code true}; over the properties file, under system properties and
 *       environment variables</td><td>none</td></tr>
 * </table>
 *
 * <pre>{@code
 * <servlet>
 *   <servlet-name>metrics</servlet-name>
 *   <servlet-class>io.github.checkmetrics.servlet.MetricsServlet</servlet-class>
 *   <init-param>
 *     <param-name>constantLabels</param-name>
 *     <param-value>service=orders, env=prod</param-value>
 *   </init-param>
 *   <load-on-startup>1</load-on-startup>
 * </servlet>
 * <servlet-mapping>
 *   <servlet-name>metrics</servlet-name>
 *   <url-pattern>/metrics</url-pattern>
 * </servlet-mapping>
 * }</pre>
 *
 * <p>With {@code config} {@code true}, the configuration applies as {@link
 * Builder#config(EndpointConfig)} does: its path, constant labels, {@code auth.*} keys and JVM and
 * process metrics (into the default registry); port, host and client timeout are ignored (the
 * container's connector has them), {@code tls.*} keys fail {@code init()} (the container serves HTTPS), and
 * {@code layers} is for the code that builds the check metrics. The init-parameters {@code
 * metricsPath}, {@code constantLabels}, {@code bearerTokenFile} and {@code basicAuthFile} are then
 * refused: their {@code checkmetrics.*} keys replace them, so that an environment variable can
 * override them.
 *
 * <p>An unknown init-parameter or a bad value fails {@code init()} with a {@link ServletException}
 * whose message names the parameter, never a credential; so does any init-parameter given to a
 * servlet built by its builder or constructor, which would otherwise be ignored. With {@code
 * load-on-startup} that fails the deployment; without it, the first request.
 *
 * <p><b>Paths.</b> The servlet serves metrics on exactly one path, its metrics path, taken within
 * the web application (after the context path: with context {@code /app} Prometheus scrapes {@code
 * /app/metrics} and the metrics path stays {@code /metrics}). Map it at that path. A request the
 * container routes to it on any other path (through a {@code /metrics/*} or {@code /*} mapping,
 * {@code /metrics/} or {@code /metricsfoo} for example) gets 404 {@code Not Found}, as from the
 * JDK server; the servlet has no health path or index page, which belong to the application. When
 * none of its url-patterns can match the metrics path, {@code init()} fails with a {@link
 * ServletException} naming {@code metricsPath} and the patterns. Limits the container applies
 * before the servlet sees a request stay the container's (Jetty answers a request line over its
 * request header size, 8 KiB by default, with 414).
 *
 * <p>Thread-safe: one instance serves concurrent requests, as a servlet must.
 */
public final class MetricsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Set by the constructor, or by {@link #init()} for a servlet declared in {@code web.xml}. */
  private transient volatile ScrapeHandler handler;

  /**
   * Whether the container created the servlet from {@code web.xml}, so {@link #init()} configures
   * it.
   */
  private final boolean declarative;

  /** Starts reading the configuration when the init-parameter {@code config} is true. */
  private final transient Supplier<EndpointConfig.Loader> configLoader;

  /**
   * The servlet a container creates from {@code web.xml}; {@link #init()} configures it from its
   * init-parameters (see the class documentation).
   */
  public MetricsServlet() {
    this(EndpointConfig::loader);
  }

  /** A declared servlet reading its configuration through {@code configLoader}, for tests. */
  MetricsServlet(Supplier<EndpointConfig.Loader> configLoader) {
    this.declarative = true;
    this.configLoader = configLoader;
  }

  /**
   * A servlet serving {@code registry} at {@code /metrics} within the web application.
   *
   * @param registry the registry to serve
   * @throws NullPointerException when {@code registry} is null
   */
  public MetricsServlet(PrometheusRegistry registry) {
    this(builder().registry(registry).buildHandler());
  }

  private MetricsServlet(ScrapeHandler handler) {
    this.handler = handler;
    this.declarative = false;
    this.configLoader = null;
  }

  /**
   * A builder over client_java's default registry, serving {@code /metrics}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the init-parameters of a servlet declared in {@code web.xml}, and checks that the
   * servlet's mappings can route its metrics path.
   *
   * @throws ServletException naming the parameter when an init-parameter is unknown or its value
   *     bad, or when an init-parameter is given to a servlet built programmatically; naming {@code
   *     metricsPath} when no url-pattern of the servlet matches the metrics path; naming the label
   *     and the family when a constant label is a label of a family of the served registry (see
   *     {@link ExpositionWriter})
   */
  @Override
  public void init() throws ServletException {
    if (declarative) {
      handler = InitParameters.configure(getServletConfig(), configLoader);
    } else {
      InitParameters.requireNone(getServletConfig());
      try {
        // Families registered since the servlet was built are checked too.
        handler.checkConstantLabels();
      } catch (IllegalArgumentException e) {
        throw new ServletException(e.getMessage(), e);
      }
    }
    ServletMappings.requireReachable(getServletContext(), getServletName(), handler.metricsPath());
  }

  /**
   * Answers every method, so that the scrape handler decides (405 for anything but {@code GET} and
   * {@code HEAD}) instead of {@link HttpServlet}'s own dispatch.
   */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ScrapeHandler scrapeHandler = handler;
    ServletScrapeRequest scrapeRequest = new ServletScrapeRequest(request);
    if (!scrapeHandler.metricsPath().equals(scrapeRequest.path())) {
      ServletResponses.notFound("HEAD".equals(request.getMethod()), response);
      return;
    }
    ServletResponses.send(scrapeHandler.scrape(scrapeRequest), response);
  }

  /**
   * Configures a {@link MetricsServlet}; every option may be set once. Options are checked as they
   * are set, with the messages of {@link ScrapeHandler.Builder} and {@link ExpositionWriter.Builder}.
   */
  public static final class Builder {
    // Handler options are checked at once on this builder and replayed on a fresh one by build().
    private final ScrapeHandler.Builder checked = ScrapeHandler.builder();
    private final List<Consumer<ScrapeHandler.Builder>> handlerOptions = new ArrayList<>();
    private final ExpositionWriter.Builder writer = ExpositionWriter.builder();
    private PrometheusRegistry registry;
    private boolean constantLabels;
    private EndpointConfig config;
    private ScrapeHandler handler;

    private Builder() {}

    /**
     * The registry to serve.
     *
     * @param registry the registry; default client_java's {@code PrometheusRegistry.defaultRegistry}
     * @return this builder
     * @throws NullPointerException when {@code registry} is null
     * @throws IllegalStateException when the registry was already set
     */
    public Builder registry(PrometheusRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      if (this.registry != null) {
        throw new IllegalStateException("registry was already set");
      }
      writer.registry(registry);
      this.registry = registry;
      return this;
    }

    /**
     * Adds a label to every series served; see {@link ExpositionWriter.Builder#constantLabel(String,
     * String)}.
     *
     * @param name a label name matching {@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting with {@code
     *     __}, not {@code le} or {@code quantile}, and no label of a family of the served registry
     *     (checked by {@link #build()} and again by {@link MetricsServlet#init()})
     * @param value any string
     * @return this builder
     * @throws IllegalArgumentException when the name is not a legal label name
     * @throws IllegalStateException when the name was already given
     */
    public Builder constantLabel(String name, String value) {
      writer.constantLabel(name, value);
      constantLabels = true;
      return this;
    }

    /**
     * Adds labels to every series served, as {@link #constantLabel(String, String)} does for each
     * entry.
     *
     * @param labels label names to values
     * @return this builder
     */
    public Builder constantLabels(Map<String, String> labels) {
      Objects.requireNonNull(labels, "labels");
      labels.forEach(this::constantLabel);
      return this;
    }

    /**
     * The path, within the web application, that serves metrics; see {@link
     * ScrapeHandler.Builder#metricsPath(String)}. Map the servlet at this path.
     *
     * @param path an absolute path such as {@code "/metrics"} (the default)
     * @return this builder
     */
    public Builder metricsPath(String path) {
      return handlerOption(builder -> builder.metricsPath(path));
    }

    /**
     * See {@link ScrapeHandler.Builder#maxQueryLength(int)}.
     *
     * @param characters the most characters after {@code ?}; default 8192
     * @return this builder
     */
    public Builder maxQueryLength(int characters) {
      return handlerOption(builder -> builder.maxQueryLength(characters));
    }

    /**
     * See {@link ScrapeHandler.Builder#maxQueryParameters(int)}.
     *
     * @param count the most query parameters; default 100
     * @return this builder
     */
    public Builder maxQueryParameters(int count) {
      return handlerOption(builder -> builder.maxQueryParameters(count));
    }

    /**
     * The credentials every scrape must present; see {@link
     * ScrapeHandler.Builder#authentication(Authentication)}. A request without the right ones
     * gets 401 with {@code WWW-Authenticate} and a body that reveals nothing.
     *
     * @param authentication bearer tokens or basic auth, see {@link Authentication}; default none
     * @return this builder
     * @throws NullPointerException when {@code authentication} is null
     * @throws IllegalStateException when authentication was already set
     */
    public Builder authentication(Authentication authentication) {
      return handlerOption(builder -> builder.authentication(authentication));
    }

    /**
     * Applies a configuration read without code: its metrics path as {@link #metricsPath(String)}
     * does (so setting the path again fails), its constant labels as {@link
     * #constantLabels(Map)}, its {@code auth.*} keys as {@link #authentication(Authentication)}
     * (credentials read now), and at {@link #build()} client_java's JVM and process metrics,
     * registered in the served registry when switched on. Its port, host and client timeout are
     * ignored: the container owns the connector and its timeouts. Its {@code layers} are for the code that builds the check
     * metrics ({@code CheckMetrics.Builder#layers}).
     *
     * @param config the configuration, such as {@link EndpointConfig#load()}
     * @return this builder
     * @throws NullPointerException when {@code config} is null
     * @throws IllegalArgumentException when it sets {@code tls.*} keys (the container serves
     *     HTTPS), or a credential of its {@code auth.*} keys cannot be read
     * @throws IllegalStateException when a configuration, or an option it sets, was already set
     */
    public Builder config(EndpointConfig config) {
      Objects.requireNonNull(config, "config");
      if (this.config != null) {
        throw new IllegalStateException("config was already set");
      }
      OptionChecks.requireNoTls(config);
      metricsPath(config.path());
      constantLabels(config.constantLabels());
      config.authentication().ifPresent(this::authentication);
      this.config = config;
      return this;
    }

    /**
     * A fully configured handler, instead of the options above; it is shared, not copied.
     *
     * @param handler the handler that answers every request on its metrics path
     * @return this builder
     * @throws NullPointerException when {@code handler} is null
     * @throws IllegalStateException when a handler was already set
     */
    public Builder handler(ScrapeHandler handler) {
      Objects.requireNonNull(handler, "handler");
      if (this.handler != null) {
        throw new IllegalStateException("handler was already set");
      }
      this.handler = handler;
      return this;
    }

    /**
     * Builds the servlet, to register with a container (its init-parameters must then be empty).
     *
     * @return a new servlet
     * @throws IllegalStateException when a handler and other options were both set
     * @throws IllegalArgumentException when a constant label is a label of a family of the served
     *     registry, naming both (see {@link ExpositionWriter.Builder#build()})
     */
    public MetricsServlet build() {
      return new MetricsServlet(buildHandler());
    }

    ScrapeHandler buildHandler() {
      if (handler != null) {
        OptionChecks.requireHandlerAlone(
            registry != null || constantLabels || config != null || !handlerOptions.isEmpty());
        return handler;
      }
      if (config != null) {
        config.registerInstrumentation(
            registry != null ? registry : PrometheusRegistry.defaultRegistry);
      }
      ScrapeHandler.Builder builder = ScrapeHandler.builder().expositionWriter(writer.build());
      handlerOptions.forEach(option -> option.accept(builder));
      return builder.build();
    }

    private Builder handlerOption(Consumer<ScrapeHandler.Builder> option) {
      option.accept(checked);
      handlerOptions.add(option);
      return this;
    }
  }
}
