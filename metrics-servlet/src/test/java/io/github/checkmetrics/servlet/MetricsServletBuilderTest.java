package io.github.checkmetrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricsServletBuilderTest {

  private static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        invalid("null registry", b -> b.registry(null), NullPointerException.class, "registry"),
        invalid(
            "registry twice",
            b -> b.registry(REGISTRY).registry(REGISTRY),
            IllegalStateException.class,
            "registry was already set to " + REGISTRY + "; cannot set it to " + REGISTRY),
        invalid(
            "label name starting with a digit",
            b -> b.constantLabel("1a", "x"),
            IllegalArgumentException.class,
            "constant label name must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ (reserved) and"
            + " not be le or quantile (histogram buckets, summary quantiles): \"1a\""),
        invalid(
            "reserved label name",
            b -> b.constantLabel("__name__", "x"),
            IllegalArgumentException.class,
            "constant label name must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ (reserved) and"
            + " not be le or quantile (histogram buckets, summary quantiles): \"__name__\""),
        invalid(
            "label twice",
            b -> b.constantLabel("a", "1").constantLabel("a", "2"),
            IllegalStateException.class,
            "constantLabel(a) was already set to \"1\"; cannot set it to \"2\""),
        invalid("null label name", b -> b.constantLabel(null, "x"), NullPointerException.class, "name"),
        invalid(
            "null label value", b -> b.constantLabel("a", null), NullPointerException.class, "value"),
        invalid(
            "relative metrics path",
            b -> b.metricsPath("metrics"),
            IllegalArgumentException.class,
            "metrics path must match /[^?#\\s]*: \"metrics\""),
        invalid(
            "metrics path with a query",
            b -> b.metricsPath("/metrics?x=1"),
            IllegalArgumentException.class,
            "metrics path must match /[^?#\\s]*: \"/metrics?x=1\""),
        invalid("null metrics path", b -> b.metricsPath(null), NullPointerException.class, "path"),
        invalid(
            "metrics path twice",
            b -> b.metricsPath("/a").metricsPath("/b"),
            IllegalStateException.class,
            "metricsPath was already set to \"/a\"; cannot set it to \"/b\""),
        invalid(
            "zero max query length",
            b -> b.maxQueryLength(0),
            IllegalArgumentException.class,
            "max query length must be > 0: 0"),
        invalid(
            "negative max query parameters",
            b -> b.maxQueryParameters(-1),
            IllegalArgumentException.class,
            "max query parameters must be > 0: -1"),
        invalid(
            "null authentication",
            b -> b.authentication(null),
            NullPointerException.class,
            "authentication"),
        invalid(
            "authentication twice",
            b -> b.authentication(bearer()).authentication(bearer()),
            IllegalStateException.class,
            "authentication was already set to Authentication[Bearer: value]; cannot set it to"
                + " Authentication[Bearer: value]"),
        invalid("null config", b -> b.config(null), NullPointerException.class, "config"),
        invalid(
            "config twice",
            b -> b.config(config()).config(config()),
            IllegalStateException.class,
            "config was already set to " + config() + "; cannot set it to " + config()),
        invalid(
            "config then metrics path",
            b -> b.config(config("checkmetrics.path", "/prom")).metricsPath("/metrics"),
            IllegalStateException.class,
            "metricsPath was already set to \"/prom\"; cannot set it to \"/metrics\""),
        invalid(
            "metrics path then config",
            b -> b.metricsPath("/prom").config(config()),
            IllegalStateException.class,
            "metricsPath was already set to \"/prom\"; cannot set it to \"/metrics\""),
        invalid(
            "authentication then config with auth",
            b ->
                b.authentication(bearer())
                    .config(config("checkmetrics.auth.bearer_token", "never-shown")),
            IllegalStateException.class,
            "authentication was already set to Authentication[Bearer: value]; cannot set it to"
                + " Authentication[Bearer: value]"),
        invalid(
            "config label then the same label",
            b ->
                b.config(config("checkmetrics.constant_labels", "service=orders"))
                    .constantLabel("service", "billing"),
            IllegalStateException.class,
            "constantLabel(service) was already set to \"orders\"; cannot set it to \"billing\""),
        invalid(
            "config with a token that is no token",
            b -> b.config(config("checkmetrics.auth.bearer_token", "never shown")),
            IllegalArgumentException.class,
            "bearer token must match [A-Za-z0-9._~+/-]+=* and be at most 4096 characters:"
                + " value (value not shown)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidOptions")
  void invalidOptionShouldThrowWithExactMessage(
      String description,
      Consumer<ScrapeHandler.Builder> options,
      Class<? extends Throwable> type,
      String message) {
    assertThatThrownBy(() -> options.accept(ScrapeHandler.builder()))
        .isExactlyInstanceOf(type)
        .hasMessage(message);
  }

  @Test
  void nullRegistryInConstructorShouldThrow() {
    assertThatThrownBy(() -> new MetricsServlet((PrometheusRegistry) null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("registry");
  }

  @Test
  void builderShouldBuildIndependentServletsRepeatedly() throws Exception {
    ScrapeHandler.Builder builder =
        ScrapeHandler.builder()
            .registry(CheckRegistries.checkRegistry())
            .constantLabel("service", "orders")
            .maxQueryLength(64);
    MetricsServlet first = new MetricsServlet(builder.build());
    MetricsServlet second = new MetricsServlet(builder.build());

    assertThat(first).isNotSameAs(second);
    for (MetricsServlet servlet : new MetricsServlet[] {first, second}) {
      try (Jetty jetty = Jetty.start(context -> context.addServlet(servlet, "/metrics"))) {
        HttpResponse<String> ok = jetty.get("/metrics?name[]=check_status");
        HttpResponse<String> tooLong = jetty.get("/metrics?name[]=" + "a".repeat(60));

        assertThat(ok.body()).contains("service=\"orders\"");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).isEqualTo("query length must be <= 64 characters: 67\n");
      }
    }
  }

  @Test
  void handlerShouldBeServedAsGiven() throws Exception {
    ScrapeHandler handler =
        ScrapeHandler.builder()
            .registry(CheckRegistries.checkRegistry())
            .metricsPath("/prom")
            .maxQueryParameters(1)
            .build();
    MetricsServlet servlet = new MetricsServlet(handler);
    try (Jetty jetty = Jetty.start(context -> context.addServlet(servlet, "/prom"))) {
      assertThat(jetty.get("/prom").body()).contains("check_status{");
      assertThat(jetty.get("/prom?a=1&b=2").body())
          .isEqualTo("query parameter count must be <= 1: 2\n");
    }
  }

  private static Authentication bearer() {
    return Authentication.bearerToken(Secret.value("t0ken"));
  }

  /** A configuration of these keys only: no system property, no environment variable. */
  static EndpointConfig config(String... keyValues) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    return EndpointConfig.loader()
        .properties(properties)
        .systemProperties(new Properties())
        .environment(Map.of())
        .load();
  }

  private static Arguments invalid(
      String description,
      Consumer<ScrapeHandler.Builder> options,
      Class<? extends Throwable> type,
      String message) {
    return Arguments.of(description, options, type, message);
  }
}
