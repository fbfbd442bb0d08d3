package io.github.checkmetrics.servlet.javax;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.ScrapeResponse;
import io.github.checkmetrics.exposition.internal.ServletSupport;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.ServletRegistration;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A javax Servlet 4.0 in front of one {@link ScrapeHandler}, for containers that predate Jakarta EE
 * 9: Tomcat 9, Jetty 9.4 and 10, Spring Boot 2. It is the Jakarta adapter ({@code
 * io.github.checkmetrics.servlet.MetricsServlet} of {@code metrics-servlet}) over the {@code
 * javax.servlet} API, with the same constructors, the same {@code web.xml} init-parameters (the
 * {@code checkmetrics.*} keys of {@link EndpointConfig}) and the same answers; see that class.
 *
 * <pre>{@code
 * Context context = tomcat.addContext("", baseDir);          // embedded Tomcat 9
 * Tomcat.addServlet(context, "metrics", new MetricsServlet(registry));
 * context.addServletMappingDecoded("/metrics", "metrics");
 *
 * ScrapeHandler handler = ScrapeHandler.builder()            // every option of the handler
 *     .registry(registry)
 *     .metricsPath("/prometheus")
 *     .authentication(Authentication.bearerToken(Secret.file(tokenFile)))
 *     .build();
 * Tomcat.addServlet(context, "prometheus", new MetricsServlet(handler));
 * context.addServletMappingDecoded("/prometheus", "prometheus");
 * }</pre>
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
    ScrapeResponse answer = handler.handle(new JavaxScrapeRequest(request));
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
