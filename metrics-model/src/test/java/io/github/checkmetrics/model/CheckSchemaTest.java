package io.github.checkmetrics.model;

import static io.github.checkmetrics.model.CheckLabel.ACTIVATED;
import static io.github.checkmetrics.model.CheckLabel.CHECK_ID;
import static io.github.checkmetrics.model.CheckLabel.CHECK_NAME;
import static io.github.checkmetrics.model.CheckLabel.CHECK_TYPE;
import static io.github.checkmetrics.model.CheckLabel.REGION;
import static io.github.checkmetrics.model.CheckLabel.STATUS;
import static io.github.checkmetrics.model.CheckLabel.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckSchemaTest {

  private static final Instant END = Instant.parse("2026-11-20T10:00:00Z");

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private static CheckResult result(String id, String region, Outcome outcome, Duration duration) {
    return CheckResult.builder(id, region)
        .outcome(outcome)
        .duration(duration)
        .finishedAt(END)
        .build();
  }

  private List<String> families() {
    return registry.scrape().stream()
        .map(MetricSnapshot::getMetadata)
        .map(m -> m.getPrometheusName())
        .toList();
  }

  @Test
  void checklyShouldExposeStatusAndLastResultInMillisecondsWithoutCheckId() {
    CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).schema(CheckSchema.CHECKLY).build();
    metrics.register(
        Check.builder("alerts").name("Alerts fetch").type("api").tags("public", "alerts").build());
    metrics.record(result("alerts", "eu-west-2", Outcome.PASSED, Duration.ofMillis(1168)));

    assertThat(metrics.namespace()).isEqualTo("checkly");
    assertThat(families())
        .containsExactlyInAnyOrder(
            "checkly_check_status", "checkly_check_result", "checkly_series_rejected",
            "checkly_registrations_rejected");
    assertThat(Series.of(registry, "checkly_check_status"))
        .containsExactly(
            "{activated=\"true\", check_name=\"Alerts fetch\", check_type=\"api\","
                + " muted=\"false\", tags=\"alerts,public\"} 1.0");
    assertThat(Series.of(registry, "checkly_check_result"))
        .containsExactly(
            "{check_name=\"Alerts fetch\", check_type=\"api\", region=\"eu-west-2\","
                + " tags=\"alerts,public\"} 1168.0");
  }

  @Test
  void appclacksShouldRenameLabelsAndCreateAStatusSeriesWithItsFirstRun() {
    CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).schema(CheckSchema.APPCLACKS).build();
    metrics.register(Check.builder("cc14").name("blog").build());
    metrics.record(result("cc14", "fr-par-1", Outcome.PASSED, Duration.ofMillis(80)));

    assertThat(families())
        .containsExactlyInAnyOrder(
            "healthcheck_duration_seconds", "healthcheck", "healthcheck_series_rejected",
            "healthcheck_registrations_rejected");
    assertThat(Series.of(registry, "healthcheck"))
        .containsExactly("{id=\"cc14\", name=\"blog\", status=\"success\", zone=\"fr-par-1\"} 1.0");
    assertThat(Series.of(registry, "healthcheck_duration_seconds"))
        .containsExactly("{id=\"cc14\", name=\"blog\", zone=\"fr-par-1\"} count=1 sum=0.08");

    metrics.record(result("cc14", "fr-par-1", Outcome.FAILED, Duration.ofMillis(80)));
    assertThat(Series.of(registry, "healthcheck"))
        .containsExactly(
            "{id=\"cc14\", name=\"blog\", status=\"failure\", zone=\"fr-par-1\"} 1.0",
            "{id=\"cc14\", name=\"blog\", status=\"success\", zone=\"fr-par-1\"} 1.0");
  }

  @Test
  void userDefinedSchemaShouldUseItsNamesLabelsAndUnits() {
    CheckSchema schema =
        CheckSchema.builder()
            .namespace("synthetic")
            .status("up", CHECK_ID)
            .lastDuration("latency_milliseconds", TimeUnit.MILLISECONDS, CHECK_ID, REGION)
            .duration("duration_milliseconds", TimeUnit.MILLISECONDS, CHECK_ID, REGION)
            .buckets(100, 1000)
            .lastRun("last_run_timestamp_milliseconds", TimeUnit.MILLISECONDS, CHECK_ID, REGION)
            .labelName(REGION, "zone")
            .build();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).schema(schema).build();
    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "eu", Outcome.FAILED, Duration.ofMillis(1500)));

    assertThat(Series.of(registry, "synthetic_up")).containsExactly("{check_id=\"db\"} 0.0");
    assertThat(Series.of(registry, "synthetic_latency_milliseconds"))
        .containsExactly("{check_id=\"db\", zone=\"eu\"} 1500.0");
    assertThat(Series.of(registry, "synthetic_duration_milliseconds"))
        .containsExactly("{check_id=\"db\", zone=\"eu\"} count=1 sum=1500.0");
    assertThat(Series.of(registry, "synthetic_last_run_timestamp_milliseconds"))
        .containsExactly("{check_id=\"db\", zone=\"eu\"} " + (double) END.toEpochMilli());
    assertThat(schema.familyNames())
        .containsExactly(
            "synthetic_up", "synthetic_latency_milliseconds", "synthetic_duration_milliseconds",
            "synthetic_last_run_timestamp_milliseconds");
  }

  @Test
  void namespaceOfAProfileShouldBeSetOnItsBuilder() {
    CheckSchema acme = CheckSchema.CHECKLY.toBuilder().namespace("acme").build();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).schema(acme).build();
    assertThat(metrics.schema()).isSameAs(acme);
    assertThat(metrics.namespace()).isEqualTo("acme");
    assertThat(families())
        .containsExactlyInAnyOrder("acme_check_status", "acme_check_result", "acme_series_rejected",
            "acme_registrations_rejected");
  }

  @Test
  void defaultSchemaShouldNameTheSevenFamilies() {
    assertThat(CheckSchema.DEFAULT.familyNames())
        .containsExactly(
            "check_status", "check_degraded", "check_last_duration_seconds",
            "check_duration_seconds", "check_runs", "check_last_run_timestamp_seconds",
            "check_failure_reason");
    assertThat(CheckSchema.APPCLACKS.familyNames())
        .containsExactly("healthcheck_duration_seconds", "healthcheck");
    assertThat(CheckSchema.DEFAULT.namespace()).isEqualTo("check");
    assertThat(CheckSchema.CHECKLY.toString())
        .isEqualTo(
            "CheckSchema[checkly_check_status[check_name, check_type, muted, activated, tags],"
                + " checkly_check_result[check_name, check_type, region, tags]]");
  }

  @Test
  void toBuilderShouldRebuildAnEqualSchema() {
    for (CheckSchema schema :
        List.of(CheckSchema.DEFAULT, CheckSchema.CHECKLY, CheckSchema.APPCLACKS)) {
      assertThat(schema.toBuilder().build()).isEqualTo(schema).hasSameHashCodeAs(schema);
    }
    assertThat(CheckSchema.DEFAULT.toBuilder().labelName(REGION, "zone").build())
        .isNotEqualTo(CheckSchema.DEFAULT);
  }

  @Test
  void toBuilderShouldLetEachCopiedOptionBeSetOnce() {
    CheckSchema moved =
        CheckSchema.CHECKLY.toBuilder().namespace("acme").eagerRunStatuses(false).build();
    assertThat(moved.namespace()).isEqualTo("acme");
    assertThat(moved.familyNames()).containsExactly("acme_check_status", "acme_check_result");
  }

  @Test
  void aSchemaWithoutCheckIdShouldRefuseTwoChecksWithOneName() {
    CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).schema(CheckSchema.CHECKLY).build();
    metrics.register(Check.builder("a").name("Home").build());
    metrics.register(Check.builder("b").name("Login").build());

    assertThatThrownBy(() -> metrics.register(Check.builder("c").name("Home").build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "check name is already used by check \"a\" and a family of the schema has no"
                + " check_id label: \"Home\"");
    assertThatThrownBy(() -> metrics.update(Check.builder("b").name("Home").build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "check name is already used by check \"a\" and a family of the schema has no"
                + " check_id label: \"Home\"");

    metrics.update(Check.builder("a").name("Start").build());
    metrics.register(Check.builder("c").name("Home").build());
    metrics.remove("b");
    metrics.register(Check.builder("d").name("Login").build());
    metrics.update(Check.builder("d").name("Login").muted(true).build());
  }

  @Test
  void defaultSchemaShouldAllowTwoChecksWithOneName() {
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("a").name("Home").build());
    metrics.register(Check.builder("b").name("Home").build());
    metrics.record(result("a", "eu", Outcome.PASSED, Duration.ofMillis(1)));
    metrics.record(result("b", "eu", Outcome.PASSED, Duration.ofMillis(1)));
    assertThat(Series.of(registry, "check_status")).hasSize(2);
  }

  @Test
  void updateShouldReplaceHistogramSeriesWhenAnyOfItsLabelsChanges() {
    CheckSchema schema =
        CheckSchema.builder().duration("duration_seconds", TimeUnit.SECONDS, CHECK_ID, TAGS, REGION)
            .build();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).schema(schema).build();
    Check db = Check.builder("db").tags("old").build();
    metrics.register(db);
    metrics.record(result("db", "eu", Outcome.PASSED, Duration.ofMillis(250)));

    metrics.update(db.toBuilder().tags("new").build());
    metrics.record(result("db", "eu", Outcome.PASSED, Duration.ofMillis(250)));

    assertThat(Series.of(registry, "check_duration_seconds"))
        .containsExactly("{check_id=\"db\", region=\"eu\", tags=\"new\"} count=1 sum=0.25");
  }

  @Test
  void layersShouldKeepOnlyTheirFamilies() {
    CheckMetrics metrics =
        CheckMetrics.builder()
            .registry(registry)
            .schema(CheckSchema.DEFAULT.toBuilder().layers("status", "runs").build())
            .build();
    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "eu", Outcome.PASSED, Duration.ofMillis(1)));

    assertThat(families())
        .containsExactlyInAnyOrder(
            "check_status", "check_degraded", "check_runs", "check_series_rejected",
            "check_registrations_rejected", "check_failure_reason");
  }

  @Test
  void layerKeysShouldNameTheLayers() {
    for (String layer : List.of("status", "durations", "runs", "last_run")) {
      assertThat(CheckSchema.DEFAULT.toBuilder().layers(layer).build().familyNames()).isNotEmpty();
    }
    assertThat(CheckSchema.DEFAULT.toBuilder().layers("last_run").build().familyNames())
        .containsExactly("check_last_run_timestamp_seconds");
    assertThat(CheckSchema.DEFAULT.toBuilder().layers(List.of("runs", "status", "runs")).build())
        .isEqualTo(CheckSchema.DEFAULT.toBuilder().layers("status", "runs").build());
    assertThatThrownBy(() -> CheckSchema.DEFAULT.toBuilder().layers("latency"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("layer must be one of [status, durations, runs, last_run]: \"latency\"");
  }

  @Test
  void labelsShouldKnowTheirDefaultNames() {
    assertThat(CHECK_ID.defaultName()).isEqualTo("check_id");
    assertThat(STATUS.defaultName()).isEqualTo("status");
  }

  /** The twin of the usage blocks of {@link CheckSchema} and {@link CheckLabel}. */
  @Test
  void javadocExamplesShouldWork() {
    CheckSchema schema = CheckSchema.builder()
        .namespace("synthetic")
        .status("up", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME)
        .lastDuration("latency_milliseconds", TimeUnit.MILLISECONDS,
            CheckLabel.CHECK_ID, CheckLabel.REGION)
        .runs("runs_total", CheckLabel.CHECK_ID, CheckLabel.REGION)
        .labelName(CheckLabel.REGION, "zone")
        .build();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).schema(schema).build();
    assertThat(metrics.namespace()).isEqualTo("synthetic");

    CheckSchema renamed = CheckSchema.builder()
        .status("up", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME)
        .labelName(CheckLabel.CHECK_ID, "id")
        .build();
    assertThat(renamed.toString()).isEqualTo("CheckSchema[check_up[id, check_name]]");

    PrometheusRegistry other = new PrometheusRegistry();
    CheckMetrics layered = CheckMetrics.builder()
        .registry(other)
        .schema(CheckSchema.DEFAULT.toBuilder().layers("status", "runs").build())
        .build();
    assertThat(layered.registry()).isSameAs(other);
  }

  static Stream<Arguments> invalidBuilders() {
    return Stream.of(
        invalid(b -> { }, IllegalArgumentException.class,
            "schema must define at least one family (status, degraded, lastDuration, duration,"
                + " runs, lastRun): none defined"),
        invalid(b -> b.namespace("1x"), IllegalArgumentException.class,
            "namespace must match [a-zA-Z_:][a-zA-Z0-9_:]*: \"1x\""),
        invalid(b -> b.status("up status", CHECK_ID), IllegalArgumentException.class,
            "family name must match [a-zA-Z0-9_:]{1,128}: \"up status\""),
        invalid(b -> b.status("up_total", CHECK_ID), IllegalArgumentException.class,
            "family name of status must not end with a reserved suffix [_total, _created,"
                + " _bucket, _count, _sum, _info]: \"up_total\""),
        invalid(b -> b.lastDuration("x_count", TimeUnit.SECONDS, CHECK_ID, REGION),
            IllegalArgumentException.class,
            "family name of last_duration must not end with a reserved suffix [_total, _created,"
                + " _bucket, _count, _sum, _info]: \"x_count\""),
        invalid(b -> b.runs("runs_created", CHECK_ID, REGION), IllegalArgumentException.class,
            "family name of runs must not end with a reserved suffix [_total, _created,"
                + " _bucket, _count, _sum, _info]: \"runs_created\""),
        invalid(b -> b.status("up"), IllegalArgumentException.class,
            "labels of family status must include CHECK_ID or CHECK_NAME: []"),
        invalid(b -> b.status("up", CHECK_TYPE), IllegalArgumentException.class,
            "labels of family status must include CHECK_ID or CHECK_NAME: [CHECK_TYPE]"),
        invalid(b -> b.status("up", CHECK_ID, CHECK_ID), IllegalArgumentException.class,
            "labels of family status must be distinct: [CHECK_ID, CHECK_ID]"),
        invalid(b -> b.degraded("degraded", CHECK_ID, REGION), IllegalArgumentException.class,
            "labels of family degraded must not include REGION (one series per check):"
                + " [CHECK_ID, REGION]"),
        invalid(b -> b.duration("d_seconds", TimeUnit.SECONDS, CHECK_ID),
            IllegalArgumentException.class,
            "labels of family duration must include REGION (one series per check and region):"
                + " [CHECK_ID]"),
        invalid(b -> b.lastRun("t", TimeUnit.SECONDS, CHECK_ID, REGION, STATUS),
            IllegalArgumentException.class,
            "labels of family last_run must not include STATUS (only the runs counter and the"
                + " state family have it): [CHECK_ID, REGION, STATUS]"),
        invalid(b -> b.status("s", CHECK_ID, CheckLabel.REASON),
            IllegalArgumentException.class,
            "labels of family status must not include REASON (only the failure reason family"
                + " has it): [CHECK_ID, REASON]"),
        invalid(b -> b.status("s", CHECK_ID).tagLabels("team-x"),
            IllegalArgumentException.class,
            "tag label must match [a-zA-Z_][a-zA-Z0-9_]{0,127}: \"team-x\""),
        invalid(b -> b.status("s", CHECK_ID).tagLabels("t".repeat(129)),
            IllegalArgumentException.class,
            "tag label must match [a-zA-Z_][a-zA-Z0-9_]{0,127}: \"" + "t".repeat(64) + "...\""),
        invalid(b -> b.status("s", CHECK_ID).tagLabels("__team"),
            IllegalArgumentException.class,
            "tag label must not start with __ nor be le or quantile (reserved): \"__team\""),
        invalid(b -> b.status("s", CHECK_ID).tagLabels("region"),
            IllegalArgumentException.class,
            "tag label must not be a label name of the schema [activated, check_id, check_name,"
                + " check_type, muted, reason, region, status, tags]: \"region\""),
        invalid(b -> b.status("s", CHECK_ID).labelName(REGION, "zone").tagLabels("zone"),
            IllegalArgumentException.class,
            "tag label must not be a label name of the schema [activated, check_id, check_name,"
                + " check_type, muted, reason, status, tags, zone]: \"zone\""),
        invalid(b -> b.status("s", CHECK_ID).tagLabels("team", "env", "team"),
            IllegalArgumentException.class,
            "tag labels must be distinct: \"team\" is given twice"),
        invalid(b -> b.status("s", CHECK_ID).tagLabels("team").tagLabels("env"),
            IllegalStateException.class,
            "tagLabels was already set to [team]; cannot set it to [env]"),
        invalid(b -> b.status("s", CHECK_ID).tagLabels((String) null),
            NullPointerException.class, "key"),
        // joinedTags(JoinedTags) took null (NPE "joinedTags"); its three methods take nothing.
        invalid(b -> b.joinedTagsOnEveryFamily().withoutJoinedTags(), IllegalStateException.class,
            "joinedTags was already set to EVERY_FAMILY; cannot set it to NONE"),
        invalid(b -> b.namespace("a").namespace("b"), IllegalStateException.class,
            "namespace was already set to \"a\"; cannot set it to \"b\""),
        invalid(b -> b.runsByOutcome(false).runsByOutcome(true), IllegalStateException.class,
            "runsByOutcome was already set to false; cannot set it to true"),
        // Profiles combined with options they cannot express.
        invalid(b -> CheckSchema.CHECKLY.toBuilder().runsByOutcome(true).build(),
            IllegalArgumentException.class,
            "runsByOutcome(true) needs the runs family, which the schema does not define:"
                + " [status, last_duration]"),
        invalid(b -> CheckSchema.CHECKLY.toBuilder().nativeHistogram(true).build(),
            IllegalArgumentException.class,
            "nativeHistogram(true) needs the duration family, which the schema does not define:"
                + " [status, last_duration]"),
        invalid(b -> CheckSchema.APPCLACKS.toBuilder().joinedTagsOnStatusOnly().build(),
            IllegalArgumentException.class,
            "joinedTagsOnStatusOnly() needs the status family, which the schema does not define:"
                + " [duration, runs]"),
        invalid(b -> CheckSchema.CHECKLY_V2.toBuilder().tagLabels("env"),
            IllegalStateException.class,
            "tagLabels was already set to [group]; cannot set it to [env]"),
        invalid(b -> CheckSchema.APPCLACKS.toBuilder().tagLabels("zone").build(),
            IllegalArgumentException.class,
            "tag label must not be a label name of the schema [activated, check_type, id, muted,"
                + " name, reason, status, tags, zone]: \"zone\""),
        invalid(b -> b.state("s", CHECK_ID, REGION), IllegalArgumentException.class,
            "labels of family state must not include REGION (one series per check):"
                + " [CHECK_ID, REGION]"),
        invalid(b -> b.regionStatus("s", CHECK_ID), IllegalArgumentException.class,
            "labels of family region_status must include REGION (one series per check and"
                + " region): [CHECK_ID]"),
        invalid(b -> b.lastDuration("d", TimeUnit.MINUTES, CHECK_ID, REGION),
            IllegalArgumentException.class, "unit must be SECONDS or MILLISECONDS: MINUTES"),
        invalid(b -> b.lastDuration("d", null, CHECK_ID, REGION),
            NullPointerException.class, "unit"),
        invalid(b -> b.status(null, CHECK_ID), NullPointerException.class, "name"),
        invalid(b -> b.status("up", (CheckLabel[]) null), NullPointerException.class, "labels"),
        invalid(b -> b.status("up", CHECK_ID, null), NullPointerException.class, "label"),
        invalid(b -> b.status("up", CHECK_ID).status("up2", CHECK_ID),
            IllegalStateException.class,
            "family status was already set to \"up\"; cannot set it to \"up2\""),
        invalid(b -> b.labelName(REGION, "zone-1"), IllegalArgumentException.class,
            "label name must match [a-zA-Z_][a-zA-Z0-9_]{0,127}: \"zone-1\""),
        invalid(b -> b.labelName(REGION, "__zone"), IllegalArgumentException.class,
            "label name must not start with __ nor be le or quantile (reserved): \"__zone\""),
        invalid(b -> b.labelName(REGION, "le"), IllegalArgumentException.class,
            "label name must not start with __ nor be le or quantile (reserved): \"le\""),
        invalid(b -> b.labelName(REGION, "zone").labelName(REGION, "area"),
            IllegalStateException.class,
            "labelName(REGION) was already set to \"zone\"; cannot set it to \"area\""),
        invalid(b -> b.status("up", CHECK_ID, ACTIVATED).labelName(ACTIVATED, "check_id"),
            IllegalArgumentException.class,
            "label names of family status must be distinct: \"check_id\" is given to two labels"),
        invalid(b -> b.lastDuration("d", TimeUnit.SECONDS, CHECK_ID, REGION)
                .duration("d", TimeUnit.SECONDS, CHECK_ID, REGION),
            IllegalArgumentException.class,
            "family names must not collide: check_d is written by last_duration and duration"),
        invalid(b -> b.lastDuration("d_sum_x", TimeUnit.SECONDS, CHECK_ID, REGION)
                .runs("series_rejected_total", CHECK_ID, REGION),
            IllegalArgumentException.class,
            "family names must not collide: check_series_rejected is written by series_rejected"
                + " and runs"),
        invalid(b -> b.buckets(), IllegalArgumentException.class,
            "buckets must hold at least one upper bound: []"),
        invalid(b -> b.buckets(2, 1), IllegalArgumentException.class,
            "buckets must be strictly increasing: [2.0, 1.0]"),
        invalid(b -> b.labelName(null, "x"), NullPointerException.class, "label"));
  }

  private static Arguments invalid(
      Consumer<CheckSchema.Builder> action, Class<? extends Exception> type, String message) {
    return Arguments.of(action, type, message);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("invalidBuilders")
  void invalidSchemaShouldFailWithExactMessage(
      Consumer<CheckSchema.Builder> action, Class<? extends Exception> type, String message) {
    CheckSchema.Builder builder = CheckSchema.builder();
    assertThatThrownBy(
            () -> {
              action.accept(builder);
              builder.build();
            })
        .isInstanceOf(type)
        .hasMessage(message);
  }
}
