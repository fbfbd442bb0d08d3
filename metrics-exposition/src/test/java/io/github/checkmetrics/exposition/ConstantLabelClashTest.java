package io.github.checkmetrics.exposition;

import static io.github.checkmetrics.exposition.AuthenticationTest.stderrOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A constant label that a family of the registry already has: refused where it is configured when
 * the clash is known then, one clear 500 cause in the log when it appears later.
 */
class ConstantLabelClashTest {

  private static final String FAILURE_BODY =
      "An error occurred while collecting metrics; the cause is in the server log.\n";

  private final PrometheusRegistry registry = new PrometheusRegistry();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "check_id, check_degraded",
    "check_name, check_degraded",
    "check_type, check_degraded",
    "tags, check_last_duration_seconds",
    "muted, check_status",
    "region, check_duration_seconds",
    "status, check_runs"
  })
  void labelOfACheckFamilyWithoutSeriesShouldBeRefusedByBuild(String label, String family) {
    CheckMetrics.builder().registry(registry).build();

    assertThatThrownBy(
            () -> ExpositionWriter.builder().registry(registry).constantLabel(label, "x").build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("constant label " + label + " collides with a label of metric family " + family);
  }

  @Test
  void labelOfANamedProfileShouldBeRefusedByBuild() {
    CheckMetrics.builder()
        .registry(registry)
        .schema(CheckSchema.APPCLACKS)
        .build();

    assertThatThrownBy(
            () -> ScrapeHandler.builder().registry(registry).constantLabel("zone", "eu").build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("constant label zone collides with a label of metric family healthcheck");
  }

  @Test
  void labelOfASeriesShouldBeRefusedByBuild() {
    Counter.builder().name("requests").labelNames("path").register(registry).labelValues("/").inc();

    assertThatThrownBy(
            () ->
                ExpositionWriter.builder()
                    .registry(registry)
                    .constantLabel("service", "orders")
                    .constantLabel("path", "/x")
                    .build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("constant label path collides with a label of metric family requests");
  }

  @Test
  void labelOfJvmMetricsShouldBeRefusedByBuild() {
    JvmInstrumentation.register(registry, true, true);

    assertThatThrownBy(
            () -> ExpositionWriter.builder().registry(registry).constantLabel("area", "x").build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "constant label area collides with a label of metric family jvm_memory_committed_bytes");
  }

  @Test
  void labelsOfNoFamilyShouldBeServedOnEverySeries() {
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("db").build());
    metrics.record(passed("db"));
    JvmInstrumentation.register(registry, true, true);

    String text =
        ExpositionWriter.builder()
            .registry(registry)
            .constantLabel("service", "orders")
            .constantLabel("env", "prod")
            .build()
            .toString(ExpositionFormat.PROMETHEUS_TEXT);

    assertThat(text)
        .contains("check_status{activated=\"true\",check_id=\"db\"")
        .contains("env=\"prod\"")
        .contains("service=\"orders\"");
  }

  @Test
  void closedCheckMetricsShouldNoLongerClash() {
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    assertThat(CheckMetrics.registeredFamilies(registry)).isNotEmpty();
    metrics.close();

    assertThat(CheckMetrics.registeredFamilies(registry)).isEmpty();
    assertThat(
            ExpositionWriter.builder()
                .registry(registry)
                .constantLabel("region", "eu")
                .build()
                .toString(ExpositionFormat.PROMETHEUS_TEXT))
        .isEmpty();
  }

  @Test
  void clearedRegistryShouldNoLongerClash() {
    CheckMetrics.builder().registry(registry).build();
    registry.clear();

    assertThat(
            ExpositionWriter.builder()
                .registry(registry)
                .constantLabel("region", "eu")
                .build()
                .toString(ExpositionFormat.PROMETHEUS_TEXT))
        .isEmpty();
  }

  @Test
  void failingCollectorShouldNotHideACheckFamilyNorFailTheBuild() {
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    Collector failing =
        () -> {
          throw new IllegalStateException("database down");
        };
    registry.register(failing);
    ExpositionWriter.Builder builder =
        ExpositionWriter.builder().registry(registry).constantLabel("region", "eu");

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "constant label region collides with a label of metric family check_duration_seconds");
    metrics.close();
    assertThat(builder.build()).isNotNull();
  }

  @Test
  void clashAppearingAfterTheBuildShouldAnswer500AndLogTheCauseOnce() {
    ScrapeHandler handler =
        ScrapeHandler.builder().registry(registry).constantLabel("region", "eu").build();
    assertThat(handler.handle(TestRequest.of("GET", "/metrics")).status()).isEqualTo(200);
    // A family registered later: nothing was known at the build.
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("db").build());
    metrics.record(passed("db"));

    String log =
        stderrOf(
            () -> {
              for (int scrape = 0; scrape < 3; scrape++) {
                ScrapeResponse response = handler.handle(TestRequest.of("GET", "/metrics"));
                assertThat(response.status()).isEqualTo(500);
                assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo(FAILURE_BODY);
              }
              assertThat(handler.handle(TestRequest.of("GET", "/-/healthy")).status())
                  .isEqualTo(200);
              return null;
            });

    assertThat(log)
        .contains(
            "ERROR io.github.checkmetrics.exposition.ScrapeHandler - Collecting metrics for a"
                + " scrape of /metrics failed; answered 500 to every scrape until the constant"
                + " label or the family is renamed: constant label region collides with a label of"
                + " metric family check_duration_seconds\n")
        .doesNotContain("Exception");
    assertThat(log.split("collides", -1)).as("logged once").hasSize(2);
    assertThatThrownBy(handler::checkConstantLabels)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "constant label region collides with a label of metric family"
                + " check_duration_seconds");
  }

  @Test
  void checkConstantLabelsWithoutConstantLabelsShouldNotScrape() {
    Collector failing =
        () -> {
          throw new IllegalStateException("never collected");
        };
    registry.register(failing);
    ScrapeHandler handler = ScrapeHandler.builder().registry(registry).build();

    handler.checkConstantLabels();
    assertThat(handler.handle(TestRequest.of("GET", "/metrics")).status()).isEqualTo(500);
  }

  static Stream<Arguments> texts() {
    return Stream.of(
        Arguments.of("", Map.of()),
        Arguments.of(" \t", Map.of()),
        Arguments.of(" service = orders , env=prod ", ordered("service", "orders", "env", "prod")),
        Arguments.of("a=", Map.of("a", "")),
        Arguments.of("a=b=c", Map.of("a", "b=c")));
  }

  @ParameterizedTest
  @MethodSource("texts")
  void textShouldParseIntoLabelsInTheirOrder(String text, Map<String, String> labels) {
    assertThat(ConstantLabels.parse(text)).containsExactlyEntriesOf(labels);
  }

  static Stream<Arguments> invalidTexts() {
    String name =
        "constant label name must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ (reserved) and"
            + " not be le or quantile (histogram buckets, summary quantiles): ";
    return Stream.of(
        invalid(null, NullPointerException.class, "text"),
        invalid("region", IllegalArgumentException.class,
            "constant labels must be name=value pairs separated by commas: \"region\""),
        invalid("a=1,,b=2", IllegalArgumentException.class,
            "constant labels must be name=value pairs separated by commas: \"a=1,,b=2\""),
        invalid("a b=1", IllegalArgumentException.class, name + "\"a b\""),
        invalid("=x", IllegalArgumentException.class, name + "\"\""),
        invalid("1a=x", IllegalArgumentException.class, name + "\"1a\""),
        invalid("my-ip=x", IllegalArgumentException.class, name + "\"my-ip\""),
        invalid("__name__=x", IllegalArgumentException.class, name + "\"__name__\""),
        invalid("team=a, le=1", IllegalArgumentException.class, name + "\"le\""),
        invalid("quantile=1", IllegalArgumentException.class, name + "\"quantile\""),
        invalid("a=1, a=2", IllegalStateException.class, "constantLabel(a) was already set to \"1\"; cannot set it to \"2\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTexts")
  void invalidTextShouldFailWithExactMessage(
      String text, Class<? extends Exception> type, String message) {
    assertThatThrownBy(() -> ConstantLabels.parse(text))
        .isExactlyInstanceOf(type)
        .hasMessage(message);
  }

  private static Arguments invalid(String text, Class<? extends Exception> type, String message) {
    return Arguments.of(text, type, message);
  }

  private static Map<String, String> ordered(String... namesAndValues) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      labels.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return labels;
  }

  private static CheckResult passed(String checkId) {
    return CheckResult.builder(checkId, "eu-west-1")
        .outcome(Outcome.PASSED)
        .duration(Duration.ofMillis(12))
        .build();
  }
}
