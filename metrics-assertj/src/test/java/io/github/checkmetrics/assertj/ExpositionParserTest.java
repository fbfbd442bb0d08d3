package io.github.checkmetrics.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.ExpositionFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

  @Test
  void prometheusTextShouldGroupHistogramAndSummarySamplesIntoTheirFamily() {
    Exposition exposition = Exposition.parse("""
        # HELP check_duration_seconds Duration of every run
        # TYPE check_duration_seconds histogram
        check_duration_seconds_bucket{check_id="db",le="0.5"} 1
        check_duration_seconds_bucket{check_id="db",le="+Inf"} 2
        check_duration_seconds_count{check_id="db"} 2
        check_duration_seconds_sum{check_id="db"} 1.5
        # TYPE lat summary
        lat{quantile="0.5"} 1.0
        lat{quantile="0.99"} NaN
        lat_count 1
        lat_sum 1.0
        # TYPE check_runs_total counter
        check_runs_total{status="success"} 3.0
        """);

    assertThat(exposition.format()).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(exposition.families()).extracting(MetricFamily::name, MetricFamily::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("check_duration_seconds", FamilyType.HISTOGRAM),
            org.assertj.core.groups.Tuple.tuple("lat", FamilyType.SUMMARY),
            org.assertj.core.groups.Tuple.tuple("check_runs_total", FamilyType.COUNTER));
    MetricFamily histogram = exposition.families().get(0);
    assertThat(histogram.help()).isEqualTo("Duration of every run");
    assertThat(histogram.samples()).extracting(Sample::name).containsExactly(
        "check_duration_seconds_bucket", "check_duration_seconds_bucket",
        "check_duration_seconds_count", "check_duration_seconds_sum");
    assertThat(histogram.samples().get(1).labels()).isEqualTo(LabelSet.of("check_id", "db", "le", "+Inf"));
    assertThat(histogram.lineNumber()).isEqualTo(1);
    assertThat(exposition.families().get(1).samples().get(1).value()).isNaN();
    assertThat(exposition.samples()).hasSize(9);
  }

  @Test
  void openMetricsShouldGroupTotalCreatedAndInfoSuffixesAndReadUnits() {
    Exposition exposition = Exposition.parse("""
        # TYPE check_runs counter
        # HELP check_runs Runs
        check_runs_total{status="success"} 3.0
        check_runs_created{status="success"} 1700000000.5
        # TYPE check_duration_seconds histogram
        # UNIT check_duration_seconds seconds
        check_duration_seconds_bucket{le="+Inf"} 0
        check_duration_seconds_count 0
        check_duration_seconds_sum 0.0
        check_duration_seconds_created 1700000000
        # TYPE build info
        build_info{version="1.0"} 1
        # TYPE feature stateset
        feature{feature="a"} 1
        feature{feature="b"} 0
        # TYPE queue gaugehistogram
        queue_bucket{le="+Inf"} 4
        queue_gcount 4
        queue_gsum 2.5
        # TYPE up unknown
        up 1
        # EOF
        """);

    assertThat(exposition.format()).isEqualTo(ExpositionFormat.OPENMETRICS);
    assertThat(exposition.families()).extracting(MetricFamily::name).containsExactly(
        "check_runs", "check_duration_seconds", "build", "feature", "queue", "up");
    assertThat(exposition.families()).extracting(MetricFamily::type).containsExactly(
        FamilyType.COUNTER, FamilyType.HISTOGRAM, FamilyType.INFO, FamilyType.STATESET,
        FamilyType.GAUGE_HISTOGRAM, FamilyType.UNKNOWN);
    assertThat(exposition.families().get(0).samples()).extracting(Sample::name)
        .containsExactly("check_runs_total", "check_runs_created");
    assertThat(exposition.families().get(1).unit()).isEqualTo("seconds");
    assertThat(exposition.families().get(1).samples()).hasSize(4);
  }

  @Test
  void familyLookupShouldFindCountersAndInfosByEitherName() {
    Exposition openMetrics = Exposition.parse("""
        # TYPE check_runs counter
        check_runs_total 1
        # TYPE build info
        build_info{version="1"} 1
        # EOF
        """);
    Exposition prometheus = Exposition.parse("""
        # TYPE check_runs_total counter
        check_runs_total 1
        """);

    assertThat(openMetrics.family("check_runs_total")).map(MetricFamily::name).contains("check_runs");
    assertThat(openMetrics.family("check_runs")).map(MetricFamily::name).contains("check_runs");
    assertThat(openMetrics.family("build_info")).map(MetricFamily::name).contains("build");
    assertThat(prometheus.family("check_runs")).map(MetricFamily::name).contains("check_runs_total");
    assertThat(prometheus.family("check_runs_total")).map(MetricFamily::name).contains("check_runs_total");
    assertThat(prometheus.family("nothing")).isEmpty();
  }

  @Test
  void escapesShouldBeReadInLabelValuesAndHelp() {
    Exposition prometheus = Exposition.parse("""
        # HELP a Backslash \\\\ newline \\n quote " escaped quote \\"
        a{v="q\\"b\\\\n\\nend"} 1
        """);
    Exposition openMetrics = Exposition.parse("""
        # HELP a Backslash \\\\ newline \\n quote \\" undefined \\a
        a{v="q\\"b\\\\n\\nend",w="\\x"} 1
        # EOF
        """);

    assertThat(prometheus.families().get(0).help())
        .isEqualTo("Backslash \\ newline \n quote \" escaped quote \"");
    assertThat(prometheus.samples().get(0).labels().get("v")).contains("q\"b\\n\nend");
    // OpenMetrics: "BS normal-char" keeps the backslash
    assertThat(openMetrics.families().get(0).help()).isEqualTo("Backslash \\ newline \n quote \" undefined \\a");
    assertThat(openMetrics.samples().get(0).labels().asMap())
        .containsExactly(Map.entry("v", "q\"b\\n\nend"), Map.entry("w", "\\x"));
  }

  @Test
  void specialValuesShouldBeRead() {
    Exposition exposition = Exposition.parse("""
        a{v="1"} NaN
        a{v="2"} +Inf
        a{v="3"} -Inf
        a{v="4"} -0.0
        a{v="5"} 1.0E-7
        a{v="6"} .5
        a{v="7"} 5.
        a{v="8"} 12345678901234567890
        a{v="9"} inf
        a{v="10"} -Infinity
        a{v="11"} nan
        """);

    assertThat(exposition.samples()).extracting(Sample::value).containsExactly(
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1.0E-7, 0.5, 5.0,
        1.2345678901234567e19, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
  }

  @Test
  void timestampsShouldBeMillisecondsInPrometheusTextAndSecondsInOpenMetrics() {
    Exposition prometheus = Exposition.parse("a 1 1700000000123\nb 1 -5\n");
    Exposition openMetrics = Exposition.parse("a 1 1700000000.123456789\nb 1 17e8\nc 1\n# EOF\n");

    assertThat(prometheus.samples()).extracting(s -> s.timestamp().orElseThrow()).containsExactly(
        Instant.ofEpochMilli(1700000000123L), Instant.ofEpochMilli(-5));
    assertThat(openMetrics.samples().get(0).timestamp()).contains(Instant.ofEpochSecond(1700000000, 123456789));
    assertThat(openMetrics.samples().get(1).timestamp()).contains(Instant.ofEpochSecond(1700000000));
    assertThat(openMetrics.samples().get(2).timestamp()).isEmpty();
  }

  @Test
  void exemplarsShouldBeReadOnCounterTotalsAndBuckets() {
    Exposition exposition = Exposition.parse("""
        # TYPE c counter
        c_total 2.0 # {trace_id="abc",span_id="def"} 0.3 1700000000.123
        # TYPE h_seconds histogram
        h_seconds_bucket{le="0.5"} 1 1700000000.456 # {trace_id="x"} 0.3
        h_seconds_bucket{le="+Inf"} 1 # {} 0.4
        h_seconds_count 1
        h_seconds_sum 0.3
        # EOF
        """);

    Exemplar counterExemplar = exposition.samples().get(0).exemplar().orElseThrow();
    assertThat(counterExemplar.labels()).isEqualTo(LabelSet.of("span_id", "def", "trace_id", "abc"));
    assertThat(counterExemplar.value()).isEqualTo(0.3);
    assertThat(counterExemplar.timestamp()).contains(Instant.ofEpochSecond(1700000000, 123000000));
    assertThat(counterExemplar).hasToString("# {trace_id=\"abc\",span_id=\"def\"} 0.3 1700000000.123");
    Sample bucket = exposition.samples().get(1);
    assertThat(bucket.timestamp()).contains(Instant.ofEpochSecond(1700000000, 456000000));
    assertThat(bucket.exemplar().orElseThrow().timestamp()).isEmpty();
    assertThat(exposition.samples().get(2).exemplar().orElseThrow().labels().isEmpty()).isTrue();
  }

  @Test
  void emptyLabelSetsAndEmptyValuesShouldBeRead() {
    Exposition exposition = Exposition.parse("a{} 1\nb{x=\"\"} 2\n# EOF\n");

    assertThat(exposition.samples().get(0).labels()).isEqualTo(LabelSet.empty());
    assertThat(exposition.samples().get(1).labels().get("x")).contains("");
  }

  @Test
  void utf8LabelValuesAndHelpShouldBeReadFromStringsAndBytes() {
    String text = "# HELP a Grüße ✓ 日本\na{region=\"eu-wëst\",emoji=\"🚀\"} 1\n";

    Exposition fromString = Exposition.parse(text);
    Exposition fromBytes = Exposition.parse(text.getBytes(StandardCharsets.UTF_8), ExpositionFormat.PROMETHEUS_TEXT);

    assertThat(fromString.families().get(0).help()).isEqualTo("Grüße ✓ 日本");
    assertThat(fromBytes.samples()).isEqualTo(fromString.samples());
    assertThat(fromBytes.samples().get(0).labels().get("emoji")).contains("🚀");
  }

  @Test
  void prometheusTextShouldAllowBlanksTabsCommentsAndATrailingComma() {
    Exposition exposition = Exposition.parse("""

          # a free comment
        #
        # HELP\ta  spaced help
        \t# TYPE a gauge \t
        a { x = "1" , y="2", }   7   123\t
        a{x="2"}8

        # EOF is only a comment here (it is not alone on its line)
        """);

    assertThat(exposition.families()).hasSize(1);
    assertThat(exposition.families().get(0).help()).isEqualTo("spaced help");
    assertThat(exposition.families().get(0).type()).isEqualTo(FamilyType.GAUGE);
    assertThat(exposition.samples().get(0).labels()).isEqualTo(LabelSet.of("x", "1", "y", "2"));
    assertThat(exposition.samples().get(0).value()).isEqualTo(7.0);
    assertThat(exposition.samples().get(0).timestamp()).contains(Instant.ofEpochMilli(123));
    assertThat(exposition.samples().get(1).value()).isEqualTo(8.0);
  }

  @Test
  void samplesWithoutTypeShouldFormUnknownFamiliesNamedAfterThem() {
    Exposition exposition = Exposition.parse("""
        # HELP only_help some help
        only_help 1
        foo_bucket{le="1"} 2
        foo_count 2
        """);

    assertThat(exposition.families()).extracting(MetricFamily::name, MetricFamily::type).containsExactly(
        org.assertj.core.groups.Tuple.tuple("only_help", FamilyType.UNKNOWN),
        org.assertj.core.groups.Tuple.tuple("foo_bucket", FamilyType.UNKNOWN),
        org.assertj.core.groups.Tuple.tuple("foo_count", FamilyType.UNKNOWN));
  }

  @Test
  void formatShouldBeDetectedByALineReadingEof() {
    assertThat(Exposition.parse("").format()).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(Exposition.parse("# EOF").format()).isEqualTo(ExpositionFormat.OPENMETRICS);
    assertThat(Exposition.parse("# EOF\n").format()).isEqualTo(ExpositionFormat.OPENMETRICS);
    assertThat(Exposition.parse("a 1\n# EOF").format()).isEqualTo(ExpositionFormat.OPENMETRICS);
    assertThat(Exposition.parse("a 1\n# EOF\n").families()).hasSize(1);
    assertThat(Exposition.parse("a 1\n#  EOF\n").format()).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
  }

  @Test
  void emptyHelpAndUnitShouldCountAsNoneInOpenMetrics() {
    Exposition exposition = Exposition.parse("# TYPE a gauge\n# HELP a \n# UNIT a \na 1\n# EOF\n");

    assertThat(exposition.families().get(0).help()).isEmpty();
    assertThat(exposition.families().get(0).unit()).isEmpty();
  }

  @Test
  void repeatedTimestampedPointsOfOneSeriesShouldBeAllowedInOpenMetrics() {
    Exposition exposition = Exposition.parse("# TYPE a gauge\na 1 10\na 2 20\n# EOF\n");

    assertThat(exposition.samples()).extracting(Sample::value).containsExactly(1.0, 2.0);
  }

  @Test
  void familiesWithMetadataOnlyShouldHaveNoSamples() {
    Exposition exposition = Exposition.parse("# TYPE a counter\n# HELP b x\n# EOF\n");

    assertThat(exposition.families()).extracting(MetricFamily::name).containsExactly("a", "b");
    assertThat(exposition.families().get(0).samples()).isEmpty();
  }

  @Test
  void modelValuesShouldRenderAsExpositionText() {
    Sample sample = Exposition.parse("a{x=\"q\\\"\\n\"} +Inf\n").samples().get(0);

    assertThat(sample).hasToString("a{x=\"q\\\"\\n\"} +Inf");
    assertThat(sample.lineNumber()).isEqualTo(1);
    assertThat(LabelSet.of("a", "1").without("a")).isSameAs(LabelSet.empty());
    assertThat(List.of(LabelSet.of("a", "1", "b", "2"))).containsExactly(LabelSet.of(Map.of("b", "2", "a", "1")));
  }
}
