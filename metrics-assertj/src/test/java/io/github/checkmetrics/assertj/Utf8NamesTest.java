package io.github.checkmetrics.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.ScrapeRequest;
import io.github.checkmetrics.exposition.ScrapeResponse;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Metric names outside the legacy character set, as client_java 1.10 accepts them ({@code
 * Counter.builder().name("my.metric")}), scraped through {@link ScrapeHandler} with the escaping
 * each {@code Accept} header negotiates, and read back by the parser: quoted as Prometheus 3 reads them under {@code allow-utf-8},
 * rewritten into the legacy set otherwise.
 */
class Utf8NamesTest {

  private static final String PROMETHEUS_3 =
      "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
          + "application/openmetrics-text;version=0.0.1;q=0.5,"
          + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,"
          + "*/*;q=0.2";
  private static final String PROMETHEUS_2_42 =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
          + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  static Stream<Arguments> scrapes() {
    return Stream.of(
        Arguments.of(PROMETHEUS_3,
            "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=allow-utf-8",
            "my.metric", "my.metric_total", "{\"my.metric_total\",\"my.label\"=\"v\"} 2.0"),
        Arguments.of("text/plain;version=1.0.0;escaping=allow-utf-8",
            "text/plain; version=1.0.0; charset=utf-8; escaping=allow-utf-8",
            "my.metric_total", "my.metric_total", "{\"my.metric_total\",\"my.label\"=\"v\"} 2.0"),
        Arguments.of(PROMETHEUS_2_42,
            "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores",
            "my_metric", "my_metric_total", "my_metric_total{my_label=\"v\"} 2.0"),
        Arguments.of("text/plain;version=0.0.4", "text/plain; version=0.0.4; charset=utf-8",
            "my_metric_total", "my_metric_total", "my_metric_total{my_label=\"v\"} 2.0"),
        Arguments.of("application/openmetrics-text;version=1.0.0;escaping=dots",
            "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=dots",
            "my_dot_metric", "my_dot_metric_total", "my_dot_metric_total{my_dot_label=\"v\"} 2.0"),
        Arguments.of("application/openmetrics-text;version=1.0.0;escaping=values",
            "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=values",
            "U__my_2e_metric", "U__my_2e_metric_total",
            "U__my_2e_metric_total{U__my_2e_label=\"v\"} 2.0"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("scrapes")
  void aUtf8NameShouldBeWrittenAsNegotiatedAndParseBack(String accept, String contentType,
      String family, String sample, String line) {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter counter = Counter.builder().name("my.metric").help("a UTF-8 name")
        .labelNames("my.label").register(registry);
    counter.labelValues("v").inc(2);
    ScrapeResponse response = ScrapeHandler.builder().registry(registry).build()
        .handle(get(accept));
    String text = new String(response.body(), StandardCharsets.UTF_8);

    assertThat(response.headers()).containsEntry("Content-Type", contentType);
    assertThat(text).contains(line + "\n");
    Exposition exposition = Exposition.parse(text, contentType.startsWith("text/plain")
        ? ExpositionFormat.PROMETHEUS_TEXT : ExpositionFormat.OPENMETRICS);
    assertThat(exposition.family(family)).isPresent();
    assertThat(exposition.samples(sample)).singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(2.0));
  }

  private static ScrapeRequest get(String accept) {
    return new ScrapeRequest() {
      @Override
      public String method() {
        return "GET";
      }

      @Override
      public String path() {
        return "/metrics";
      }

      @Override
      public String rawQuery() {
        return null;
      }

      @Override
      public List<String> headers(String name) {
        return name.equalsIgnoreCase("Accept") ? List.of(accept) : List.of();
      }
    };
  }

  @Test
  void quotedNamesShouldParseInMetadataSamplesAndLabelsOfBothFormats() {
    String openMetrics = """
        # TYPE "my.gauge" gauge
        # HELP "my.gauge" a gauge with a dot
        {"my.gauge","with space"="a",b="\\"q\\""} 1
        {"my.gauge"} 2
        # EOF
        """;
    String prometheus = """
        # HELP "my.gauge" a gauge with a dot
        # TYPE "my.gauge" gauge
        {"my.gauge", "with space"="a", b="\\"q\\""} 1
        {"my.gauge"} 2
        """;
    for (Exposition exposition : new Exposition[] {
        Exposition.parse(openMetrics, ExpositionFormat.OPENMETRICS),
        Exposition.parse(prometheus, ExpositionFormat.PROMETHEUS_TEXT)}) {
      assertThat(exposition.family("my.gauge")).hasValueSatisfying(family -> {
        assertThat(family.type()).isEqualTo(FamilyType.GAUGE);
        assertThat(family.help()).isEqualTo("a gauge with a dot");
        assertThat(family.samples()).extracting(Sample::value).containsExactly(1.0, 2.0);
        assertThat(family.samples().get(0).labels().asMap())
            .containsExactly(java.util.Map.entry("with space", "a"), java.util.Map.entry("b", "\"q\""));
      });
    }
  }

  @Test
  void timestampsBeyondInstantShouldBeKeptExactlyAndClamped() {
    Exposition exposition = Exposition.parse("""
        # TYPE a gauge
        a{x="1"} 1 12345678901234567890.1234567890
        a{x="2"} 1 0.0000000001
        a{x="2"} 2 0.0000000002
        # EOF
        """, ExpositionFormat.OPENMETRICS);

    Sample huge = exposition.samples("a").get(0);
    assertThat(huge.timestamp()).contains(Instant.MAX);
    assertThat(huge.timestampSeconds()).contains(new BigDecimal("12345678901234567890.1234567890"));
    assertThat(exposition.samples("a").subList(1, 3)).extracting(s -> s.timestamp().orElseThrow())
        .containsExactly(Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  void gaugeSetToAUtf8NameShouldStayOneFamily() {
    PrometheusRegistry registry = new PrometheusRegistry();
    Gauge.builder().name("temperature.celsius").help("t").register(registry).set(21.5);
    String text = ExpositionWriter.of(registry).toString(ExpositionFormat.OPENMETRICS);

    assertThat(Exposition.parse(text).family("temperature_celsius")).isPresent();
  }
}
