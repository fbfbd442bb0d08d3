package io.github.checkmetrics.assertj;

import static io.github.checkmetrics.assertj.ExpositionAssertions.labels;
import static io.prometheus.metrics.model.registry.MetricType.COUNTER;
import static io.prometheus.metrics.model.registry.MetricType.GAUGE;
import static io.prometheus.metrics.model.registry.MetricType.HISTOGRAM;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.checkmetrics.exposition.ExpositionFormat;
import org.junit.jupiter.api.Test;

class ExpositionAssertTest {

  static final String TEXT = """
      # HELP check_status 1 when passing
      # TYPE check_status gauge
      check_status{check_id="db",check_name="Database",region="eu"} 1.0
      check_status{check_id="api",check_name="API",region="eu"} 0.0
      check_status{check_id="dbx",check_name="Other",region="us"} 1.0
      # TYPE check_runs_total counter
      check_runs_total{check_id="db",region="eu",status="success"} 3.0
      check_runs_total{check_id="db",region="us",status="success"} 1.0
      # TYPE check_duration_seconds histogram
      check_duration_seconds_bucket{check_id="db",region="eu",le="0.1"} 1
      check_duration_seconds_bucket{check_id="db",region="eu",le="0.5"} 2
      check_duration_seconds_bucket{check_id="db",region="eu",le="+Inf"} 3
      check_duration_seconds_count{check_id="db",region="eu"} 3
      check_duration_seconds_sum{check_id="db",region="eu"} 1.6
      """;

  static final String OPENMETRICS = """
      # TYPE check_runs counter
      check_runs_total{check_id="db",status="success"} 3.0 # {trace_id="abc"} 0.2
      # TYPE check_duration_seconds histogram
      # UNIT check_duration_seconds seconds
      check_duration_seconds_bucket{check_id="db",le="0.5"} 2
      check_duration_seconds_bucket{check_id="db",le="+Inf"} 3
      check_duration_seconds_count{check_id="db"} 3
      check_duration_seconds_sum{check_id="db"} 1.6
      # EOF
      """;

  private static ExpositionAssert text() {
    return ExpositionAssertions.assertThat(TEXT);
  }

  @Test
  void assertionsOnAValidExpositionShouldPass() {
    text()
        .isValidExposition()
        .hasFamily("check_status").ofType(GAUGE).withHelp("1 when passing").withUnit("").withSeriesCount(3).and()
        .hasFamily("check_duration_seconds").ofType(HISTOGRAM).withSeriesCount(1).and()
        .doesNotHaveFamily("check_degraded")
        .hasSample("check_status", labels("check_id", "db"), 1.0)
                .hasSample("check_duration_seconds_bucket", labels("le", "0.5"), 2)
        .hasSample("check_duration_seconds_sum", labels(), 1.6, within(1e-9))
        .hasSeries("check_duration_seconds", labels("region", "eu"))
        .doesNotHaveSeries("check_status", labels("check_id", "removed"))
        .doesNotHaveSeries("check_duration_seconds", labels("region", "us"))
        .doesNotHaveSeries("no_such_family", labels())
        .everySeriesHasLabel("region")
        .hasGauge("check_status", labels("check_id", "api")).withValue(0).and()
        .hasCounter("check_runs_total", labels("region", "eu")).withValue(3).and()
        .hasCounter("check_runs", labels("region", "us")).withValue(1, within(0.0)).and()
        .hasHistogram("check_duration_seconds", labels("check_id", "db"))
        .withCount(3).withSum(1.6, within(1e-9)).withBucket(0.5, 2).withBucket(Double.POSITIVE_INFINITY, 3);
    text().matchingLabelsExactly()
        .hasSample("check_status", labels("check_id", "api", "check_name", "API", "region", "eu"), 0)
        .hasSeries("check_runs_total", labels("check_id", "db", "region", "us", "status", "success"));
  }

  @Test
  void assertionsShouldReadTheSameInOpenMetrics() {
    ExpositionAssertions.assertThat(OPENMETRICS)
        .hasFamily("check_runs_total").ofType(COUNTER).and()
        .hasFamily("check_duration_seconds").withUnit("seconds").and()
        .hasCounter("check_runs_total", labels("check_id", "db")).withValue(3).withExemplar(labels("trace_id", "abc")).and()
        .hasSample("check_runs_total", labels("status", "success"), 3)
        .matchingLabelsExactly()
        .hasHistogram("check_duration_seconds", labels("check_id", "db")).withCount(3).withSum(1.6).withBucket(0.5, 2);
  }

  @Test
  void aMissingFamilyShouldNameSimilarOnes() {
    assertThatThrownBy(() -> text().hasFamily("check_statsu"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expecting exposition to have a family named check_statsu\n"
            + "but it has no such family; similar names: check_status");
  }

  @Test
  void familyPropertiesShouldBeCompared() {
    assertThatThrownBy(() -> text().hasFamily("check_status").ofType(COUNTER))
        .hasMessage("Expecting family check_status (line 1) to have type COUNTER\nbut it was GAUGE");
    assertThatThrownBy(() -> text().hasFamily("check_status").withHelp("x"))
        .hasMessage("Expecting family check_status (line 1) to have help \"x\"\nbut it was \"1 when passing\"");
    assertThatThrownBy(() -> text().hasFamily("check_status").withUnit("seconds"))
        .hasMessage("Expecting family check_status (line 1) to have unit \"seconds\"\nbut it was \"\"");
    assertThatThrownBy(() -> text().hasFamily("check_runs_total").withSeriesCount(1))
        .hasMessage("""
            Expecting family check_runs_total (line 6) to have series count 1
            but it was 2
              check_runs_total{check_id="db",region="eu",status="success"} 3.0  (line 7)
              check_runs_total{check_id="db",region="us",status="success"} 1.0  (line 8)""");
    assertThatThrownBy(() -> text().doesNotHaveFamily("check_runs"))
        .hasMessage("Expecting exposition not to have a family named check_runs but it has counter "
            + "check_runs_total (line 6) with 2 samples");
  }

  @Test
  void aSampleWithUnmatchedLabelsShouldListTheNearestSeries() {
    assertThatThrownBy(() -> text().hasSample("check_status", labels("check_id", "db", "region", "us"), 1.0))
        .hasMessage("""
            Expecting exposition to have a sample:
              check_status{check_id="db",region="us", ...} 1.0
            but no series of check_status has labels {check_id="db",region="us", ...}; the nearest series are:
              check_status{check_id="db",check_name="Database",region="eu"} 1.0  (line 3)
              check_status{check_id="dbx",check_name="Other",region="us"} 1.0  (line 5)
              check_status{check_id="api",check_name="API",region="eu"} 0.0  (line 4)""");
  }

  @Test
  void aSampleWithTheWrongValueShouldShowTheSeries() {
    assertThatThrownBy(() -> text().hasSample("check_status", labels("check_id", "api"), 1.0))
        .hasMessage("""
            Expecting exposition to have a sample:
              check_status{check_id="api", ...} 1.0
            but its value was 0.0:
              check_status{check_id="api",check_name="API",region="eu"} 0.0  (line 4)""");
    assertThatThrownBy(() -> text().hasSample("check_duration_seconds_sum", labels(), 2, within(0.1)))
        .hasMessage("""
            Expecting exposition to have a sample:
              check_duration_seconds_sum{...} 2.0 ± 0.1
            but its value was 1.6:
              check_duration_seconds_sum{check_id="db",region="eu"} 1.6  (line 14)""");
  }

  @Test
  void labelsMatchingSeveralSeriesShouldListThem() {
    assertThatThrownBy(() -> text().hasCounter("check_runs_total", labels("check_id", "db")))
        .hasMessage("""
            Expecting exposition to have a counter check_runs_total{check_id="db", ...}
            but labels {check_id="db", ...} match 2 series of check_runs_total; add labels to pick one:
              check_runs_total{check_id="db",region="eu",status="success"} 3.0  (line 7)
              check_runs_total{check_id="db",region="us",status="success"} 1.0  (line 8)""");
  }

  @Test
  void anUnknownSampleNameShouldNameSimilarOnes() {
    assertThatThrownBy(() -> text().hasSample("check_runs", labels(), 1))
        .hasMessage("""
            Expecting exposition to have a sample:
              check_runs{...} 1.0
            but it has no series named check_runs; similar names: check_runs_total""");
  }

  @Test
  void typedAssertionsShouldCheckTheFamilyType() {
    assertThatThrownBy(() -> text().hasCounter("check_status", labels()))
        .hasMessage("Expecting exposition to have a counter check_status{...}\nbut check_status is a gauge (line 1)");
    assertThatThrownBy(() -> text().hasGauge("check_runs_total", labels()))
        .hasMessage("Expecting exposition to have a gauge check_runs_total{...}\n"
            + "but check_runs_total is a counter (line 6)");
    assertThatThrownBy(() -> text().hasHistogram("check_status", labels()))
        .hasMessage("Expecting exposition to have a histogram check_status{...}\nbut check_status is a gauge (line 1)");
  }

  @Test
  void seriesValuesAndExemplarsShouldBeCompared() {
    assertThatThrownBy(() -> text().hasCounter("check_runs_total", labels("region", "eu")).withValue(4))
        .hasMessage("Expecting counter check_runs_total{check_id=\"db\",region=\"eu\",status=\"success\"} "
            + "to have value 4.0\nbut it was 3.0 (line 7)");
    assertThatThrownBy(() -> text().hasCounter("check_runs_total", labels("region", "eu"))
            .withExemplar(labels("trace_id", "abc")))
        .hasMessage("Expecting counter check_runs_total{check_id=\"db\",region=\"eu\",status=\"success\"} "
            + "to have an exemplar {trace_id=\"abc\", ...}\nbut it has none (line 7)");
    assertThatThrownBy(() -> ExpositionAssertions.assertThat(OPENMETRICS)
            .hasCounter("check_runs", labels()).withExemplar(labels("trace_id", "xyz")))
        .hasMessage("Expecting counter check_runs_total{check_id=\"db\",status=\"success\"} "
            + "to have an exemplar {trace_id=\"xyz\", ...}\nbut it has # {trace_id=\"abc\"} 0.2 (line 2)");
  }

  @Test
  void histogramCountSumAndBucketsShouldBeCompared() {
    SeriesAssert histogram = text().hasHistogram("check_duration_seconds", labels());

    assertThatThrownBy(() -> histogram.withCount(4))
        .hasMessage("""
            Expecting histogram check_duration_seconds{check_id="db",region="eu"} to have count 4
            but it was 3.0:
              check_duration_seconds_bucket{check_id="db",region="eu",le="+Inf"} 3.0  (line 12)""");
    assertThatThrownBy(() -> histogram.withSum(0.6, within(1e-9)))
        .hasMessage("""
            Expecting histogram check_duration_seconds{check_id="db",region="eu"} to have sum 0.6 ± 1.0E-9
            but it was 1.6:
              check_duration_seconds_sum{check_id="db",region="eu"} 1.6  (line 14)""");
    assertThatThrownBy(() -> histogram.withBucket(0.5, 3))
        .hasMessage("""
            Expecting histogram check_duration_seconds{check_id="db",region="eu"} to have bucket le="0.5" with cumulative count 3
            but it was 2.0:
              check_duration_seconds_bucket{check_id="db",region="eu",le="0.5"} 2.0  (line 11)""");
    assertThatThrownBy(() -> histogram.withBucket(0.25, 1))
        .hasMessage("""
            Expecting histogram check_duration_seconds{check_id="db",region="eu"} to have bucket le="0.25" with cumulative count 1
            but it has no such bucket; its buckets are le=0.1, 0.5, +Inf""");
  }

  @Test
  void aHistogramWithoutSumShouldSaySo() {
    String noSum = "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n";

    assertThatThrownBy(() -> ExpositionAssertions.assertThat(noSum).hasHistogram("h", labels()).withSum(1))
        .hasMessage("Expecting histogram h{} to have sum 1.0\nbut it has no h_sum sample");
  }

  @Test
  void aMissingHistogramSeriesShouldListTheNearestByTheirCountLine() {
    assertThatThrownBy(() -> text().hasHistogram("check_duration_seconds", labels("region", "us")))
        .hasMessage("""
            Expecting exposition to have a histogram check_duration_seconds{region="us", ...}
            but no series of check_duration_seconds has labels {region="us", ...}; the nearest series are:
              check_duration_seconds_count{check_id="db",region="eu"} 3.0  (line 13)""");
  }

  @Test
  void seriesPresenceShouldBeChecked() {
    assertThatThrownBy(() -> text().doesNotHaveSeries("check_duration_seconds", labels("check_id", "db")))
        .hasMessage("""
            Expecting exposition not to have a series check_duration_seconds{check_id="db", ...}
            but found 5 samples:
              check_duration_seconds_bucket{check_id="db",region="eu",le="0.1"} 1.0  (line 10)
              check_duration_seconds_bucket{check_id="db",region="eu",le="0.5"} 2.0  (line 11)
              check_duration_seconds_bucket{check_id="db",region="eu",le="+Inf"} 3.0  (line 12)
              check_duration_seconds_count{check_id="db",region="eu"} 3.0  (line 13)
              check_duration_seconds_sum{check_id="db",region="eu"} 1.6  (line 14)""");
    assertThatThrownBy(() -> text().matchingLabelsExactly().doesNotHaveSeries("check_status", labels("check_id", "db",
            "check_name", "Database", "region", "eu")))
        .hasMessage("""
            Expecting exposition not to have a series check_status{check_id="db",check_name="Database",region="eu"}
            but found 1 sample:
              check_status{check_id="db",check_name="Database",region="eu"} 1.0  (line 3)""");
    assertThatThrownBy(() -> text().matchingLabelsExactly().hasSeries("check_status", labels("check_id", "db")))
        .hasMessage("""
            Expecting exposition to have a series check_status{check_id="db"}
            but no series of check_status has labels {check_id="db"}; the nearest series are:
              check_status{check_id="db",check_name="Database",region="eu"} 1.0  (line 3)
              check_status{check_id="api",check_name="API",region="eu"} 0.0  (line 4)
              check_status{check_id="dbx",check_name="Other",region="us"} 1.0  (line 5)""");
  }

  @Test
  void everySeriesHasLabelShouldListTheSeriesWithoutIt() {
    assertThatThrownBy(() -> text().everySeriesHasLabel("status"))
        .hasMessage("""
            Expecting every series to have a label named status
            but 8 of 10 samples have none:
              check_status{check_id="db",check_name="Database",region="eu"} 1.0  (line 3)
              check_status{check_id="api",check_name="API",region="eu"} 0.0  (line 4)
              check_status{check_id="dbx",check_name="Other",region="us"} 1.0  (line 5)
              check_duration_seconds_bucket{check_id="db",region="eu",le="0.1"} 1.0  (line 10)
              check_duration_seconds_bucket{check_id="db",region="eu",le="0.5"} 2.0  (line 11)
              ... and 3 more""");
  }

  @Test
  void anInvalidExpositionShouldFailEveryAssertionWithTheParseError() {
    String broken = "check_status{check_id=\"db} 1\n";
    String expected = "Expecting a valid Prometheus text exposition but parsing failed at line 1: "
        + "the value of label \"check_id\" is missing its closing '\"'";

    assertThatThrownBy(() -> ExpositionAssertions.assertThat(broken).isValidExposition()).hasMessage(expected);
    assertThatThrownBy(() -> ExpositionAssertions.assertThat(broken).hasFamily("check_status")).hasMessage(expected);
    assertThatThrownBy(() -> ExpositionAssertions.assertThat(broken).doesNotHaveSeries("x", labels()))
        .hasMessage(expected);
    assertThatThrownBy(() -> ExpositionAssertions.assertThat("a 1\n", ExpositionFormat.OPENMETRICS).isValidExposition())
        .hasMessage("Expecting a valid OpenMetrics exposition but parsing failed at line 2: "
            + "an OpenMetrics exposition must end with \"# EOF\"");
  }

  @Test
  void aDescriptionShouldPrefixMessagesOfNestedAssertions() {
    assertThatThrownBy(() -> text().as("scrape of %s", "app").hasCounter("check_runs", labels("region", "eu"))
            .withValue(0))
        .hasMessageStartingWith("[scrape of app] Expecting counter check_runs_total");
    assertThatThrownBy(() -> text().as("scrape").hasFamily("check_status").ofType(COUNTER))
        .hasMessageStartingWith("[scrape] Expecting family check_status");
  }

  @Test
  void aRegistryOrWriterShouldBeScrapedInTheStatedFormat() {
    io.prometheus.metrics.model.registry.PrometheusRegistry registry = new io.prometheus.metrics.model.registry.PrometheusRegistry();
    io.prometheus.metrics.core.metrics.Counter.builder().name("jobs").help("Jobs").labelNames("queue").register(registry)
        .labelValues("mail").inc(2);
    io.prometheus.metrics.core.metrics.Info.builder().name("app_info").help("App").labelNames("version").register(registry)
        .setLabelValues("1.2");

    ExpositionAssertions.assertThat(registry)
        .hasFamily("jobs").ofType(COUNTER).and()
        .hasFamily("app_info").ofType(io.prometheus.metrics.model.registry.MetricType.INFO).and()
        .hasCounter("jobs_total", labels("queue", "mail")).withValue(2);
    ExpositionAssertions.assertThat(registry, ExpositionFormat.PROMETHEUS_TEXT)
        .hasFamily("jobs_total").ofType(COUNTER).and()
        .hasFamily("app_info").ofType(GAUGE).and()
        .hasCounter("jobs", labels("queue", "mail")).withValue(2);
    io.github.checkmetrics.exposition.ExpositionWriter writer = io.github.checkmetrics.exposition.ExpositionWriter.builder()
        .registry(registry).constantLabel("region", "eu-west-1").build();
    ExpositionAssertions.assertThat(writer).everySeriesHasLabel("region").matchingLabelsExactly()
        .hasSample("app_info", labels("version", "1.2", "region", "eu-west-1"), 1);
    ExpositionAssertions.assertThat(writer, ExpositionFormat.PROMETHEUS_TEXT).everySeriesHasLabel("region");
    assertThatThrownBy(() -> ExpositionAssertions.assertThat(registry).everySeriesHasLabel("region"))
        .hasMessageStartingWith("Expecting every series to have a label named region\nbut 2 of 2 samples have none:");
  }

  @Test
  void aBodyAsBytesShouldBeParsedAndInvalidUtf8ShouldFailWithItsLine() {
    byte[] body = TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ExpositionAssertions.assertThat(body, ExpositionFormat.PROMETHEUS_TEXT)
        .hasSample("check_status", labels("check_id", "db"), 1.0);

    byte[] broken = "a 1\nb{x=\"\u00e9\"} 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    broken[9] = (byte) 0xff;
    assertThatThrownBy(() -> ExpositionAssertions.assertThat(broken, ExpositionFormat.PROMETHEUS_TEXT).isValidExposition())
        .hasMessage("Expecting a valid Prometheus text exposition but parsing failed at line 2: "
            + "invalid UTF-8 at byte offset 9");
  }

  @Test
  void exactLabelMatchingShouldApplyToTheReturnedAssertionOnly() {
    ExpositionAssert subset = text();
    ExpositionAssert exact = subset.matchingLabelsExactly();

    exact.doesNotHaveSeries("check_status", labels("check_id", "db"))
        .hasSeries("check_status", labels("check_id", "db", "check_name", "Database", "region", "eu"));
    subset.hasSeries("check_status", labels("check_id", "db"));
    assertThatThrownBy(() -> text().as("scrape").matchingLabelsExactly().hasGauge("check_status", labels("check_id", "db")))
        .hasMessage("""
            [scrape] Expecting exposition to have a gauge check_status{check_id="db"}
            but no series of check_status has labels {check_id="db"}; the nearest series are:
              check_status{check_id="db",check_name="Database",region="eu"} 1.0  (line 3)
              check_status{check_id="api",check_name="API",region="eu"} 0.0  (line 4)
              check_status{check_id="dbx",check_name="Other",region="us"} 1.0  (line 5)""");
  }

  @Test
  void extractingValuesShouldListTheValuesOfASampleName() {
    text().extractingValues("check_runs_total").containsExactly(3.0, 1.0);
    assertThatThrownBy(() -> text().as("scrape").extractingValues("check_runs_total").containsExactly(3.0))
        .hasMessageStartingWith("[scrape] ");
    text().extractingValues("no_such_sample").isEmpty();
    assertThatThrownBy(() -> ExpositionAssertions.assertThat("a{ 1\n").extractingValues("a"))
        .hasMessageStartingWith("Expecting a valid Prometheus text exposition but parsing failed at line 1: ");
  }

  @Test
  void theActualValuesShouldBeTheTextTheFamilyNameAndTheSeries() {
    org.assertj.core.api.Assertions.assertThat(text().actual()).isEqualTo(TEXT);
    org.assertj.core.api.Assertions.assertThat(text().hasFamily("check_runs").actual()).isEqualTo("check_runs_total");
    org.assertj.core.api.Assertions.assertThat(text().hasCounter("check_runs", labels("region", "us")).actual())
        .isEqualTo("check_runs_total{check_id=\"db\",region=\"us\",status=\"success\"}");
    org.assertj.core.api.Assertions.assertThat(text().hasHistogram("check_duration_seconds", labels()).actual())
        .isEqualTo("check_duration_seconds{check_id=\"db\",region=\"eu\"}");
  }

  @Test
  void aSeriesShouldRefuseWhatItsTypeDoesNotHave() {
    assertThatThrownBy(() -> text().hasHistogram("check_duration_seconds", labels()).withValue(3))
        .hasMessage("Expecting histogram check_duration_seconds{check_id=\"db\",region=\"eu\"} to have value 3.0\n"
            + "but a histogram has none; assert its count, sum or buckets");
    assertThatThrownBy(() -> text().hasHistogram("check_duration_seconds", labels()).withExemplar(labels()))
        .hasMessage("Expecting histogram check_duration_seconds{check_id=\"db\",region=\"eu\"} to have an exemplar {...}\n"
            + "but a histogram has none; assert its count, sum or buckets");
    assertThatThrownBy(() -> text().hasGauge("check_status", labels("check_id", "api")).withCount(1))
        .hasMessage("Expecting gauge check_status{check_id=\"api\",check_name=\"API\",region=\"eu\"} to have count 1\n"
            + "but a gauge has no count, sum or buckets");
    assertThatThrownBy(() -> text().hasCounter("check_runs", labels("region", "eu")).withSum(1, within(0.1)))
        .hasMessage("Expecting counter check_runs_total{check_id=\"db\",region=\"eu\",status=\"success\"} to have "
            + "sum 1.0 ± 0.1\nbut a counter has no count, sum or buckets");
    assertThatThrownBy(() -> text().hasCounter("check_runs", labels("region", "eu")).withBucket(0.5, 1))
        .hasMessage("Expecting counter check_runs_total{check_id=\"db\",region=\"eu\",status=\"success\"} to have "
            + "bucket le=\"0.5\"\nbut a counter has no count, sum or buckets");
  }

  @Test
  void client_javasHistogramTypeShouldAlsoMatchAGaugeHistogram() {
    String gaugeHistogram = """
        # TYPE queue_size gaugehistogram
        queue_size_bucket{le="10.0"} 2
        queue_size_bucket{le="+Inf"} 3
        queue_size_gcount 3
        queue_size_gsum 17.0
        # EOF
        """;

    ExpositionAssertions.assertThat(gaugeHistogram).hasFamily("queue_size").ofType(HISTOGRAM);
    assertThatThrownBy(() -> ExpositionAssertions.assertThat(gaugeHistogram).hasFamily("queue_size").ofType(GAUGE))
        .hasMessage("Expecting family queue_size (line 1) to have type GAUGE\nbut it was GAUGE_HISTOGRAM");
  }
}
