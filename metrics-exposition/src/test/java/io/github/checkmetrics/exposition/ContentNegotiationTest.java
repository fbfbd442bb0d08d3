package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.EscapingScheme;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentNegotiationTest {

  static Stream<Arguments> accepts() {
    return Stream.of(
        Arguments.of(List.of(), ExpositionFormat.PROMETHEUS_TEXT),
        Arguments.of(List.of(""), ExpositionFormat.PROMETHEUS_TEXT),
        // two header lines count as one list
        Arguments.of(
            List.of("text/plain;q=0.5", "application/openmetrics-text;q=0.6"),
            ExpositionFormat.OPENMETRICS),
        // equal q: the range listed first wins
        Arguments.of(
            List.of("application/openmetrics-text, text/plain"), ExpositionFormat.OPENMETRICS),
        Arguments.of(
            List.of("text/plain, application/openmetrics-text"), ExpositionFormat.PROMETHEUS_TEXT),
        // the most specific range decides a format's q: text/plain;q=0 beats */*
        Arguments.of(
            List.of("*/*, text/plain;q=0, application/openmetrics-text;q=0.1"),
            ExpositionFormat.OPENMETRICS),
        Arguments.of(
            List.of("Application/OpenMetrics-Text; Version=\"1.0.0\"; Q=0.9"),
            ExpositionFormat.OPENMETRICS),
        Arguments.of(
            List.of("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=text"),
            ExpositionFormat.PROMETHEUS_TEXT),
        Arguments.of(
            List.of("application/vnd.google.protobuf;proto=\"io.prometheus.client.MetricFamily\""),
            ExpositionFormat.PROTOBUF),
        Arguments.of(List.of("text/plain;version=1.0.0, */*;q=0.1"), ExpositionFormat.PROMETHEUS_TEXT),
        Arguments.of(List.of("application/openmetrics-text;q=1.0001"), ExpositionFormat.PROMETHEUS_TEXT),
        Arguments.of(List.of("application/openmetrics-text;q"), ExpositionFormat.PROMETHEUS_TEXT),
        Arguments.of(List.of("a/b;x=\"1,2\", application/openmetrics-text;q=0.3"),
            ExpositionFormat.OPENMETRICS));
  }

  @ParameterizedTest
  @MethodSource("accepts")
  void formatShouldFollowQValues(List<String> accept, ExpositionFormat expected) {
    assertThat(ContentNegotiation.format(accept)).isEqualTo(expected);
  }

  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String TEXT_1_0_0 = "text/plain; version=1.0.0; charset=utf-8";
  private static final String PROTOBUF =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

  /**
   * The {@code Accept} headers real Prometheus servers send, each captured from the binary named
   * (a loopback target logging its requests) except 3.0, whose scrape code builds the same header
   * as 3.5 (same default protocols, weights and escaping); 3.5 has no {@code
   * scrape_native_histograms} setting yet: its feature flag {@code native-histograms} puts
   * protobuf first.
   */
  static Stream<Arguments> scrapers() {
    String prometheus3 =
        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
            + "application/openmetrics-text;version=0.0.1;q=0.5,"
            + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
            + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";
    return Stream.of(
        Arguments.of(
            "Prometheus 2.42",
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
            OPENMETRICS + "; escaping=underscores",
            EscapingScheme.UNDERSCORE_ESCAPING),
        Arguments.of(
            "Prometheus 2.42, --enable-feature=native-histograms",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,"
                + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;"
                + "q=0.5,*/*;q=0.1",
            PROTOBUF,
            EscapingScheme.UNDERSCORE_ESCAPING),
        Arguments.of(
            "Prometheus 3.0", prometheus3, OPENMETRICS + "; escaping=allow-utf-8",
            EscapingScheme.ALLOW_UTF8),
        Arguments.of(
            "Prometheus 3.5", prometheus3, OPENMETRICS + "; escaping=allow-utf-8",
            EscapingScheme.ALLOW_UTF8),
        Arguments.of(
            "Prometheus 3.5, --enable-feature=native-histograms",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited;q=0.6,application/openmetrics-text;version=1.0.0;"
                + "escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,"
                + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;"
                + "q=0.2,*/*;q=0.1",
            PROTOBUF,
            // the protobuf range names no escaping: the allow-utf-8 of later ranges is not its
            EscapingScheme.UNDERSCORE_ESCAPING),
        Arguments.of(
            "Prometheus 3.5, metric_name_validation_scheme: legacy",
            "application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,"
                + "application/openmetrics-text;version=0.0.1;q=0.5,"
                + "text/plain;version=1.0.0;escaping=underscores;q=0.4,"
                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2",
            OPENMETRICS + "; escaping=underscores",
            EscapingScheme.UNDERSCORE_ESCAPING),
        Arguments.of(
            "Prometheus 3.5, metric_name_escaping_scheme: dots",
            "application/openmetrics-text;version=1.0.0;escaping=dots;q=0.6,"
                + "application/openmetrics-text;version=0.0.1;q=0.5,"
                + "text/plain;version=1.0.0;escaping=dots;q=0.4,text/plain;version=0.0.4;q=0.3,"
                + "*/*;q=0.2",
            OPENMETRICS + "; escaping=dots",
            EscapingScheme.DOTS_ESCAPING),
        Arguments.of(
            "Prometheus 3.5, scrape_protocols: [PrometheusText1.0.0, PrometheusText0.0.4]",
            "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.6,text/plain;version=0.0.4;q=0.5,"
                + "*/*;q=0.4",
            TEXT_1_0_0 + "; escaping=allow-utf-8",
            EscapingScheme.ALLOW_UTF8),
        Arguments.of(
            "Prometheus 3.5, scrape_protocols: [PrometheusText1.0.0], escaping values",
            "text/plain;version=1.0.0;escaping=values;q=0.6,*/*;q=0.5",
            TEXT_1_0_0 + "; escaping=values",
            EscapingScheme.VALUE_ENCODING_ESCAPING),
        Arguments.of(
            "OpenMetrics 0.0.1 only: no escaping to name",
            "application/openmetrics-text;version=0.0.1;escaping=allow-utf-8",
            OPENMETRICS + "; escaping=underscores",
            EscapingScheme.UNDERSCORE_ESCAPING),
        Arguments.of(
            "text 0.0.4 cannot carry UTF-8 names",
            "text/plain;version=0.0.4;escaping=allow-utf-8",
            TEXT,
            EscapingScheme.UNDERSCORE_ESCAPING),
        Arguments.of(
            "an unknown scheme (the docs' misspelt allow-utf8) counts as none",
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf8",
            OPENMETRICS + "; escaping=underscores",
            EscapingScheme.UNDERSCORE_ESCAPING),
        Arguments.of(
            "protobuf honours its own range's escaping",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited;escaping=allow-utf-8",
            PROTOBUF,
            EscapingScheme.ALLOW_UTF8),
        Arguments.of("curl", "*/*", TEXT, EscapingScheme.UNDERSCORE_ESCAPING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scrapers")
  void negotiationShouldAnswerEachScraperWithItsContentTypeAndEscaping(
      String scraper, String accept, String contentType, EscapingScheme escaping) {
    ContentNegotiation.Negotiated negotiated = ContentNegotiation.negotiate(List.of(accept));

    assertThat(negotiated.contentType()).isEqualTo(contentType);
    assertThat(negotiated.escaping()).isEqualTo(escaping);
  }

  @ParameterizedTest
  @MethodSource("formatsNamedByQuery")
  void aFormatNamedByQueryShouldEscapeWithUnderscores(ExpositionFormat format, String contentType) {
    ContentNegotiation.Negotiated negotiated = ContentNegotiation.forFormat(format);

    assertThat(negotiated.contentType()).isEqualTo(contentType);
    assertThat(negotiated.escaping()).isEqualTo(EscapingScheme.UNDERSCORE_ESCAPING);
  }

  static Stream<Arguments> formatsNamedByQuery() {
    return Stream.of(
        Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, TEXT),
        Arguments.of(ExpositionFormat.OPENMETRICS, OPENMETRICS + "; escaping=underscores"),
        Arguments.of(ExpositionFormat.PROTOBUF, PROTOBUF));
  }

  static Stream<Arguments> encodings() {
    return Stream.of(
        Arguments.of(List.of(), false),
        Arguments.of(List.of("gzip"), true),
        Arguments.of(List.of("GZIP;Q=0.5"), true),
        Arguments.of(List.of("gzip;q=0"), false),
        Arguments.of(List.of("gzip;q=0.000"), false),
        Arguments.of(List.of("*"), true),
        Arguments.of(List.of("*;q=0.1, gzip;q=0"), false),
        Arguments.of(List.of("identity", "gzip"), true),
        Arguments.of(List.of("br, deflate"), false),
        Arguments.of(List.of("gzip;q=abc"), false));
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void gzipShouldFollowQValues(List<String> acceptEncoding, boolean expected) {
    assertThat(ContentNegotiation.gzip(acceptEncoding)).isEqualTo(expected);
  }
}
