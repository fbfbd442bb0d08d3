package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Tag labels, the joined tags label per family, the state family, the per-region status and the
 * failure reason family.
 */
class SchemaDepthTest {

  private static final Instant END = Instant.parse("2026-11-20T10:00:00Z");

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private static CheckResult result(String region, Outcome outcome, String reason) {
    CheckResult.Builder builder =
        CheckResult.builder("db", region)
            .outcome(outcome)
            .duration(Duration.ofMillis(250))
            .finishedAt(END);
    return reason == null ? builder.build() : builder.failureReason(reason).build();
  }

  private CheckMetrics metrics(CheckSchema schema) {
    return CheckMetrics.builder().registry(registry).schema(schema).build();
  }

  /** The twin of the schema block of {@code docs/metric-schema.md}, and the two lines it shows. */
  @Test
  void readmeSchemaBlockShouldWriteTheLinesTheReadmeShows() throws IOException {
    // --- README block ---
    CheckSchema schema = CheckSchema.DEFAULT.toBuilder()
        .tagLabels("team")
        .regionStatus("region_status", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME, CheckLabel.REGION)
        .build();
    // --- end of block ---
    CheckMetrics metrics = metrics(schema);
    metrics.register(
        Check.builder("checkout").name("Checkout API").tags("team:payments").build());
    metrics.record(
        CheckResult.builder("checkout", "eu-west-1")
            .outcome(Outcome.FAILED)
            .duration(Duration.ofSeconds(5))
            .failureReason("timeout")
            .build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());

    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .contains(
            "check_region_status{check_id=\"checkout\",check_name=\"Checkout API\","
                + "region=\"eu-west-1\",team=\"payments\"} 0.0",
            "check_failure_reason{check_id=\"checkout\",check_name=\"Checkout API\","
                + "reason=\"timeout\",region=\"eu-west-1\",team=\"payments\"} 1.0");
  }

  @Test
  void tagLabelsShouldBeLabelsOfEveryFamily() {
    CheckMetrics metrics =
        metrics(CheckSchema.DEFAULT.toBuilder().tagLabels("team", "env").build());
    metrics.register(
        Check.builder("db").tags("team:payments", "team:orders", "critical").build());
    metrics.record(result("eu", Outcome.PASSED, null));

    assertThat(Series.of(registry, "check_status"))
        .containsExactly(
            "{activated=\"true\", check_id=\"db\", check_name=\"db\", check_type=\"api\","
                + " env=\"\", muted=\"false\", tags=\"critical,team:orders,team:payments\","
                + " team=\"orders,payments\"} 1.0");
    assertThat(Series.of(registry, "check_duration_seconds"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"db\", env=\"\", region=\"eu\","
                + " team=\"orders,payments\"} count=1 sum=0.25");
    assertThat(Series.of(registry, "check_runs")).allMatch(s -> s.contains("team=\"orders,payments\""));
  }

  @Test
  void retaggingShouldMoveTheCountersToTheNewTagLabel() {
    CheckMetrics metrics = metrics(CheckSchema.DEFAULT.toBuilder().tagLabels("team").build());
    metrics.register(Check.builder("db").tags("team:a").build());
    metrics.record(result("eu", Outcome.PASSED, null));
    metrics.update(Check.builder("db").tags("team:b").build());
    metrics.record(result("eu", Outcome.PASSED, null));

    assertThat(Series.of(registry, "check_duration_seconds"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"db\", region=\"eu\", team=\"b\"} count=1 sum=0.25");
  }

  @Test
  void joinedTagsShouldBeOnTheFamiliesAsked() {
    CheckMetrics every =
        metrics(CheckSchema.DEFAULT.toBuilder().joinedTagsOnEveryFamily().build());
    every.register(Check.builder("db").tags("x").build());
    every.record(result("eu", Outcome.PASSED, null));
    assertThat(Series.of(registry, "check_degraded").get(0)).contains("tags=\"x\"");
    assertThat(Series.of(registry, "check_last_run_timestamp_seconds").get(0))
        .contains("tags=\"x\"");
    every.close();

    CheckMetrics statusOnly =
        metrics(CheckSchema.DEFAULT.toBuilder().joinedTagsOnStatusOnly().build());
    statusOnly.register(Check.builder("db").tags("x").build());
    statusOnly.record(result("eu", Outcome.PASSED, null));
    assertThat(Series.of(registry, "check_status").get(0)).contains("tags=\"x\"");
    assertThat(Series.of(registry, "check_last_duration_seconds").get(0)).doesNotContain("tags=");
    statusOnly.close();

    CheckMetrics none =
        metrics(CheckSchema.DEFAULT.toBuilder().withoutJoinedTags().build());
    none.register(Check.builder("db").tags("x").build());
    none.record(result("eu", Outcome.PASSED, null));
    assertThat(Series.of(registry, "check_status").get(0)).doesNotContain("tags=");
    assertThat(Series.of(registry, "check_last_duration_seconds").get(0)).doesNotContain("tags=");
  }

  @Test
  void regionStatusShouldShowTheFailingRegionAlone() {
    CheckMetrics metrics =
        metrics(
            CheckSchema.DEFAULT.toBuilder()
                .regionStatus("region_status", CheckLabel.CHECK_ID, CheckLabel.REGION)
                .build());
    metrics.register(Check.builder("db").build());
    metrics.record(result("eu-west-1", Outcome.FAILED, "timeout"));
    metrics.record(result("us-east-1", Outcome.DEGRADED, null));

    assertThat(Series.of(registry, "check_region_status"))
        .containsExactly(
            "{check_id=\"db\", region=\"eu-west-1\"} 0.0",
            "{check_id=\"db\", region=\"us-east-1\"} 1.0");
    assertThat(Series.of(registry, "check_status")).singleElement().asString().endsWith(" 0.0");
  }

  @Test
  void failureReasonShouldFollowTheLatestFailurePerRegion() {
    CheckMetrics metrics = metrics(CheckSchema.DEFAULT);
    metrics.register(Check.builder("db").build());
    metrics.record(result("eu", Outcome.PASSED, null));
    assertThat(Series.of(registry, "check_failure_reason")).isEmpty();

    metrics.record(result("eu", Outcome.FAILED, "timeout"));
    metrics.record(result("us", Outcome.FAILED, null));
    assertThat(Series.of(registry, "check_failure_reason"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"db\", reason=\"timeout\", region=\"eu\"} 1.0",
            "{check_id=\"db\", check_name=\"db\", reason=\"unknown\", region=\"us\"} 1.0");

    metrics.record(result("eu", Outcome.FAILED, "connection_refused"));
    metrics.record(result("us", Outcome.PASSED, null));
    assertThat(Series.of(registry, "check_failure_reason"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"db\", reason=\"connection_refused\","
                + " region=\"eu\"} 1.0",
            "{check_id=\"db\", check_name=\"db\", reason=\"unknown\", region=\"us\"} 0.0");
  }

  @Test
  void failureReasonsPastTheBoundShouldBeWrittenOther() {
    CheckMetrics metrics = metrics(CheckSchema.DEFAULT);
    metrics.register(Check.builder("db").build());
    for (int i = 0; i < CheckSchema.MAX_FAILURE_REASONS; i++) {
      metrics.record(result("eu", Outcome.FAILED, "reason_" + i));
      assertThat(Series.of(registry, "check_failure_reason").get(0))
          .contains("reason=\"reason_" + i + "\"");
    }
    metrics.record(result("eu", Outcome.FAILED, "one_too_many"));
    assertThat(Series.of(registry, "check_failure_reason").get(0)).contains("reason=\"other\"");
    metrics.record(result("eu", Outcome.FAILED, "reason_3"));
    assertThat(Series.of(registry, "check_failure_reason").get(0))
        .contains("reason=\"reason_3\"");
  }

  @Test
  void stateShouldBeOneSeriesPerStateWithOneSet() {
    CheckMetrics metrics =
        metrics(
            CheckSchema.builder()
                .state("state", CheckLabel.CHECK_ID)
                .runs("runs_total", CheckLabel.CHECK_ID, CheckLabel.REGION)
                .runsByOutcome(true)
                .build());
    metrics.register(Check.builder("db").build());
    metrics.record(result("eu", Outcome.DEGRADED, null));
    assertThat(Series.of(registry, "check_state"))
        .containsExactly(
            "{check_id=\"db\", status=\"degraded\"} 1.0",
            "{check_id=\"db\", status=\"failing\"} 0.0",
            "{check_id=\"db\", status=\"passing\"} 0.0");

    metrics.record(result("us", Outcome.FAILED, "dns"));
    metrics.record(result("us", Outcome.PASSED, null));
    metrics.record(result("us", Outcome.FAILED, "dns"));
    assertThat(Series.of(registry, "check_state"))
        .contains("{check_id=\"db\", status=\"failing\"} 1.0");
    assertThat(Series.of(registry, "check_runs"))
        .containsExactly(
            "{check_id=\"db\", region=\"eu\", status=\"degraded\"} 1.0",
            "{check_id=\"db\", region=\"eu\", status=\"failing\"} 0.0",
            "{check_id=\"db\", region=\"eu\", status=\"passing\"} 0.0",
            "{check_id=\"db\", region=\"us\", status=\"degraded\"} 0.0",
            "{check_id=\"db\", region=\"us\", status=\"failing\"} 2.0",
            "{check_id=\"db\", region=\"us\", status=\"passing\"} 1.0");
  }

  @Test
  void removingACheckCountedByOutcomeShouldLeaveNoSeries() {
    CheckMetrics metrics = metrics(CheckSchema.CHECKLY_V2);
    metrics.register(Check.builder("db").build());
    metrics.record(result("eu", Outcome.DEGRADED, null));
    metrics.remove("db");
    assertThat(Series.of(registry, "checkly_check_result")).isEmpty();
    assertThat(Series.of(registry, "checkly_check_status")).isEmpty();
  }
}
