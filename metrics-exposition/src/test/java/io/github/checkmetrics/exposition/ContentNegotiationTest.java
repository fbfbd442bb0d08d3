package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;

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
