package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.ScrapeResponse;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
 *       separated by commas, blanks around them trimmed (a value cannot hold a comma)</td>
 *       <td>none</td></tr>
 *   <tr><td>{@code maxQueryLength}</td><td>the longest query string accepted, in characters</td>
 *       <td>8192</td></tr>
 *   <tr><td>{@code maxQueryParameters}</td><td>the most query parameters accepted</td>
 *       <td>100</td></tr>
 * </table>
 *
 * <pre>{@code
 * <servlet>
 *   <servlet-name>metrics</servlet-name>
 *   <servlet-class>io.github.checkmetrics.servlet.MetricsServlet</servlet-class>
 *   <init-param>
 *     <param-name>constantLabels</param-name>
 *     <param-value>service=orders, region=eu-west-1</param-value>
 *   </init-param>
 *   <load-on-startup>1</load-on-startup>
 * </servlet>
 * <servlet-mapping>
 *   <servlet-name>metrics</servlet-name>
 *   <url-pattern>/metrics</url-pattern>
 * </servlet-mapping>
 * }</pre>
 *
 * <p>An unknown init-parameter or a bad value fails {@code init()} with a {@link ServletException}
 * whose message names the parameter; so does any init-parameter given to a servlet built by its
 * builder or constructor, which would otherwise be ignored. With {@code load-on-startup} that fails
 * the deployment; without it, the first request.
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
  private static final byte[] NOT_FOUND = "Not Found\n".getBytes(StandardCharsets.UTF_8);

  /** Set by the constructor, or by {@link #init()} for a servlet declared in {@code web.xml}. */
  private transient volatile ScrapeHandler handler;

  /**
   * Whether the container created the servlet from {@code web.xml}, so {@link #init()} configures
   * it.
   */
  private final boolean declarative;

  /**
   * The servlet a container creates from {@code web.xml}; {@link #init()} configures it from its
   * init-parameters (see the class documentation).
   */
  public MetricsServlet() {
    this.declarative = true;
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
   *     metricsPath} when no url-pattern of the servlet matches the metrics path
   */
  @Override
  public void init() throws ServletException {
    if (declarative) {
      handler = InitParameters.configure(getServletConfig());
    } else {
      InitParameters.requireNone(getServletConfig());
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
      notFound("HEAD".equals(request.getMethod()), response);
      return;
    }
    ScrapeResponse answer = scrapeHandler.scrape(scrapeRequest);
    response.setStatus(answer.status());
    answer.headers().forEach(response::setHeader);
    // For HEAD the length a GET would get, and no body (RFC 9110 section 9.3.2).
    response.setContentLengthLong(answer.contentLength());
    if (answer.hasBody()) {
      answer.writeBodyTo(response.getOutputStream());
    }
  }

  private static void notFound(boolean head, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType("text/plain; charset=utf-8");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentLength(NOT_FOUND.length);
    if (!head) {
      response.getOutputStream().write(NOT_FOUND);
    }
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
     * @param name a label name matching {@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting with {@code __}
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
     */
    public MetricsServlet build() {
      return new MetricsServlet(buildHandler());
    }

    ScrapeHandler buildHandler() {
      if (handler != null) {
        if (registry != null || constantLabels || !handlerOptions.isEmpty()) {
          throw new IllegalStateException(
              "handler and registry/constantLabel/metricsPath/maxQueryLength/maxQueryParameters"
                  + " were both set; configure those on the handler");
        }
        return handler;
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
