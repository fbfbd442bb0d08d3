package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks that belong to tenants: keyed by (tenant, id), capped per tenant, labelled in the
 * registry's scrape, and a tenant's own view ({@link CheckMetrics#scrape}) that holds its series
 * only, as a {@code CheckMetrics} holding only its checks would.
 */
class TenantTest {

  private static final Instant END = Instant.parse("2026-11-20T10:00:00Z");
  private static final String RULE = "[a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();

  @AfterEach
  void close() {
    metrics.close();
  }

  static Stream<Arguments> badTenantIds() {
    String long129 = "a".repeat(129);
    return Stream.of(
        Arguments.of("..", IllegalArgumentException.class,
            "tenant id must match " + RULE + ": \"..\""),
        Arguments.of(".", IllegalArgumentException.class,
            "tenant id must match " + RULE + ": \".\""),
        Arguments.of("", IllegalArgumentException.class,
            "tenant id must match " + RULE + ": \"\""),
        Arguments.of("a/b", IllegalArgumentException.class,
            "tenant id must match " + RULE + ": \"a/b\""),
        Arguments.of("%2F", IllegalArgumentException.class,
            "tenant id must match " + RULE + ": \"%2F\""),
        Arguments.of(".hidden", IllegalArgumentException.class,
            "tenant id must match " + RULE + ": \".hidden\""),
        Arguments.of("a b", IllegalArgumentException.class,
            "tenant id must match " + RULE + ": \"a b\""),
        Arguments.of(long129, IllegalArgumentException.class,
            "tenant id must match " + RULE + ": \"" + "a".repeat(64) + "...\""),
        Arguments.of(null, NullPointerException.class, "tenantId"));
  }

  @ParameterizedTest
  @MethodSource("badTenantIds")
  void badTenantIdShouldBeRefusedByTheCheckAndTheResultBuilder(
      String tenant, Class<? extends Exception> type, String message) {
    assertThatThrownBy(() -> Check.builder("db").tenant(tenant))
        .isExactlyInstanceOf(type)
        .hasMessage(message);
    assertThatThrownBy(() -> CheckResult.builder("db", "eu").tenant(tenant))
        .isExactlyInstanceOf(type)
        .hasMessage(message);
    assertThat(Check.isTenantId(tenant)).isFalse();
  }

  @Test
  void goodTenantIdsShouldBeAccepted() {
    for (String tenant : List.of("acme", "a", "_", "-x", "a.b", "A-1_b.c", "a".repeat(128))) {
      assertThat(Check.isTenantId(tenant)).as(tenant).isTrue();
      assertThat(Check.builder("db").tenant(tenant).build().tenant()).isEqualTo(tenant);
      assertThat(CheckResult.builder("db", "eu").tenant(tenant).outcome(Outcome.PASSED)
          .duration(Duration.ZERO).build().tenant()).isEqualTo(tenant);
    }
    assertThat(Check.builder("db").build().tenant()).isEmpty();
    assertThat(Check.builder("db").tenant("acme").build().toBuilder().build().tenant())
        .isEqualTo("acme");
    assertThat(Check.builder("db").tenant("acme").build())
        .isNotEqualTo(Check.builder("db").build())
        .hasToString("Check{tenant=acme, id=db, name=db, type=api, tags=[], muted=false,"
            + " activated=true}");
  }

  @Test
  void theSameIdInTwoTenantsShouldBeTwoChecks() {
    metrics.register(Check.builder("db").name("Platform db").build());
    metrics.register(Check.builder("db").tenant("acme").name("Acme db").build());
    metrics.register(Check.builder("db").tenant("globex").name("Globex db").build());
    assertThatThrownBy(() -> metrics.register(Check.builder("db").tenant("acme").build()))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("check is already registered: \"db\" of tenant \"acme\"");

    metrics.record(result("", "db", Outcome.PASSED, 10));
    metrics.record(result("acme", "db", Outcome.FAILED, 20));
    metrics.record(result("globex", "db", Outcome.PASSED, 30));

    assertThat(Series.of(registry, "check_status"))
        .containsExactlyInAnyOrder(
            "{activated=\"true\", check_id=\"db\", check_name=\"Platform db\", check_type=\"api\","
                + " muted=\"false\", tags=\"\"} 1.0",
            "{activated=\"true\", check_id=\"db\", check_name=\"Acme db\", check_type=\"api\","
                + " muted=\"false\", tags=\"\", tenant=\"acme\"} 0.0",
            "{activated=\"true\", check_id=\"db\", check_name=\"Globex db\", check_type=\"api\","
                + " muted=\"false\", tags=\"\", tenant=\"globex\"} 1.0");
    assertThat(Series.of(registry, "check_duration_seconds"))
        .containsExactlyInAnyOrder(
            "{check_id=\"db\", check_name=\"Platform db\", region=\"eu\"} count=1 sum=0.01",
            "{check_id=\"db\", check_name=\"Acme db\", region=\"eu\", tenant=\"acme\"} count=1"
                + " sum=0.02",
            "{check_id=\"db\", check_name=\"Globex db\", region=\"eu\", tenant=\"globex\"} count=1"
                + " sum=0.03");
    assertThat(Series.of(registry, "check_runs"))
        .contains(
            "{check_id=\"db\", check_name=\"Acme db\", region=\"eu\", status=\"failure\","
                + " tenant=\"acme\"} 1.0",
            "{check_id=\"db\", check_name=\"Platform db\", region=\"eu\", status=\"success\"}"
                + " 1.0");
  }

  @Test
  void aResultOfAnUnknownTenantShouldThrow() {
    metrics.register(Check.builder("db").tenant("acme").build());
    assertThatThrownBy(() -> metrics.record(result("globex", "db", Outcome.PASSED, 1)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("check is not registered (never registered, or removed): \"db\" of tenant"
            + " \"globex\"");
    assertThatThrownBy(() -> metrics.record(result("", "db", Outcome.PASSED, 1)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("check is not registered (never registered, or removed): \"db\"");
  }

  @Test
  void updateShouldRelabelTheChecksOfItsTenantOnly() {
    metrics.register(Check.builder("db").tenant("acme").name("old").build());
    metrics.register(Check.builder("db").tenant("globex").name("old").build());
    metrics.record(result("acme", "db", Outcome.PASSED, 10));
    metrics.record(result("globex", "db", Outcome.PASSED, 10));

    metrics.update(Check.builder("db").tenant("acme").name("new").build());
    metrics.record(result("acme", "db", Outcome.PASSED, 10));

    assertThat(Series.of(registry, "check_duration_seconds"))
        .containsExactlyInAnyOrder(
            "{check_id=\"db\", check_name=\"new\", region=\"eu\", tenant=\"acme\"} count=1"
                + " sum=0.01",
            "{check_id=\"db\", check_name=\"old\", region=\"eu\", tenant=\"globex\"} count=1"
                + " sum=0.01");
    assertThatThrownBy(() -> metrics.update(Check.builder("db").tenant("initech").build()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("check is not registered (never registered, or removed): \"db\" of tenant"
            + " \"initech\"");
  }

  @Test
  void removeShouldTakeTheCheckOfItsTenantOnly() throws IOException {
    metrics.register(Check.builder("db").build());
    metrics.register(Check.builder("db").tenant("acme").build());
    metrics.record(result("", "db", Outcome.PASSED, 10));
    metrics.record(result("acme", "db", Outcome.PASSED, 10));

    assertThat(metrics.remove("globex", "db")).isFalse();
    assertThat(metrics.remove("acme", "db")).isTrue();
    assertThat(metrics.remove("acme", "db")).isFalse();

    assertThat(Series.of(registry, "check_status")).hasSize(1).allMatch(s -> !s.contains("tenant"));
    assertThat(text(metrics.scrape("acme", name -> true))).isEmpty();
    assertThatThrownBy(() -> metrics.record(result("acme", "db", Outcome.PASSED, 1)))
        .isExactlyInstanceOf(IllegalArgumentException.class);
    // Registered again, it starts from empty series.
    metrics.register(Check.builder("db").tenant("acme").build());
    metrics.record(result("acme", "db", Outcome.PASSED, 10));
    assertThat(Series.of(registry, "check_duration_seconds"))
        .contains("{check_id=\"db\", check_name=\"db\", region=\"eu\", tenant=\"acme\"} count=1"
            + " sum=0.01");
    assertThat(metrics.remove("db")).isTrue();
    assertThat(Series.of(registry, "check_status")).containsExactly(
        "{activated=\"true\", check_id=\"db\", check_name=\"db\", check_type=\"api\","
            + " muted=\"false\", tags=\"\", tenant=\"acme\"} 1.0");
  }

  @Test
  void expiryShouldRemoveTheIdleSeriesOfEachTenant() throws IOException {
    AtomicLong nanos = new AtomicLong();
    ManualScheduler scheduler = new ManualScheduler();
    PrometheusRegistry expiring = new PrometheusRegistry();
    CheckMetrics checks =
        CheckMetrics.builder()
            .registry(expiring)
            .expireAfter(Duration.ofMinutes(5))
            .ticker(nanos::get)
            .expiryScheduler(scheduler)
            .build();
    try {
      checks.register(Check.builder("db").tenant("acme").build());
      checks.register(Check.builder("db").tenant("globex").build());
      checks.record(result("acme", "db", Outcome.PASSED, 10));
      nanos.addAndGet(Duration.ofMinutes(4).toNanos());
      checks.record(result("globex", "db", Outcome.PASSED, 10));
      nanos.addAndGet(Duration.ofMinutes(2).toNanos());

      assertThat(checks.expireIdleSeries()).isEqualTo(1);

      assertThat(text(checks.scrape("acme", name -> true))).isEmpty();
      assertThat(Series.of(expiring, "check_duration_seconds"))
          .containsExactly(
              "{check_id=\"db\", check_name=\"db\", region=\"eu\", tenant=\"globex\"} count=1"
                  + " sum=0.01");
      // The pair's next result creates its series anew.
      checks.record(result("acme", "db", Outcome.FAILED, 20));
      assertThat(text(checks.scrape("acme", name -> name.equals("check_status"))))
          .contains("check_status{activated=\"true\",check_id=\"db\",check_name=\"db\","
              + "check_type=\"api\",muted=\"false\",tags=\"\"} 0.0");
    } finally {
      checks.close();
      scheduler.shutdownNow();
    }
  }

  @Test
  void aTenantComingAndGoingShouldNotDisturbTheResultsOfAnother() throws Exception {
    metrics.register(Check.builder("db").tenant("acme").build());
    int results = 20_000;
    AtomicLong failures = new AtomicLong();
    Thread recorder =
        new Thread(
            () -> {
              CheckResult passed = result("acme", "db", Outcome.PASSED, 1);
              for (int i = 0; i < results; i++) {
                try {
                  metrics.record(passed);
                } catch (RuntimeException e) {
                  failures.incrementAndGet();
                }
              }
            });
    recorder.start();
    // globex's only check goes and comes back: its index entry is dropped and made anew.
    for (int i = 0; i < 200 && recorder.isAlive(); i++) {
      metrics.register(Check.builder("db").tenant("globex").build());
      metrics.record(result("globex", "db", Outcome.FAILED, 1));
      assertThat(metrics.remove("globex", "db")).isTrue();
    }
    recorder.join(Duration.ofSeconds(60).toMillis());

    assertThat(recorder.isAlive()).isFalse();
    assertThat(failures.get()).isZero();
    assertThat(text(metrics.scrape("acme", name -> name.equals("check_runs"))))
        .contains("check_runs_total{check_id=\"db\",check_name=\"db\",region=\"eu\","
            + "status=\"success\"} " + results + ".0");
    assertThat(text(metrics.scrape("globex", name -> true))).isEmpty();
  }

  @Test
  void maxChecksPerTenantShouldRefuseAndCountTheNextCheckOfThatTenant() {
    PrometheusRegistry capped = new PrometheusRegistry();
    CheckMetrics checks =
        CheckMetrics.builder().registry(capped).maxChecksPerTenant(2).build();
    try {
      assertThat(Series.of(capped, "check_registrations_rejected"))
          .noneMatch(s -> s.contains("checks_per_tenant"));
      checks.register(Check.builder("a").tenant("acme").build());
      checks.register(Check.builder("b").tenant("acme").build());
      assertThat(Series.of(capped, "check_registrations_rejected"))
          .contains("{limit=\"checks_per_tenant\"} 0.0");

      assertThatThrownBy(() -> checks.register(Check.builder("c").tenant("acme").build()))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage("checks of tenant \"acme\" must number at most 2 (maxChecksPerTenant):"
              + " check \"c\" refused");

      // Another tenant, and the checks of no tenant, have their own room.
      checks.register(Check.builder("c").tenant("globex").build());
      checks.register(Check.builder("c").build());
      checks.register(Check.builder("d").build());
      checks.register(Check.builder("e").build());
      assertThat(Series.of(capped, "check_registrations_rejected"))
          .contains("{limit=\"checks_per_tenant\"} 1.0");
      // A removal makes room.
      checks.remove("acme", "a");
      checks.register(Check.builder("c").tenant("acme").build());
    } finally {
      checks.close();
    }
  }

  @Test
  void aTenantsViewShouldEqualACheckMetricsHoldingOnlyItsChecks() throws IOException {
    CheckSchema schema =
        CheckSchema.DEFAULT.toBuilder()
            .tagLabels("team")
            .regionStatus("region_status", CheckLabel.CHECK_ID, CheckLabel.REGION)
            .build();
    PrometheusRegistry platformRegistry = new PrometheusRegistry();
    CheckMetrics platform =
        CheckMetrics.builder().registry(platformRegistry).schema(schema).build();
    PrometheusRegistry aloneRegistry = new PrometheusRegistry();
    CheckMetrics alone = CheckMetrics.builder().registry(aloneRegistry).schema(schema).build();
    try {
      for (String tenant : List.of("", "acme", "globex")) {
        for (String id : List.of("api", "db")) {
          Check.Builder check = Check.builder(id).name(id + " of " + tenant).tags("team:t" + id);
          platform.register((tenant.isEmpty() ? check : check.tenant(tenant)).build());
          for (String region : List.of("eu", "us")) {
            platform.record(result(tenant, id, region, Outcome.FAILED, 1500, "timeout"));
            platform.record(result(tenant, id, region, Outcome.PASSED, 12, null));
          }
        }
      }
      for (String id : List.of("api", "db")) {
        alone.register(Check.builder(id).name(id + " of acme").tags("team:t" + id).build());
        for (String region : List.of("eu", "us")) {
          alone.record(result("", id, region, Outcome.FAILED, 1500, "timeout"));
          alone.record(result("", id, region, Outcome.PASSED, 12, null));
        }
      }

      String expected = text(aloneRegistry.scrape(name -> !name.endsWith("_rejected")));
      String acme = text(platform.scrape("acme", name -> true));
      assertThat(acme).isEqualTo(expected).doesNotContain("tenant=").contains("check_runs_total");
      assertThat(text(platform.scrape("acme", name -> name.equals("check_runs"))))
          .isEqualTo(text(aloneRegistry.scrape(name -> name.equals("check_runs"))));
      assertThat(text(platform.scrape("globex", name -> true)))
          .isEqualTo(expected.replace("of acme", "of globex"));
      // The checks of no tenant are a view too; a tenant without checks is an empty one.
      assertThat(text(platform.scrape("", name -> true)))
          .isEqualTo(expected.replace("of acme", "of "));
      assertThat(text(platform.scrape("initech", name -> true))).isEmpty();

      // The registry's scrape: every tenant's series with the tenant label, none for the rest.
      String all = text(platformRegistry.scrape());
      assertThat(all)
          .contains("check_status{activated=\"true\",check_id=\"db\",check_name=\"db of acme\","
              + "check_type=\"api\",muted=\"false\",tags=\"team:tdb\",team=\"tdb\","
              + "tenant=\"acme\"} 1.0")
          .contains("check_status{activated=\"true\",check_id=\"db\",check_name=\"db of \","
              + "check_type=\"api\",muted=\"false\",tags=\"team:tdb\",team=\"tdb\"} 1.0")
          .contains("check_duration_seconds_count{check_id=\"api\",check_name=\"api of globex\","
              + "region=\"us\",team=\"tapi\",tenant=\"globex\"} 2")
          .contains("check_series_rejected_total 0.0");
      assertThat(all.lines().filter(l -> l.startsWith("check_status{"))).hasSize(6);
    } finally {
      platform.close();
      alone.close();
    }
  }

  @Test
  void tenantLabelShouldBeRenamedByTheSchema() {
    PrometheusRegistry renamed = new PrometheusRegistry();
    CheckMetrics checks =
        CheckMetrics.builder()
            .registry(renamed)
            .schema(CheckSchema.APPCLACKS.toBuilder().tenantLabel("organization").build())
            .build();
    try {
      checks.register(Check.builder("db").tenant("acme").build());
      checks.record(result("acme", "db", Outcome.PASSED, 10));
      assertThat(Series.of(renamed, "healthcheck"))
          .containsExactly(
              "{id=\"db\", name=\"db\", organization=\"acme\", status=\"success\","
                  + " zone=\"eu\"} 1.0");
      assertThat(checks.schema().tenantLabel()).isEqualTo("organization");
      assertThat(CheckSchema.DEFAULT.tenantLabel()).isEqualTo(CheckSchema.DEFAULT_TENANT_LABEL);
    } finally {
      checks.close();
    }
  }

  static Stream<Arguments> badTenantLabels() {
    return Stream.of(
        invalid(b -> b.tenantLabel("org-id"), IllegalArgumentException.class,
            "tenant label must match [a-zA-Z_][a-zA-Z0-9_]{0,127}: \"org-id\""),
        invalid(b -> b.tenantLabel("__tenant"), IllegalArgumentException.class,
            "tenant label must not start with __ nor be le or quantile (reserved): \"__tenant\""),
        invalid(b -> b.tenantLabel(null), NullPointerException.class, "labelName"),
        invalid(b -> b.tenantLabel("a").tenantLabel("b"), IllegalStateException.class,
            "tenantLabel was already set to \"a\"; cannot set it to \"b\""),
        invalid(b -> b.tenantLabel("region").build(), IllegalArgumentException.class,
            "tenant label must not be a label name of the schema nor a tag label [activated,"
                + " check_id, check_name, check_type, muted, reason, region, status, tags]:"
                + " \"region\""),
        invalid(b -> b.tagLabels("org").tenantLabel("org").build(),
            IllegalArgumentException.class,
            "tenant label must not be a label name of the schema nor a tag label [activated,"
                + " check_id, check_name, check_type, muted, org, reason, region, status, tags]:"
                + " \"org\""));
  }

  @ParameterizedTest
  @MethodSource("badTenantLabels")
  void badTenantLabelShouldBeRefused(
      Consumer<CheckSchema.Builder> action, Class<? extends Exception> type, String message) {
    assertThatThrownBy(() -> action.accept(CheckSchema.DEFAULT.toBuilder()))
        .isExactlyInstanceOf(type)
        .hasMessage(message);
  }

  @Test
  void scrapeShouldRefuseNullArguments() {
    assertThatThrownBy(() -> metrics.scrape(null, name -> true))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("tenant");
    assertThatThrownBy(() -> metrics.scrape("acme", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("includedNames");
    assertThatThrownBy(() -> metrics.remove(null, "db"))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("tenant");
  }

  private static Arguments invalid(
      Consumer<CheckSchema.Builder> action, Class<? extends Exception> type, String message) {
    return Arguments.of(action, type, message);
  }

  private static CheckResult result(String tenant, String id, Outcome outcome, long millis) {
    return result(tenant, id, "eu", outcome, millis, null);
  }

  private static CheckResult result(
      String tenant, String id, String region, Outcome outcome, long millis, String reason) {
    CheckResult.Builder result =
        CheckResult.builder(id, region)
            .outcome(outcome)
            .duration(Duration.ofMillis(millis))
            .finishedAt(END);
    if (!tenant.isEmpty()) {
      result.tenant(tenant); // "" is no tenant: the builder's default, which tenant() refuses
    }
    return reason == null ? result.build() : result.failureReason(reason).build();
  }

  private static String text(MetricSnapshots snapshots) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, snapshots);
    return out.toString(StandardCharsets.UTF_8);
  }
}
