package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckMetricsTest {

  private static final Instant END = Instant.parse("2026-11-20T10:00:00Z");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();

  private static CheckResult result(String id, String region, Outcome outcome, long millis) {
    return CheckResult.builder(id, region)
        .outcome(outcome)
        .duration(Duration.ofMillis(millis))
        .finishedAt(END)
        .build();
  }

  @Test
  void recordShouldUpdateEveryFamily() {
    metrics.register(Check.builder("db").name("DB").type("tcp").tags("b", "a").build());
    metrics.record(result("db", "eu", Outcome.PASSED, 250));

    assertThat(Series.of(registry, "check_status"))
        .containsExactly(
            "{activated=\"true\", check_id=\"db\", check_name=\"DB\", check_type=\"tcp\","
                + " muted=\"false\", tags=\"a,b\"} 1.0");
    assertThat(Series.of(registry, "check_degraded"))
        .containsExactly("{check_id=\"db\", check_name=\"DB\", check_type=\"tcp\"} 0.0");
    assertThat(Series.of(registry, "check_last_duration_seconds"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"DB\", check_type=\"tcp\", region=\"eu\","
                + " tags=\"a,b\"} 0.25");
    assertThat(Series.of(registry, "check_duration_seconds"))
        .containsExactly("{check_id=\"db\", check_name=\"DB\", region=\"eu\"} count=1 sum=0.25");
    assertThat(Series.of(registry, "check_runs"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"DB\", region=\"eu\", status=\"failure\"} 0.0",
            "{check_id=\"db\", check_name=\"DB\", region=\"eu\", status=\"success\"} 1.0");
    assertThat(Series.of(registry, "check_last_run_timestamp_seconds"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"DB\", region=\"eu\"} " + (double) END.getEpochSecond());
  }

  @Test
  void registeredCheckWithoutResultShouldHaveNoSeries() {
    metrics.register(Check.builder("db").build());
    assertThat(Series.of(registry, "check_status")).isEmpty();
    assertThat(Series.of(registry, "check_runs")).isEmpty();
  }

  @Test
  void statusShouldBeZeroWhenAnyRegionFailedAndDegradedCountsAsPassing() {
    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "eu", Outcome.DEGRADED, 1));
    assertThat(Series.of(registry, "check_status")).singleElement().asString().endsWith(" 1.0");
    assertThat(Series.of(registry, "check_degraded")).singleElement().asString().endsWith(" 1.0");

    metrics.record(result("db", "us", Outcome.FAILED, 1));
    assertThat(Series.of(registry, "check_status")).singleElement().asString().endsWith(" 0.0");

    metrics.record(result("db", "us", Outcome.PASSED, 1));
    metrics.record(result("db", "eu", Outcome.PASSED, 1));
    assertThat(Series.of(registry, "check_status")).singleElement().asString().endsWith(" 1.0");
    assertThat(Series.of(registry, "check_degraded")).singleElement().asString().endsWith(" 0.0");
    assertThat(Series.of(registry, "check_runs"))
        .contains("{check_id=\"db\", check_name=\"db\", region=\"us\", status=\"failure\"} 1.0");
  }

  @Test
  void registerTwiceShouldThrow() {
    metrics.register(Check.builder("db").build());
    assertThatThrownBy(() -> metrics.register(Check.builder("db").name("other").build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("check is already registered: \"db\"");
  }

  @Test
  void recordWhenCheckNeverRegisteredShouldThrow() {
    assertThatThrownBy(() -> metrics.record(result("ghost", "eu", Outcome.PASSED, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("check is not registered (never registered, or removed): \"ghost\"");
  }

  @Test
  void recordWhenCheckRemovedShouldThrowAndLeaveNoSeries() {
    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "eu", Outcome.FAILED, 1));
    metrics.record(result("db", "us", Outcome.PASSED, 1));

    assertThat(metrics.remove("db")).isTrue();

    for (String family :
        new String[] {
          "check_status", "check_degraded", "check_last_duration_seconds",
          "check_duration_seconds", "check_runs", "check_last_run_timestamp_seconds"
        }) {
      assertThat(Series.of(registry, family)).as(family).isEmpty();
    }
    assertThatThrownBy(() -> metrics.record(result("db", "eu", Outcome.PASSED, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("check is not registered (never registered, or removed): \"db\"");
    assertThat(metrics.remove("db")).isFalse();
  }

  @Test
  void registerAgainAfterRemoveShouldStartFromEmptySeries() {
    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "eu", Outcome.PASSED, 1));
    metrics.record(result("db", "eu", Outcome.PASSED, 1));
    metrics.remove("db");

    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "eu", Outcome.PASSED, 1));

    assertThat(Series.of(registry, "check_runs"))
        .contains("{check_id=\"db\", check_name=\"db\", region=\"eu\", status=\"success\"} 1.0");
  }

  @Test
  void updateMutedShouldReplaceTheStatusSeries() {
    Check db = Check.builder("db").build();
    metrics.register(db);
    metrics.record(result("db", "eu", Outcome.PASSED, 1));

    metrics.update(db.toBuilder().muted(true).activated(false).tags("x").build());

    assertThat(Series.of(registry, "check_status"))
        .containsExactly(
            "{activated=\"false\", check_id=\"db\", check_name=\"db\", check_type=\"api\","
                + " muted=\"true\", tags=\"x\"} 1.0");
  }

  @Test
  void updateNameShouldMoveEverySeriesToTheNewName() {
    Check db = Check.builder("db").name("Old").build();
    metrics.register(db);
    metrics.record(result("db", "eu", Outcome.FAILED, 500));

    metrics.update(db.toBuilder().name("New").build());
    metrics.record(result("db", "eu", Outcome.PASSED, 250));

    assertThat(String.join("\n", Series.of(registry, "check_duration_seconds"))).doesNotContain("Old");
    assertThat(Series.of(registry, "check_duration_seconds"))
        .containsExactly("{check_id=\"db\", check_name=\"New\", region=\"eu\"} count=1 sum=0.25");
    assertThat(Series.of(registry, "check_runs"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"New\", region=\"eu\", status=\"failure\"} 0.0",
            "{check_id=\"db\", check_name=\"New\", region=\"eu\", status=\"success\"} 1.0");
    assertThat(Series.of(registry, "check_status")).hasSize(1);
  }

  @Test
  void updateWhenNotRegisteredShouldThrow() {
    assertThatThrownBy(() -> metrics.update(Check.builder("ghost").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("check is not registered (never registered, or removed): \"ghost\"");
  }

  @Test
  void secondCheckMetricsWithSameNamespaceShouldFailAndFirstKeepsWorking() {
    assertThatThrownBy(() -> CheckMetrics.builder().registry(registry).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "namespace \"check\" is already in use in this registry:"
                + " metric family check_degraded exists");

    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "eu", Outcome.PASSED, 1));
    assertThat(Series.of(registry, "check_status")).hasSize(1);
    // client_java releases the first metric's names when a clashing registration fails; the
    // guard never lets one fail, so the names stay reserved.
    assertThatThrownBy(
            () ->
                Counter.builder()
                    .name("check_runs")
                    .labelNames("check_id", "check_name", "region", "status")
                    .register(registry))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Series.of(registry, "check_runs")).hasSize(2);
  }

  @Test
  void clashWithAnotherMetricShouldFail() {
    PrometheusRegistry other = new PrometheusRegistry();
    Counter.builder().name("app_runs").help("runs").register(other);
    assertThatThrownBy(() -> CheckMetrics.builder()
                    .registry(other)
                    .schema(CheckSchema.DEFAULT.toBuilder().namespace("app").build())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "namespace \"app\" is already in use in this registry: metric family app_runs exists");
  }

  @Test
  void otherNamespaceInSameRegistryShouldWork() {
    CheckMetrics synthetic =
        CheckMetrics.builder()
            .registry(registry)
            .schema(CheckSchema.DEFAULT.toBuilder().namespace("synthetic").build())
            .build();
    synthetic.register(Check.builder("db").build());
    synthetic.record(result("db", "eu", Outcome.PASSED, 1));
    assertThat(Series.of(registry, "synthetic_status")).hasSize(1);
    assertThat(synthetic.namespace()).isEqualTo("synthetic");
    assertThat(synthetic.registry()).isSameAs(registry);
  }

  @Test
  void closeShouldUnregisterTheFamilies() {
    metrics.register(Check.builder("db").build());
    metrics.record(result("db", "eu", Outcome.PASSED, 1));
    metrics.close();
    assertThat(registry.scrape()).isEmpty();
    CheckMetrics again = CheckMetrics.builder().registry(registry).build();
    assertThat(again.namespace()).isEqualTo("check");
  }

  @Test
  void measureShouldRecordTheOutcomeOfTheCallable() {
    metrics.register(Check.builder("db").build());

    CheckResult result = metrics.measure("db", "eu", () -> Outcome.DEGRADED);

    assertThat(result.outcome()).isEqualTo(Outcome.DEGRADED);
    assertThat(result.duration().isNegative()).isFalse();
    assertThat(Series.of(registry, "check_degraded")).singleElement().asString().endsWith(" 1.0");
  }

  @Test
  void measureShouldRecordAnExceptionAsFailedWithItsSimpleClassName() {
    metrics.register(Check.builder("db").build());

    CheckResult result =
        metrics.measure(
            "db",
            "eu",
            () -> {
              throw new IOException("connection reset by peer 10.0.0.1");
            });

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.failureReason()).contains("IOException");
    assertThat(Series.of(registry, "check_status")).singleElement().asString().endsWith(" 0.0");
  }

  @Test
  void measureRunnableShouldPassWhenItReturnsAndFailWhenItThrows() {
    metrics.register(Check.builder("db").build());
    Runnable ok = () -> {};
    Runnable broken =
        () -> {
          throw new IllegalStateException("boom");
        };

    assertThat(metrics.measure("db", "eu", ok).outcome()).isEqualTo(Outcome.PASSED);
    CheckResult failed = metrics.measure("db", "eu", broken);
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.failureReason()).contains("IllegalStateException");
  }

  @Test
  void measureWhenCheckNotRegisteredShouldThrowWithoutRunningTheProbe() {
    boolean[] ran = {false};
    assertThatThrownBy(
            () ->
                metrics.measure(
                    "ghost",
                    "eu",
                    () -> {
                      ran[0] = true;
                      return Outcome.PASSED;
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("check is not registered (never registered, or removed): \"ghost\"");
    assertThat(ran[0]).isFalse();
  }

  @Test
  void concurrentRecordAndUpdateShouldCountEveryResult() throws Exception {
    Check db = Check.builder("db").build();
    metrics.register(db);
    int threads = 4;
    int perThread = 20_000;
    Thread[] workers = startRecorders(threads, perThread);
    for (int i = 0; i < 200; i++) {
      metrics.update(db.toBuilder().muted(i % 2 == 0).tags("t" + i).build());
    }
    joinAll(workers);
    assertThat(Series.of(registry, "check_runs"))
        .contains(
            "{check_id=\"db\", check_name=\"db\", region=\"eu\", status=\"success\"} "
                + (double) (threads * perThread));
    assertThat(Series.of(registry, "check_status")).hasSize(1);
  }

  @Test
  void concurrentRenamesShouldNeverLeaveAResultInARemovedSeries() throws Exception {
    Check db = Check.builder("db").name("n0").build();
    metrics.register(db);
    int threads = 4;
    int perThread = 20_000;
    Thread[] workers = startRecorders(threads, perThread);
    for (int i = 1; i <= 200; i++) {
      metrics.update(db.toBuilder().name("n" + i).build());
    }
    joinAll(workers);
    // A rename starts new series; after the last one, exactly the results recorded since count.
    metrics.update(db.toBuilder().name("final").build());
    for (int i = 0; i < 7; i++) {
      metrics.record(result("db", "eu", Outcome.PASSED, 1));
    }
    assertThat(Series.of(registry, "check_runs"))
        .containsExactly(
            "{check_id=\"db\", check_name=\"final\", region=\"eu\", status=\"failure\"} 0.0",
            "{check_id=\"db\", check_name=\"final\", region=\"eu\", status=\"success\"} 7.0");
  }

  @Test
  void removeRacingRegisterOfTheSameIdShouldNeverHideTheNewChecksSeries() throws Exception {
    Check db = Check.builder("db").build();
    for (int round = 0; round < 2_000; round++) {
      metrics.register(db);
      metrics.record(result("db", "eu", Outcome.PASSED, 1));
      Thread remover = new Thread(() -> metrics.remove("db"));
      remover.start();
      boolean registered = false;
      while (!registered) {
        try {
          metrics.register(db);
          registered = true;
        } catch (IllegalStateException stillThere) {
          Thread.onSpinWait();
        }
      }
      metrics.record(result("db", "eu", Outcome.FAILED, 1)); // may run while remove finishes
      remover.join();
      assertThat(Series.of(registry, "check_runs"))
          .as("round %d", round)
          .containsExactly(
              "{check_id=\"db\", check_name=\"db\", region=\"eu\", status=\"failure\"} 1.0",
              "{check_id=\"db\", check_name=\"db\", region=\"eu\", status=\"success\"} 0.0");
      metrics.remove("db");
    }
  }

  /** Starts threads that each record {@code perThread} passing results of check db in eu. */
  private Thread[] startRecorders(int threads, int perThread) {
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      CheckResult result = result("db", "eu", Outcome.PASSED, 1);
      workers[t] =
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  metrics.record(result);
                }
              });
      workers[t].start();
    }
    return workers;
  }

  private static void joinAll(Thread[] workers) throws InterruptedException {
    for (Thread worker : workers) {
      worker.join();
    }
  }

  static Stream<Arguments> invalidBuilders() {
    return Stream.of(
        invalid(b -> b.registry(null), NullPointerException.class, "registry"),
        // The namespace and the buckets are the schema's (CheckMetrics.Builder had them too).
        invalid(b -> CheckSchema.builder().namespace(null), NullPointerException.class,
            "namespace"),
        invalid(b -> CheckSchema.builder().namespace(""), IllegalArgumentException.class,
            "namespace must match [a-zA-Z_:][a-zA-Z0-9_:]*: \"\""),
        invalid(b -> CheckSchema.builder().namespace("1check"), IllegalArgumentException.class,
            "namespace must match [a-zA-Z_:][a-zA-Z0-9_:]*: \"1check\""),
        invalid(b -> CheckSchema.builder().namespace("check status!"),
            IllegalArgumentException.class,
            "namespace must match [a-zA-Z_:][a-zA-Z0-9_:]*: \"check status!\""),
        invalid(b -> CheckSchema.builder().buckets((double[]) null), NullPointerException.class,
            "upperBounds"),
        invalid(b -> CheckSchema.builder().buckets(), IllegalArgumentException.class,
            "buckets must hold at least one upper bound: []"),
        invalid(b -> CheckSchema.builder().buckets(0.1, 0.1), IllegalArgumentException.class,
            "buckets must be strictly increasing: [0.1, 0.1]"),
        invalid(b -> CheckSchema.builder().buckets(1, 0.5), IllegalArgumentException.class,
            "buckets must be strictly increasing: [1.0, 0.5]"),
        invalid(b -> CheckSchema.builder().buckets(0.1, Double.NaN),
            IllegalArgumentException.class, "buckets must be finite numbers: [0.1, NaN]"),
        invalid(b -> CheckSchema.builder().buckets(Double.POSITIVE_INFINITY),
            IllegalArgumentException.class, "buckets must be finite numbers: [Infinity]"),
        invalid(b -> b.schema(null), NullPointerException.class, "schema"),
        invalid(b -> b.maxSeriesPerFamily(0), IllegalArgumentException.class,
            "maxSeriesPerFamily must be positive: 0"),
        invalid(b -> b.maxSeriesPerFamily(-5), IllegalArgumentException.class,
            "maxSeriesPerFamily must be positive: -5"),
        invalid(b -> b.maxChecks(0), IllegalArgumentException.class,
            "maxChecks must be positive: 0"),
        // The one set-once policy (model.internal.SetOnce): a second call names both values.
        invalid(b -> b.maxChecks(1).maxChecks(2), IllegalStateException.class,
            "maxChecks was already set to 1; cannot set it to 2"),
        invalid(b -> b.maxSeriesPerFamily(5).maxSeriesPerFamily(6), IllegalStateException.class,
            "maxSeriesPerFamily was already set to 5; cannot set it to 6"),
        invalid(b -> b.maxChecksPerTenant(1).maxChecksPerTenant(1), IllegalStateException.class,
            "maxChecksPerTenant was already set to 1; cannot set it to 1"),
        invalid(b -> b.maxChecksPerTenant(0), IllegalArgumentException.class,
            "maxChecksPerTenant must be positive: 0"),
        invalid(b -> b.schema(CheckSchema.DEFAULT).schema(CheckSchema.CHECKLY),
            IllegalStateException.class,
            "schema was already set to " + CheckSchema.DEFAULT + "; cannot set it to "
                + CheckSchema.CHECKLY),
        invalid(b -> b.maxTagsPerCheck(-1), IllegalArgumentException.class,
            "maxTagsPerCheck must be positive: -1"),
        invalid(b -> b.maxTagsLength(0), IllegalArgumentException.class,
            "maxTagsLength must be positive: 0"),
        invalid(b -> b.expireAfter(null), NullPointerException.class, "idle"),
        invalid(b -> b.expireAfter(Duration.ofSeconds(-1)), IllegalArgumentException.class,
            "expireAfter must be positive: PT-1S"),
        invalid(b -> b.expireAfter(Duration.ZERO), IllegalArgumentException.class,
            "expireAfter must be positive: PT0S"),
        invalid(b -> b.ticker(null), NullPointerException.class, "nanoTime"),
        invalid(b -> b.expiryScheduler(null), NullPointerException.class, "scheduler"),
        // Layers are a schema choice (CheckMetrics.Builder#layers(Layer...) before).
        invalid(b -> CheckSchema.builder().layers(), IllegalArgumentException.class,
            "layers must name at least one layer: []"),
        invalid(b -> CheckSchema.builder().layers("runs", null), NullPointerException.class,
            "layer"),
        invalid(b -> b.ticker(System::nanoTime).build(), IllegalStateException.class,
            "ticker is set but expireAfter is not"),
        invalid(b -> CheckSchema.CHECKLY.toBuilder().buckets(1).build(),
            IllegalArgumentException.class,
            "buckets(...) needs the duration family, which the schema does not define:"
                + " [status, last_duration]"),
        invalid(b -> CheckSchema.CHECKLY.toBuilder().layers("runs").build(),
            IllegalArgumentException.class,
            "layers [runs] keep no family of the schema: [status, last_duration]"));
  }

  private static Arguments invalid(
      Consumer<CheckMetrics.Builder> action, Class<? extends Exception> type, String message) {
    return Arguments.of(action, type, message);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("invalidBuilders")
  void invalidBuilderInputShouldFailWithExactMessage(
      Consumer<CheckMetrics.Builder> action, Class<? extends Exception> type, String message) {
    CheckMetrics.Builder builder = CheckMetrics.builder();
    assertThatThrownBy(() -> action.accept(builder)).isInstanceOf(type).hasMessage(message);
  }

  @Test
  void nullArgumentsShouldNameTheParameter() {
    assertThatThrownBy(() -> metrics.register(null)).hasMessage("check");
    assertThatThrownBy(() -> metrics.update(null)).hasMessage("check");
    assertThatThrownBy(() -> metrics.remove(null)).hasMessage("checkId");
    assertThatThrownBy(() -> metrics.record(null)).hasMessage("result");
    assertThatThrownBy(() -> metrics.measure("db", "eu", (Runnable) null)).hasMessage("probe");
  }
}
