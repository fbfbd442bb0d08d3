package io.github.checkmetrics.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.TenantResolver;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.github.checkmetrics.testkit.Promtool;
import io.prometheus.metrics.expositionformats.generated.Metrics;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP contract of the project's design document, table row by table row, against a real
 * adapter reached through {@link HttpClient}. An adapter's test extends this class and implements
 * {@link #start(ScrapeHandler)}; every adapter passes the same suite.
 *
 * <pre>{@code
 * class MetricsServerContractTest extends ScrapeContractSuite {
 *   @Override
 *   protected Endpoint start(ScrapeHandler handler) {
 *     MetricsServer server =
 *         MetricsServer.builder().host("127.0.0.1").port(0).handler(handler).buildAndStart();
 *     return Endpoint.of(
 *         URI.create("http://127.0.0.1:" + server.port() + handler.metricsPath()), server);
 *   }
 * }
 * }</pre>
 *
 * <p>The fixture is check metrics ({@code CheckMetrics} of metrics-model), so a test using this
 * suite needs metrics-model on its test classpath. Rows about paths (404, health, index page) are
 * the JDK server's own: a Servlet container routes before the handler sees a request.
 *
 * <p>In {@linkplain Mode#TENANT tenant mode} (an adapter's test overrides {@link #mode()}) the same
 * rows run against a tenant endpoint: the fixture's checks belong to a tenant of a platform whose
 * other tenant and own checks have the same ids, every request goes to that tenant's path
 * ({@code /accounts/acme/metrics}, beside the handler's fixed metrics path, so the adapter must
 * route every path to the handler) with its bearer token, and the answers must be those of a
 * registry holding only the tenant's checks.
 */
public abstract class ScrapeContractSuite {

  /** The {@code Accept} header Prometheus 2.42 sends when protobuf scraping is off. */
  static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  /** The {@code Accept} header Prometheus 3.5 sends by default (3.0 sends the same). */
  static final String PROMETHEUS_3_ACCEPT =
      "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
          + "application/openmetrics-text;version=0.0.1;q=0.5,"
          + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,"
          + "*/*;q=0.2";

  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores";
  private static final String OPENMETRICS_UTF8 =
      "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=allow-utf-8";
  private static final String PROTOBUF =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";
  private static final Pattern FAMILY = Pattern.compile("(?m)^# TYPE (\\S+) ");

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<Endpoint> endpoints = new ArrayList<>();

  /**
   * Starts the adapter under test in front of {@code handler}.
   *
   * @param handler the handler every request of the returned endpoint must reach
   * @return the running endpoint; the suite closes it after the test
   * @throws Exception when the adapter cannot start
   */
  protected abstract Endpoint start(ScrapeHandler handler) throws Exception;

  /** A running adapter, as the suite reaches it. */
  public interface Endpoint extends AutoCloseable {
    /**
     * The URI of the metrics endpoint.
     *
     * @return an absolute {@code http} URI without query, such as {@code
     *     http://127.0.0.1:41234/metrics}
     */
    URI metricsUri();

    /** Stops the adapter and frees its port. */
    @Override
    void close();

    /**
     * An endpoint at {@code metricsUri} that {@code resource} stops.
     *
     * @param metricsUri the metrics URI
     * @param resource what to close after the test (the server)
     * @return the endpoint
     */
    static Endpoint of(URI metricsUri, AutoCloseable resource) {
      Objects.requireNonNull(metricsUri, "metricsUri");
      Objects.requireNonNull(resource, "resource");
      return new Endpoint() {
        @Override
        public URI metricsUri() {
          return metricsUri;
        }

        @Override
        public void close() {
          try {
            resource.close();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException("cannot stop the endpoint at " + metricsUri, e);
          }
        }
      };
    }
  }

  @AfterEach
  void stopEndpoints() {
    for (Endpoint endpoint : endpoints) {
      endpoint.close();
    }
    endpoints.clear();
  }

  @Test
  void getWithoutAcceptShouldServePrometheusText() throws Exception {
    PrometheusRegistry registry = fixture();
    HttpResponse<byte[]> response = send(serve(registry), "GET", "", Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).isEqualTo(mediaType(TEXT));
    assertThat(header(response, "Vary")).isEqualTo("Accept, Accept-Encoding");
    assertThat(header(response, "Content-Encoding")).isNull();
    assertThat(text(response))
        .isEqualTo(expectedText(registry))
        .contains("check_status{")
        .contains("check_runs_total{");
  }

  @Test
  void headShouldSendTheHeadersOfGetWithoutBody() throws Exception {
    URI uri = serve(fixture());
    HttpResponse<byte[]> get = send(uri, "GET", "", Map.of("Accept-Encoding", "gzip"));
    HttpResponse<byte[]> head = send(uri, "HEAD", "", Map.of("Accept-Encoding", "gzip"));

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(contentType(head)).isEqualTo(mediaType(TEXT));
    assertThat(header(head, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(head, "Vary")).isEqualTo("Accept, Accept-Encoding");
    assertThat(header(head, "Content-Length")).isEqualTo(String.valueOf(get.body().length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "?format=prometheus", "?name[]=check_status&name[]=check_runs_total"})
  void textBodyShouldPassPromtool(String query) throws Exception {
    HttpResponse<byte[]> response =
        send(serve(fixture()), "GET", query, Map.of("Accept-Encoding", "gzip"));

    assertThat(response.statusCode()).isEqualTo(200);
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(Promtool.checkMetrics(new String(in.readAllBytes(), StandardCharsets.UTF_8)))
          .isEmpty();
    }
  }

  static Stream<Arguments> formatParameters() {
    return Stream.of(
        Arguments.of("prometheus", "application/openmetrics-text", TEXT),
        Arguments.of("openmetrics", "text/plain", OPENMETRICS),
        Arguments.of("protobuf", "application/openmetrics-text", PROTOBUF),
        Arguments.of("openmetrics", PROMETHEUS_ACCEPT, OPENMETRICS));
  }

  @ParameterizedTest
  @MethodSource("formatParameters")
  void formatParameterShouldOverrideAccept(String format, String accept, String contentType)
      throws Exception {
    HttpResponse<byte[]> response =
        send(serve(fixture()), "GET", "?format=" + format, Map.of("Accept", accept));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).isEqualTo(mediaType(contentType));
  }

  @ParameterizedTest
  @ValueSource(strings = {"xml", "json", "PROMETHEUS", "text", ""})
  void unknownFormatShouldBe406NamingTheSupportedValues(String format) throws Exception {
    HttpResponse<byte[]> response = send(serve(fixture()), "GET", "?format=" + format, Map.of());

    assertThat(response.statusCode()).isEqualTo(406);
    assertThat(text(response))
        .isEqualTo(
            "format must be one of prometheus, openmetrics, protobuf: \"" + format + "\"\n");
  }

  static Stream<Arguments> acceptHeaders() {
    return Stream.of(
        Arguments.of("application/openmetrics-text", OPENMETRICS),
        Arguments.of("application/openmetrics-text; version=1.0.0", OPENMETRICS),
        Arguments.of(PROMETHEUS_ACCEPT, OPENMETRICS),
        Arguments.of(PROMETHEUS_3_ACCEPT, OPENMETRICS_UTF8),
        Arguments.of("application/openmetrics-text;q=0.1, text/plain;q=0.9", TEXT),
        Arguments.of("text/plain;q=0.2, application/openmetrics-text;q=0.8", OPENMETRICS),
        Arguments.of("application/openmetrics-text;q=0, */*", TEXT),
        Arguments.of("application/openmetrics-text;version=2.0.0", TEXT),
        Arguments.of(
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3",
            PROTOBUF),
        Arguments.of("application/vnd.google.protobuf", TEXT),
        Arguments.of("text/plain", TEXT),
        Arguments.of("*/*", TEXT),
        Arguments.of("application/json", TEXT),
        Arguments.of(";;;,,q=x,/", TEXT),
        Arguments.of("application/openmetrics-text;q=2", TEXT));
  }

  @ParameterizedTest
  @MethodSource("acceptHeaders")
  void acceptShouldBeNegotiatedByQValue(String accept, String contentType) throws Exception {
    HttpResponse<byte[]> response = send(serve(fixture()), "GET", "", Map.of("Accept", accept));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).isEqualTo(mediaType(contentType));
    if (contentType.equals(OPENMETRICS)) {
      assertThat(text(response)).endsWith("# EOF\n");
    }
  }

  @Test
  void protobufShouldDecodeThroughClientJavasOwnClasses() throws Exception {
    HttpResponse<byte[]> response =
        send(serve(fixture()), "GET", "?format=protobuf", Map.of());

    Map<String, Metrics.MetricFamily> families = new LinkedHashMap<>();
    try (InputStream in = new ByteArrayInputStream(response.body())) {
      Metrics.MetricFamily family;
      while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
        families.put(family.getName(), family);
      }
    }
    assertThat(families)
        .containsKeys("check_status", "check_runs_total", "check_duration_seconds");
    Map<String, Double> status = new LinkedHashMap<>();
    for (Metrics.Metric metric : families.get("check_status").getMetricList()) {
      status.put(label(metric, "check_id"), metric.getGauge().getValue());
    }
    assertThat(status).containsExactlyInAnyOrderEntriesOf(Map.of("db", 1.0, "api", 0.0));
    assertThat(families.get("check_duration_seconds").getType())
        .isEqualTo(Metrics.MetricType.HISTOGRAM);
    long runs = 0;
    for (Metrics.Metric metric : families.get("check_runs_total").getMetricList()) {
      runs += (long) metric.getCounter().getValue();
    }
    assertThat(runs).isEqualTo(4);
  }

  static Stream<Arguments> nameFilters() {
    return Stream.of(
        Arguments.of("?name[]=check_runs_total", List.of("check_runs_total")),
        Arguments.of("?name[]=check_runs", List.of("check_runs_total")),
        Arguments.of("?name%5B%5D=check_status", List.of("check_status")),
        Arguments.of(
            "?name[]=check_status&name[]=check_duration_seconds_bucket",
            List.of("check_status", "check_duration_seconds")),
        Arguments.of("?name[]=no_such_family", List.of()),
        Arguments.of("?name[]=check_status&debug=1", List.of("check_status")));
  }

  @ParameterizedTest
  @MethodSource("nameFilters")
  void nameParametersShouldKeepOnlyThoseFamilies(String query, List<String> families)
      throws Exception {
    HttpResponse<byte[]> response = send(serve(fixture()), "GET", query, Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(families(text(response))).containsExactlyInAnyOrderElementsOf(families);
  }

  @ParameterizedTest
  @ValueSource(strings = {"?name[]=", "?name[]", "?name[]=check_status&name[]="})
  void emptyNameParameterShouldBe400(String query) throws Exception {
    HttpResponse<byte[]> response = send(serve(fixture()), "GET", query, Map.of());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).isEqualTo("name[] must be a non-empty metric name: \"\"\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "gzip, deflate, br", "deflate;q=0.5, gzip;q=0.1", "*", "x-gzip"})
  void acceptedGzipShouldCompressTheBody(String acceptEncoding) throws Exception {
    PrometheusRegistry registry = fixture();
    HttpResponse<byte[]> response =
        send(serve(registry), "GET", "", Map.of("Accept-Encoding", acceptEncoding));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(response, "Vary")).isEqualTo("Accept, Accept-Encoding");
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(expectedText(registry));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip;q=0", "identity", "deflate", "*;q=0", "gzip;q=0, *", "garbage;;"})
  void refusedGzipShouldSendThePlainBody(String acceptEncoding) throws Exception {
    PrometheusRegistry registry = fixture();
    HttpResponse<byte[]> response =
        send(serve(registry), "GET", "", Map.of("Accept-Encoding", acceptEncoding));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "Content-Encoding")).isNull();
    assertThat(text(response))
        .isEqualTo(expectedText(registry));
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "get", "BREW"})
  void otherMethodsShouldBe405WithAllow(String method) throws Exception {
    HttpResponse<byte[]> response = send(serve(fixture()), method, "", Map.of());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(header(response, "Allow")).isEqualTo("GET, HEAD");
    assertThat(text(response)).isEqualTo("method must be GET or HEAD: \"" + method + "\"\n");
  }

  @Test
  void queryOf100KilobytesShouldBe400() throws Exception {
    String query = "?name[]=" + "a".repeat(100 * 1024);
    HttpResponse<byte[]> response = send(serve(fixture()), "GET", query, Map.of());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response))
        .isEqualTo("query length must be <= 8192 characters: " + (query.length() - 1) + "\n");
  }

  @Test
  void tooManyQueryParametersShouldBe400() throws Exception {
    StringBuilder query = new StringBuilder("?");
    for (int i = 0; i < 101; i++) {
      query.append(i == 0 ? "" : "&").append("name[]=f").append(i);
    }
    HttpResponse<byte[]> response = send(serve(fixture()), "GET", query.toString(), Map.of());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).isEqualTo("query parameter count must be <= 100: 101\n");
  }

  @Test
  void failingCollectorShouldBe500WithAGenericBody() throws Exception {
    PrometheusRegistry registry = fixture();
    registry.register(new FailingCollector());
    URI uri = serve(registry);

    HttpResponse<byte[]> get = send(uri, "GET", "", Map.of());
    HttpResponse<byte[]> head = send(uri, "HEAD", "", Map.of());

    assertThat(get.statusCode()).isEqualTo(500);
    assertThat(contentType(get)).isEqualTo(mediaType("text/plain; charset=utf-8"));
    assertThat(text(get))
        .isEqualTo("An error occurred while collecting metrics; the cause is in the server log.\n")
        .doesNotContain(FailingCollector.MESSAGE)
        .doesNotContain("Exception");
    assertThat(head.statusCode()).isEqualTo(500);
    assertThat(head.body()).isEmpty();
    // The endpoint keeps serving once the failure is gone.
    registry.clear();
    assertThat(send(uri, "GET", "", Map.of()).statusCode()).isEqualTo(200);
  }

  /** How the suite reaches the handler. */
  protected enum Mode {
    /** A registry's endpoint: {@code ScrapeHandler.builder().registry(registry)}. */
    REGISTRY,
    /**
     * A tenant's endpoint of a check platform: {@code ScrapeHandler.builder().tenants(checks,
     * resolver)}, scraped on the tenant's path with its bearer token.
     */
    TENANT
  }

  /** The tenant the suite scrapes in tenant mode. */
  static final String TENANT = "acme";

  /** That tenant's bearer token. */
  static final String TENANT_TOKEN = "acme-token-1";

  /** The fixture's platforms in tenant mode, by the registry a test is given. */
  private final Map<PrometheusRegistry, CheckMetrics> platforms = new IdentityHashMap<>();

  /**
   * How the suite reaches the handler; an adapter's test overrides it to run the suite against a
   * tenant endpoint.
   *
   * @return {@link Mode#REGISTRY} unless overridden
   */
  protected Mode mode() {
    return Mode.REGISTRY;
  }

  /**
   * The registry the rows scrape: {@link CheckRegistries#checkRegistry()}, or in tenant mode the
   * registry of a {@linkplain CheckRegistries#tenantPlatform(String) platform} whose tenant {@value
   * #TENANT} has the same checks.
   */
  private PrometheusRegistry fixture() {
    if (mode() == Mode.REGISTRY) {
      return CheckRegistries.checkRegistry();
    }
    CheckMetrics platform = CheckRegistries.tenantPlatform(TENANT);
    platforms.put(platform.registry(), platform);
    return platform.registry();
  }

  /**
   * The text exposition the rows expect of {@code registry}: all of it, or in tenant mode what a
   * registry of the tenant's checks alone exposes (less the refusal counters, the platform's).
   */
  private String expectedText(PrometheusRegistry registry) throws IOException {
    if (mode() == Mode.REGISTRY) {
      return ExpositionWriter.of(registry).toString(ExpositionFormat.PROMETHEUS_TEXT);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExpositionWriter.of(CheckRegistries.checkRegistry())
        .write(out, ExpositionFormat.PROMETHEUS_TEXT, name -> !name.endsWith("_rejected"));
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Sends one request; {@code query} includes its {@code ?}. In tenant mode a request without
   * {@code Authorization} gets the tenant's bearer token.
   */
  protected HttpResponse<byte[]> send(
      URI metricsUri, String method, String query, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(metricsUri + query))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    if (mode() == Mode.TENANT
        && headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
      request.header("Authorization", "Bearer " + TENANT_TOKEN);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Starts the adapter in front of a default handler of {@code registry}, or in tenant mode of a
   * tenant handler of its platform.
   *
   * @return the URI the rows scrape: the metrics path, or in tenant mode the tenant's path
   */
  protected URI serve(PrometheusRegistry registry) throws Exception {
    if (mode() == Mode.REGISTRY) {
      Endpoint endpoint = start(ScrapeHandler.builder().registry(registry).build());
      endpoints.add(endpoint);
      return endpoint.metricsUri();
    }
    CheckMetrics platform = platforms.get(registry);
    ScrapeHandler handler =
        ScrapeHandler.builder()
            .tenants(
                platform,
                TenantResolver.tokens(Map.of(TENANT, TENANT_TOKEN, "other-tenant", "other-1")))
            .metricsPath("/metrics")
            .tenantPath("/accounts/{tenant}/metrics")
            // A family no collector has: it makes the handler scrape the registry for shared
            // families, so that a broken collector of the registry still fails the scrape (500).
            .tenantSharedFamilies("platform_build_info")
            .build();
    Endpoint endpoint = start(handler);
    endpoints.add(endpoint);
    return endpoint.metricsUri().resolve("accounts/" + TENANT + "/metrics");
  }

  /** The family names of a text exposition, from its {@code # TYPE} lines. */
  protected static List<String> families(String exposition) {
    List<String> names = new ArrayList<>();
    Matcher matcher = FAMILY.matcher(exposition);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  protected static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /**
   * The {@code Content-Type} of a response as {@link #mediaType(String)} writes it, or null when
   * absent.
   */
  protected static String contentType(HttpResponse<?> response) {
    String value = header(response, "Content-Type");
    return value == null ? null : mediaType(value);
  }

  /**
   * A media type without blanks around {@code ;} and {@code =}, its parameters in sorted order:
   * servlet containers may rewrite {@code text/plain; charset=utf-8} as {@code
   * text/plain;charset=utf-8} (Jetty 12 does) and move {@code charset} behind the other parameters
   * (Tomcat does), and RFC 9110 section 8.3.1 makes those equal (Prometheus reads the parameters
   * into a map).
   */
  protected static String mediaType(String value) {
    String[] parts = value.replaceAll("\\s*([;=])\\s*", "$1").split(";");
    List<String> parameters = new ArrayList<>(List.of(parts).subList(1, parts.length));
    parameters.sort(null);
    StringBuilder mediaType = new StringBuilder(parts[0]);
    for (String parameter : parameters) {
      mediaType.append(';').append(parameter);
    }
    return mediaType.toString();
  }

  protected static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static String label(Metrics.Metric metric, String name) {
    for (Metrics.LabelPair pair : metric.getLabelList()) {
      if (pair.getName().equals(name)) {
        return pair.getValue();
      }
    }
    return null;
  }

  /** A collector whose every scrape fails, as a broken third-party collector would. */
  static final class FailingCollector implements Collector {
    static final String MESSAGE = "database password is hunter2";

    @Override
    public MetricSnapshot collect() {
      throw new IllegalStateException(MESSAGE);
    }
  }
}
