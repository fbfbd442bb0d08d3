package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.ScrapeResponse;
import io.github.checkmetrics.exposition.internal.ServletSupport;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Jakarta Servlet 6.0 in front of one {@link ScrapeHandler}, which gives every answer: content
 * negotiation with q-values, {@code ?format=}, {@code name[]}, gzip, {@code HEAD}, 401, 404, 405,
 * 406, 400, 503 and a generic 500. The servlet adds only its mapping.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler("/");  // embedded Jetty 12 ee10
 * context.addServlet(new MetricsServlet(registry), "/metrics");
 *
 * ScrapeHandler handler = ScrapeHandler.builder()          // every option of the handler
 *     .registry(registry)
 *     .constantLabel("service", "orders")
 *     .metricsPath("/prometheus")
 *     .build();
 * context.addServlet(new MetricsServlet(handler), "/prometheus");
 * }</pre>
 *
 * <p><b>Declared in {@code web.xml}</b>, the servlet is created by its no-argument constructor,
 * serves client_java's {@code PrometheusRegistry.defaultRegistry} and reads its configuration as
 * {@link EndpointConfig} does, with its init-parameters as one more source: each init-parameter is
 * a {@code checkmetrics.*} key ({@code checkmetrics.path}, {@code checkmetrics.constant_labels},
 * {@code checkmetrics.auth.bearer_token_file}, ...), over the properties file and under {@code
 * checkmetrics.*} system properties and {@code CHECKMETRICS_*} environment variables, so an
 * operator can override it. Port, host and client timeout are ignored (the container's connector
 * has them); {@code tls.*} keys fail {@code init()} (the container serves HTTPS).
 *
 * <pre>{@code
 * <servlet>
 *   <servlet-name>metrics</servlet-name>
 *   <servlet-class>io.github.checkmetrics.servlet.MetricsServlet</servlet-class>
 *   <init-param>
 *     <param-name>checkmetrics.constant_labels</param-name>
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
 * <p>An init-parameter that is not a configuration key, or a bad value, fails {@code init()} with a
 * {@link ServletException} whose message names the parameter, never a credential; so does any
 * init-parameter given to a servlet built with a registry or a handler, which would otherwise be
 * ignored. With {@code load-on-startup} that fails the deployment; without it, the first request.
 *
 * <p><b>Paths.</b> The handler routes every request by its path within the web application (after
 * the context path: with context {@code /app} Prometheus scrapes {@code /app/metrics} and the
 * metrics path stays {@code /metrics}). Map the servlet at the metrics path. A request the
 * container routes to it on another path (through a {@code /metrics/*} or {@code /*} mapping)
 * gets the handler's answer for that path: 404 {@code Not Found} for the servlet built with a
 * registry or declared in {@code web.xml} (no health path, no index page: those belong to the
 * application); the health path, index page and routes of a handler given to {@link
 * #MetricsServlet(ScrapeHandler)}. When none of its url-patterns can match the metrics path,
 * {@code init()} fails with a {@link ServletException} naming {@code metricsPath} and the
 * patterns. Limits the container applies before the servlet sees a request stay the container's.
 *
 * <p>Thread-safe: one instance serves concurrent requests, as a servlet must.
 */
public final class MetricsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Set by the constructor, or by {@link #init()} for a servlet declared in {@code web.xml}. */
  private transient volatile ScrapeHandler handler;

  /** Reads the configuration of a servlet declared in {@code web.xml}; null for the others. */
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
    this.configLoader = configLoader;
  }

  /**
   * A servlet serving {@code registry} at {@code /metrics} within the web application, and nothing
   * else (no health path, no index page).
   *
   * @param registry the registry to serve
   * @throws NullPointerException when {@code registry} is null
   */
  public MetricsServlet(PrometheusRegistry registry) {
    this(ServletSupport.handler(Objects.requireNonNull(registry, "registry")));
  }

  /**
   * A servlet answering every request with {@code handler}; the handler is shared, not copied.
   *
   * @param handler the handler, with its registry, paths, limits and authentication
   * @throws NullPointerException when {@code handler} is null
   */
  public MetricsServlet(ScrapeHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.configLoader = null;
  }

  /**
   * Reads the init-parameters of a servlet declared in {@code web.xml}, and checks that the
   * servlet's mappings can route its metrics path.
   *
   * @throws ServletException naming the parameter when an init-parameter is not a configuration
   *     key or its value is bad, or when an init-parameter is given to a servlet built with a
   *     registry or a handler; naming {@code metricsPath} when no url-pattern of the servlet
   *     matches the metrics path; naming the label and the family when a constant label is a label
   *     of a family of the served registry
   */
  @Override
  public void init() throws ServletException {
    ServletConfig config = getServletConfig();
    ServletContext context = getServletContext();
    try {
      handler =
          ServletSupport.init(
              configLoader == null ? handler : null,
              configLoader,
              config == null ? null : config.getInitParameterNames(),
              config == null ? name -> null : config::getInitParameter,
              () -> mappings(context, getServletName()),
              getServletName());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ServletException(e.getMessage(), e);
    }
  }

  /**
   * Answers every method with the handler, instead of {@link HttpServlet}'s own dispatch: 405 for
   * anything but {@code GET} and {@code HEAD}, as the JDK server answers.
   */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ScrapeResponse answer = handler.handle(new ServletScrapeRequest(request));
    response.setStatus(answer.status());
    answer.headers().forEach(response::setHeader);
    // For HEAD the length a GET would get, and no body (RFC 9110 section 9.3.2).
    response.setContentLengthLong(answer.contentLength());
    if (answer.hasBody()) {
      answer.writeBodyTo(response.getOutputStream());
    }
  }

  private static Collection<String> mappings(ServletContext context, String servletName) {
    ServletRegistration registration =
        context == null || servletName == null ? null : context.getServletRegistration(servletName);
    return registration == null ? null : registration.getMappings();
  }
}
