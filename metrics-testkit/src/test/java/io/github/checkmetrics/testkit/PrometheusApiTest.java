package io.github.checkmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parses responses recorded from Prometheus 2.42.0 (Debian 2.42.0+ds-5+deb12u1). */
class PrometheusApiTest {

  @Test
  void samplesShouldReadAnInstantVector() {
    String body = """
        {"status":"success","data":{"resultType":"vector","result":[\
        {"metric":{"__name__":"up","instance":"127.0.0.1:19191","job":"self"},\
        "value":[1795213867.042,"1"]}]}}""";

    assertThat(PrometheusApi.samples(PrometheusApi.data(body))).containsExactly(new Sample(
        Map.of("__name__", "up", "instance", "127.0.0.1:19191", "job", "self"), 1.0,
        1795213867.042));
  }

  @Test
  void samplesShouldReadScalarsAndSpecialValues() {
    String scalar = """
        {"status":"success","data":{"resultType":"scalar","result":[1795213901.448,"+Inf"]}}""";
    String vector = """
        {"status":"success","data":{"resultType":"vector","result":[\
        {"metric":{},"value":[1795213901.453,"-Inf"]},{"metric":{},"value":[1.5,"NaN"]}]}}""";

    assertThat(PrometheusApi.samples(PrometheusApi.data(scalar)))
        .containsExactly(new Sample(Map.of(), Double.POSITIVE_INFINITY, 1795213901.448));
    assertThat(PrometheusApi.samples(PrometheusApi.data(vector)))
        .extracting(Sample::value)
        .containsExactly(Double.NEGATIVE_INFINITY, Double.NaN);
  }

  @Test
  void samplesWithRangeVectorShouldThrow() {
    String body = """
        {"status":"success","data":{"resultType":"matrix","result":[]}}""";

    assertThatThrownBy(() -> PrometheusApi.samples(PrometheusApi.data(body)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query result must be a vector or a scalar, got matrix: "
            + "{\"resultType\":\"matrix\",\"result\":[]}");
  }

  @Test
  void dataWithErrorEnvelopeShouldThrowWithPrometheusMessage() {
    String body = """
        {"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": \
        1:4: parse error: unexpected end of input inside braces"}""";

    assertThatThrownBy(() -> PrometheusApi.data(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Prometheus API error bad_data: invalid parameter \"query\": "
            + "1:4: parse error: unexpected end of input inside braces");
  }

  @Test
  void targetsShouldReadActiveTargets() {
    String body = """
        {"status":"success","data":{"activeTargets":[{"discoveredLabels":{\
        "__address__":"127.0.0.1:1","__metrics_path__":"/m","__param_format":"prometheus",\
        "__scheme__":"http","job":"nobody"},"labels":{"instance":"127.0.0.1:1","job":"nobody"},\
        "scrapePool":"nobody","scrapeUrl":"http://127.0.0.1:1/m?format=prometheus",\
        "globalUrl":"http://vm:1/m?format=prometheus","lastError":"connect: connection refused",\
        "lastScrape":"2026-11-20T22:31:41.177937258Z","lastScrapeDuration":0.000559795,\
        "health":"down","scrapeInterval":"1s","scrapeTimeout":"1s"}],"droppedTargets":[]}}""";

    assertThat(PrometheusApi.targets(PrometheusApi.data(body))).containsExactly(new Target(
        "nobody", "http://127.0.0.1:1/m?format=prometheus", "down", "connect: connection refused",
        Map.of("instance", "127.0.0.1:1", "job", "nobody"),
        Map.of("__address__", "127.0.0.1:1", "__metrics_path__", "/m",
            "__param_format", "prometheus", "__scheme__", "http", "job", "nobody")));
  }

  @Test
  void rulesShouldReadRecordingAndAlertingRulesWithTheirAlerts() {
    String body = """
        {"status":"success","data":{"groups":[{"name":"g","file":"/tmp/rules.yml","rules":[\
        {"name":"job:up:sum","query":"sum by (job) (up)","health":"ok",\
        "evaluationTime":0.000399446,"lastEvaluation":"2026-11-20T22:31:40.795228277Z",\
        "type":"recording"},\
        {"state":"firing","name":"AlwaysFiring","query":"vector(1)","duration":0,\
        "keepFiringFor":0,"labels":{"severity":"page"},"annotations":{"summary":"always"},\
        "alerts":[{"labels":{"alertname":"AlwaysFiring","severity":"page"},\
        "annotations":{"summary":"always"},"state":"firing",\
        "activeAt":"2026-11-20T22:31:34.794198886Z","value":"1e+00"}],"health":"ok",\
        "evaluationTime":0.000143004,"lastEvaluation":"2026-11-20T22:31:40.795629646Z",\
        "type":"alerting"}],"interval":1,"limit":0,"evaluationTime":0.000559044,\
        "lastEvaluation":"2026-11-20T22:31:40.795215959Z"}]}}""";
    Alert firing = new Alert(Map.of("alertname", "AlwaysFiring", "severity", "page"),
        Map.of("summary", "always"), "firing", "1e+00");

    assertThat(PrometheusApi.rules(PrometheusApi.data(body))).containsExactly(
        new Rule("g", "/tmp/rules.yml", "job:up:sum", "recording", "sum by (job) (up)", "ok", "",
            "", Map.of(), List.of()),
        new Rule("g", "/tmp/rules.yml", "AlwaysFiring", "alerting", "vector(1)", "ok", "",
            "firing", Map.of("severity", "page"), List.of(firing)));
  }

  @Test
  void alertsShouldReadActiveAlerts() {
    String body = """
        {"status":"success","data":{"alerts":[{"labels":{"alertname":"AlwaysFiring",\
        "severity":"page"},"annotations":{"summary":"always"},"state":"firing",\
        "activeAt":"2026-11-20T22:31:34.794198886Z","value":"1e+00"}]}}""";

    assertThat(PrometheusApi.alerts(PrometheusApi.data(body)))
        .singleElement()
        .satisfies(alert -> {
          assertThat(alert.name()).isEqualTo("AlwaysFiring");
          assertThat(alert.state()).isEqualTo("firing");
          assertThat(alert.annotations()).containsEntry("summary", "always");
        });
  }

  @Test
  void labelsShouldKeepDocumentOrderAndDecodeEveryEscape() {
    String body = """
        {"status":"success","data":\
        {"z":"q\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 \\u0041","a":""}}""";

    assertThat(PrometheusApi.labels(PrometheusApi.data(body)))
        .containsExactly(
            Map.entry("z", "q\" b\\ s/ \b\f\n\r\t \u00e9 \ud83d\ude00 A"), Map.entry("a", ""));
  }

  @Test
  void labelsShouldBeUnmodifiableAndKeepTheLastOfDuplicateNames() {
    Map<String, String> labels =
        PrometheusApi.labels(PrometheusApi.data("""
            {"status":"success","data":{"job":"a","job":"b"}}"""));

    assertThat(labels).containsExactly(Map.entry("job", "b"));
    assertThatThrownBy(() -> labels.put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void labelsShouldReadAbsentAndNullAsEmpty() {
    assertThat(PrometheusApi.labels(PrometheusApi.data("""
        {"status":"success"}"""))).isEmpty();
    assertThat(PrometheusApi.labels(PrometheusApi.data("""
        {"status":"success","data":null}"""))).isEmpty();
  }

  static Stream<Arguments> wrongShapes() {
    return Stream.of(
        Arguments.of("""
            {"status":"success","data":{"job":1}}""", "labels",
            "JSON member \"job\" must be a string: 1"),
        Arguments.of("""
            {"status":"success","data":[]}""", "targets", "JSON value must be an object: []"),
        Arguments.of("""
            {"status":"success","data":{"activeTargets":"x"}}""", "targets",
            "JSON value must be an array: \"x\""),
        Arguments.of("""
            {"status":"success","data":{"resultType":"scalar","result":[1,2]}}""", "samples",
            "sample must be [timestamp, \"value\"]: [1,2]"),
        Arguments.of("""
            ["success"]""", "data", "Prometheus API response must be a JSON object: [\"success\"]"));
  }

  @ParameterizedTest
  @MethodSource("wrongShapes")
  void responseOfAnotherShapeShouldThrowNamingTheValue(String body, String reader, String message) {
    assertThatThrownBy(() -> {
      switch (reader) {
        case "labels" -> PrometheusApi.labels(PrometheusApi.data(body));
        case "targets" -> PrometheusApi.targets(PrometheusApi.data(body));
        case "samples" -> PrometheusApi.samples(PrometheusApi.data(body));
        default -> PrometheusApi.data(body);
      }
    }).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("{\"status\": \"success\"", "Unexpected end-of-input"),
        Arguments.of("{\"a\" 1}", "Unexpected character ('1'"),
        Arguments.of("{\"a\": 1,}", "Unexpected character ('}'"),
        Arguments.of("\"\\x\"", "Unrecognized character escape 'x'"),
        Arguments.of("NaN", "Non-standard token 'NaN'"),
        Arguments.of("{} x", "Unrecognized token 'x'"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void dataWithMalformedJsonShouldThrowWithJacksonsReason(String body, String reason) {
    assertThatThrownBy(() -> PrometheusApi.data(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Prometheus API response is not JSON: " + reason)
        .hasMessageMatching(".* at line 1, column [0-9]+");
  }

  @Test
  void dataWithNullShouldThrow() {
    assertThatThrownBy(() -> PrometheusApi.data(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("body");
  }
}
