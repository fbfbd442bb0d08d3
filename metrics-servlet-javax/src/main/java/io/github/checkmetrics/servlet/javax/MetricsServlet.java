package io.github.checkmetrics.servlet.javax;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A javax Servlet 4.0 that serves a client_java {@link PrometheusRegistry} with the HTTP contract
 * of {@link ScrapeHandler}, for containers that predate Jakarta EE 9: Tomcat 9, Jetty 9.4 and 10,
 * Spring Boot 2. On a Jakarta container use {@code io.github.checkmetrics.servlet.MetricsServlet}
 * of {@code metrics-servlet}.
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
 * <p>Every answer comes from the scrape handler: content negotiation with q-values, {@code
 * ?format=}, {@code name[]}, gzip, {@code HEAD}, 401, 405, 406, 400 and a generic 500. The servlet
 * serves metrics on exactly one path, the handler's metrics path, taken within the web application
 * (after the context path); a request the container routes to it on any other path gets 404. The
 * options live on {@link ScrapeHandler.Builder} (and its {@code ExpositionWriter} for constant
 * labels): this adapter adds none of its own.
 *
 * <p>Declared in {@code web.xml}, the servlet is created by its no-argument constructor and serves
 * client_java's {@code PrometheusRegistry.defaultRegistry} at {@code /metrics}. It reads no
 * init-parameter: any init-parameter fails {@code init()} with a {@link ServletException} naming
 * it (the init-parameters of the Jakarta servlet are not offered here; build a handler instead).
 *
 * <p>Thread-safe: one instance serves concurrent requests, as a servlet must.
 */
public final class MetricsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient ScrapeHandler handler;

  /**
   * The servlet a container creates from {@code web.xml}: client_java's default registry at {@code
   * /metrics}.
   */
  public MetricsServlet() {
    this(PrometheusRegistry.defaultRegistry);
  }

  /**
   * A servlet serving {@code registry} at {@code /metrics} within the web application.
   *
   * @param registry the registry to serve
   * @throws NullPointerException when {@code registry} is null
   */
  public MetricsServlet(PrometheusRegistry registry) {
    this(ScrapeHandler.builder().registry(Objects.requireNonNull(registry, "registry")).build());
  }

  /**
   * A servlet answering every request with {@code handler}, on its metrics path; the handler is
   * shared, not copied.
   *
   * @param handler the handler, with its registry, metrics path, limits and authentication
   * @throws NullPointerException when {@code handler} is null
   */
  public MetricsServlet(ScrapeHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * Refuses init-parameters, which this servlet would otherwise ignore.
   *
   * @throws ServletException naming the first init-parameter, when there is one
   */
  @Override
  public void init() throws ServletException {
    ServletConfig config = getServletConfig();
    List<String> names =
        config == null || config.getInitParameterNames() == null
            ? new ArrayList<>()
            : Collections.list(config.getInitParameterNames());
    if (!names.isEmpty()) {
      names.sort(null);
      throw new ServletException(
          "init-parameter must not be set on the javax MetricsServlet (configure a ScrapeHandler"
              + " and pass it to the constructor): \""
              + names.get(0)
              + "\"");
    }
  }

  /**
   * Answers every method, so that the scrape handler decides (405 for anything but {@code GET} and
   * {@code HEAD}) instead of {@link HttpServlet}'s own dispatch.
   */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JavaxScrapeRequest scrapeRequest = new JavaxScrapeRequest(request);
    if (!handler.metricsPath().equals(scrapeRequest.path())) {
      JavaxResponses.notFound("HEAD".equals(request.getMethod()), response);
      return;
    }
    JavaxResponses.send(handler.scrape(scrapeRequest), response);
  }
}
