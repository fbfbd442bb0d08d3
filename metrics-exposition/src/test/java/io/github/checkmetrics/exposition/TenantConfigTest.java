package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code checkmetrics.tenant*} keys of {@link EndpointConfig}, applied by the handler. */
class TenantConfigTest {

  @TempDir static Path directory;

  private final CheckMetrics checks =
      CheckMetrics.builder().registry(new PrometheusRegistry()).build();

  TenantConfigTest() {
    checks.register(Check.builder("db").tenant("acme").build());
  }

  private static EndpointConfig load(Map<String, String> properties) {
    return EndpointConfig.loader()
        .properties(properties)
        .systemProperties(new Properties())
        .environment(Map.of())
        .load();
  }

  private static Path tenantsFile() throws IOException {
    return Files.writeString(directory.resolve("tenants"), "acme plain:acme-token\n");
  }

  @Test
  void configurationShouldServeATenantEndpointFromItsTenantsFile() throws IOException {
    EndpointConfig config =
        load(
            Map.of(
                "checkmetrics.tenants_file", tenantsFile().toString(),
                "checkmetrics.tenant_path", "/accounts/{tenant}/metrics",
                "checkmetrics.tenant_rate_limit_per_minute", "2",
                "checkmetrics.tenant_cache_ttl_seconds", "30"));
    ScrapeHandler handler = ScrapeHandler.builder().config(config).tenants(checks).build();

    ScrapeResponse first = handler.handle(get("/accounts/acme/metrics", "Bearer acme-token"));
    ScrapeResponse second = handler.handle(get("/metrics", "Bearer acme-token"));
    ScrapeResponse third = handler.handle(get("/metrics", "Bearer acme-token"));

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(third.status()).as("burst of 2, as many as per minute").isEqualTo(429);
    assertThat(handler.handle(get("/metrics", "Bearer other")).status()).isEqualTo(401);
    assertThat(config.toString())
        .contains("tenantPath=/accounts/{tenant}/metrics", "tenantRateLimitPerMinute=2");
  }

  static Stream<Arguments> badConfigurations() throws IOException {
    String file = tenantsFile().toString();
    return Stream.of(
        Arguments.of(
            Map.of("checkmetrics.tenants_file", file),
            (Function<ScrapeHandler.Builder, ScrapeHandler.Builder>) b -> b,
            "checkmetrics.tenants_file needs tenants(checks); none was set"),
        Arguments.of(
            Map.of(),
            (Function<ScrapeHandler.Builder, ScrapeHandler.Builder>)
                b -> b.tenants(CheckMetrics.builder().registry(new PrometheusRegistry()).build()),
            "tenants(checks) needs checkmetrics.tenants_file in the configuration; none was set"),
        Arguments.of(
            Map.of("checkmetrics.tenants_file", file),
            (Function<ScrapeHandler.Builder, ScrapeHandler.Builder>)
                b ->
                    b.tenants(
                        CheckMetrics.builder().registry(new PrometheusRegistry()).build(),
                        TenantResolver.tokens(Map.of("acme", "t"))),
            "checkmetrics.tenants_file and the resolver of tenants(checks, resolver) must not"
                + " both be set"),
        Arguments.of(
            Map.of("checkmetrics.tenant_cache_ttl_seconds", "60"),
            (Function<ScrapeHandler.Builder, ScrapeHandler.Builder>) b -> b,
            "tenantCache needs tenants(checks, resolver); none was set"));
  }

  @ParameterizedTest
  @MethodSource("badConfigurations")
  void badTenantConfigurationShouldBeRefusedAtBuild(
      Map<String, String> properties,
      Function<ScrapeHandler.Builder, ScrapeHandler.Builder> options,
      String message) {
    EndpointConfig config = load(properties);

    assertThatThrownBy(() -> options.apply(ScrapeHandler.builder().config(config)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> badKeys() throws IOException {
    return Stream.of(
        Arguments.of(Map.of("checkmetrics.tenant_rate_limit_per_minute", "0"),
            "checkmetrics.tenant_rate_limit_per_minute must be an integer in 1..1000000: \"0\""
                + " (given properties)"),
        Arguments.of(Map.of("checkmetrics.tenant_rate_limit_burst", "5"),
            "checkmetrics.tenant_rate_limit_burst needs checkmetrics.tenant_rate_limit_per_minute"),
        Arguments.of(Map.of("checkmetrics.tenant_cache_ttl_seconds", "3601"),
            "checkmetrics.tenant_cache_ttl_seconds must be a number of seconds in 0.001..3600:"
                + " \"3601\" (given properties)"),
        Arguments.of(Map.of("checkmetrics.tenant_path", "accounts"),
            "checkmetrics.tenant_path must match /[^?#\\s]*: \"accounts\" (given properties)"),
        Arguments.of(
            Map.of(
                "checkmetrics.tenants_file", tenantsFile().toString(),
                "checkmetrics.auth.bearer_token", "t"),
            "checkmetrics.auth.* and checkmetrics.tenants_file are both configured: a tenant"
                + " endpoint authenticates through its tenants file; configure one"));
  }

  @ParameterizedTest
  @MethodSource("badKeys")
  void badTenantKeyShouldBeRefusedNamingIt(Map<String, String> properties, String message) {
    assertThatThrownBy(() -> load(properties)).hasMessage(message);
  }

  private static TestRequest get(String path, String authorization) {
    return TestRequest.of("GET", path).header("Authorization", authorization);
  }
}
