package io.github.checkmetrics.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Every bad {@code checkmetrics.*} property, and health contributors that clash, fail the start
 * of the application with the exact property and rule; the failure analyzer reports them.
 */
class BadPropertiesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CheckmetricsAutoConfiguration.class));

  static Stream<Arguments> badProperties() {
    return Stream.of(
        Arguments.of(
            List.of("checkmetrics.health.interval=-5s"),
            "checkmetrics.health.interval",
            "interval must be positive: PT-5S"),
        Arguments.of(
            List.of("checkmetrics.health.interval=5s", "checkmetrics.health.timeout=10s"),
            "checkmetrics.health.timeout",
            "timeout must not be longer than the interval: timeout PT10S, interval PT5S"),
        Arguments.of(
            List.of("checkmetrics.checks.orders.url=http://127.0.0.1:1/", 
                "checkmetrics.checks.orders.interval=-1s"),
            "checkmetrics.checks.orders.interval",
            "interval must be positive: PT-1S"),
        Arguments.of(
            List.of("checkmetrics.checks.orders.url=ftp://orders.internal/health"),
            "checkmetrics.checks.orders.url",
            "url must be an absolute http or https URL with a host: \"ftp://orders.internal/health\""),
        Arguments.of(
            List.of("checkmetrics.checks.orders.url=https://admin:pw@orders.internal/"),
            "checkmetrics.checks.orders.url",
            "url must not contain user information; pass credentials through"
                + " basicAuthFromFile or basicAuthFromEnv: \"https://***@orders.internal/\""),
        Arguments.of(
            List.of("checkmetrics.checks.orders.name=Orders"),
            "checkmetrics.checks.orders",
            "a check must set either url (an HTTP probe) or host and port (a TCP probe)"),
        Arguments.of(
            List.of(
                "checkmetrics.checks.orders.url=http://127.0.0.1:1/",
                "checkmetrics.checks.orders.host=127.0.0.1"),
            "checkmetrics.checks.orders",
            "a check must set either url (an HTTP probe) or host and port (a TCP probe), not both"),
        Arguments.of(
            List.of("checkmetrics.checks.db.host=127.0.0.1"),
            "checkmetrics.checks.db.port",
            "a TCP probe needs both host and port"),
        Arguments.of(
            List.of("checkmetrics.checks.db.host=127.0.0.1", "checkmetrics.checks.db.port=70000"),
            "checkmetrics.checks.db.port",
            "port must be between 1 and 65535: 70000"),
        Arguments.of(
            List.of(
                "checkmetrics.checks.db.host=127.0.0.1",
                "checkmetrics.checks.db.port=5432",
                "checkmetrics.checks.db.method=POST"),
            "checkmetrics.checks.db.method",
            "method applies to HTTP probes only (set url)"),
        Arguments.of(
            List.of(
                "checkmetrics.checks.orders.url=http://127.0.0.1:1/",
                "checkmetrics.checks.orders.expected-status-min=200"),
            "checkmetrics.checks.orders.expected-status-max",
            "expected-status-min and expected-status-max must be set together"),
        Arguments.of(
            List.of(
                "checkmetrics.checks.orders.url=http://127.0.0.1:1/",
                "checkmetrics.checks.orders.expected-status-min=300",
                "checkmetrics.checks.orders.expected-status-max=200"),
            "checkmetrics.checks.orders.expected-status-min",
            "expected status must be a range within 100..599: 300..200"),
        Arguments.of(
            List.of("checkmetrics.checks[orders db].url=http://127.0.0.1:1/"),
            "checkmetrics.checks.orders db",
            "check id must match [a-zA-Z0-9_.:-]{1,128}: \"orders db\""),
        Arguments.of(
            List.of("checkmetrics.threads=0"),
            "checkmetrics.threads",
            "threads must be between 1 and 1024: 0"),
        Arguments.of(
            List.of("checkmetrics.path=metrics"),
            "checkmetrics.path",
            "checkmetrics.path must match /[^?#\\s]*: \"metrics\" (Spring property)"),
        Arguments.of(
            List.of("checkmetrics.layers=status,latency"),
            "checkmetrics.layers",
            "layer must be one of [status, durations, runs, last_run]: \"latency\""));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badProperties")
  void badPropertyShouldFailTheStartNamingPropertyAndRule(
      List<String> properties, String property, String rule) {
    runner
        .withPropertyValues(properties.toArray(String[]::new))
        .run(
            context -> {
              assertThat(context).hasFailed();
              CheckmetricsPropertyException failure = failure(context.getStartupFailure());
              assertThat(failure.property()).isEqualTo(property);
              assertThat(failure.rule()).isEqualTo(rule);
              assertThat(failure).hasMessage(property + ": " + rule);
            });
  }

  @Test
  void unknownKeyShouldFailTheStartThroughBootsOwnBinding() {
    runner
        .withPropertyValues("checkmetrics.health.intervall=5s")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(UnboundConfigurationPropertiesException.class)
                  .hasMessage(
                      "The elements [checkmetrics.health.intervall] were left unbound.");
            });
  }

  @Test
  void servletOptionWithAPrometheusRegistryBeanShouldFail() {
    runner
        .withBean(PrometheusRegistry.class, PrometheusRegistry::new)
        .withPropertyValues("checkmetrics.auth.bearer-token=abc")
        .run(
            context ->
                assertThat(failure(context.getStartupFailure()))
                    .hasMessage(
                        "checkmetrics.auth.bearer_token: checkmetrics.auth.bearer_token must not"
                            + " be set when a PrometheusRegistry bean exists: checkmetrics then"
                            + " registers its families there (Actuator serves them at"
                            + " /actuator/prometheus) and registers no servlet of its own"));
  }

  @Test
  void twoHealthContributorsWithOneCheckIdShouldFailNamingBoth() {
    runner
        .withBean("orders db", HealthIndicator.class, () -> () -> Health.up().build())
        .withBean("orders_db", HealthIndicator.class, () -> () -> Health.up().build())
        .run(
            context ->
                assertThat(failure(context.getStartupFailure()))
                    .hasMessage(
                        "checkmetrics.health.exclude: health contributors \"orders db\" and"
                            + " \"orders_db\" map to one check id \"orders_db\": exclude one of"
                            + " them"));
  }

  @Test
  void excludedContributorShouldLeaveTheOtherOne() {
    runner
        .withBean("orders db", HealthIndicator.class, () -> () -> Health.up().build())
        .withBean("orders_db", HealthIndicator.class, () -> () -> Health.up().build())
        .withPropertyValues("checkmetrics.health.exclude=orders db")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void declaredCheckWithAHealthContributorsIdShouldFail() {
    runner
        .withBean("dbHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
        .withPropertyValues("checkmetrics.checks.db.host=127.0.0.1", "checkmetrics.checks.db.port=5432")
        .run(
            context ->
                assertThat(failure(context.getStartupFailure()))
                    .hasMessage(
                        "checkmetrics.checks.db: check id \"db\" is taken by health contributor"
                            + " \"db\": rename the check, or exclude the contributor with"
                            + " checkmetrics.health.exclude"));
  }

  @Test
  void failureAnalyzerShouldReportPropertyAndRule() {
    CheckmetricsPropertyException failure =
        new CheckmetricsPropertyException(
            "checkmetrics.health.interval", "interval must be positive: PT-5S", null);
    // Boot's own analyzers need arguments (a bean factory) this plain load does not give
    List<FailureAnalyzer> analyzers =
        SpringFactoriesLoader.forDefaultResourceLocation()
            .load(
                FailureAnalyzer.class,
                SpringFactoriesLoader.ArgumentResolver.none(),
                (type, implementation, ignored) -> {});
    FailureAnalyzer analyzer =
        analyzers.stream()
            .filter(a -> a instanceof CheckmetricsFailureAnalyzer)
            .findFirst()
            .orElseThrow();

    FailureAnalysis analysis =
        analyzer.analyze(new IllegalStateException("context refresh failed", failure));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "Invalid checkmetrics configuration: checkmetrics.health.interval: interval must be"
                + " positive: PT-5S");
    assertThat(analysis.getAction())
        .isEqualTo(
            "Change checkmetrics.health.interval in the application's configuration"
                + " (application.yml, application.properties, or the environment) so that it"
                + " meets the rule above.");
  }

  private static CheckmetricsPropertyException failure(Throwable startupFailure) {
    Throwable t = startupFailure;
    while (t != null) {
      if (t instanceof CheckmetricsPropertyException e) {
        return e;
      }
      t = t.getCause();
    }
    throw new AssertionError("no CheckmetricsPropertyException in", startupFailure);
  }
}
