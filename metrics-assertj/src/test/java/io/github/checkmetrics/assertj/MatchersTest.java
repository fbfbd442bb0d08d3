package io.github.checkmetrics.assertj;

import static io.github.checkmetrics.assertj.ExpositionAssertions.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Offset.strictOffset;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatchersTest {

  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        arguments((Runnable) () -> ExpositionAssertions.labels("a"), IllegalArgumentException.class,
            "labels must be given as name/value pairs: 1 arguments"),
        arguments((Runnable) () -> LabelMatcher.exact("a", "1", "b"), IllegalArgumentException.class,
            "labels must be given as name/value pairs: 3 arguments"),
        arguments((Runnable) () -> ExpositionAssertions.labels("1a", "x"), IllegalArgumentException.class,
            "label name must match [a-zA-Z_][a-zA-Z0-9_]*: \"1a\""),
        arguments((Runnable) () -> ExpositionAssertions.labels("a b", "x"), IllegalArgumentException.class,
            "label name must match [a-zA-Z_][a-zA-Z0-9_]*: \"a b\""),
        arguments((Runnable) () -> ExpositionAssertions.labels("a", "1", "a", "2"), IllegalArgumentException.class,
            "label names must not repeat: \"a\""),
        arguments((Runnable) () -> ExpositionAssertions.labels((String[]) null), NullPointerException.class,
            "namesAndValues"),
        arguments((Runnable) () -> ExpositionAssertions.labels("a", null), NullPointerException.class,
            "namesAndValues[1]"),
        arguments((Runnable) () -> LabelSet.of(Collections.singletonMap("a.b", "x")), IllegalArgumentException.class,
            "label name must match [a-zA-Z_][a-zA-Z0-9_]*: \"a.b\""),
        arguments((Runnable) () -> LabelSet.of(Collections.singletonMap("a", null)), NullPointerException.class,
            "value of label a"),
        arguments((Runnable) () -> LabelSet.of((Map<String, String>) null), NullPointerException.class, "labels"),
        arguments((Runnable) () -> LabelSet.empty().get(null), NullPointerException.class, "name"),
        arguments((Runnable) () -> ValueMatcher.closeTo(1, -0.1), IllegalArgumentException.class,
            "tolerance must be a finite number >= 0: -0.1"),
        arguments((Runnable) () -> ValueMatcher.closeTo(1, Double.NaN), IllegalArgumentException.class,
            "tolerance must be a finite number >= 0: NaN"),
        arguments((Runnable) () -> ValueMatcher.closeTo(Double.POSITIVE_INFINITY, 1), IllegalArgumentException.class,
            "expected value must be finite: Infinity"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat((String) null), NullPointerException.class, "exposition"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat((String) null, ExpositionFormat.OPENMETRICS),
            NullPointerException.class, "exposition"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat((byte[]) null, ExpositionFormat.OPENMETRICS),
            NullPointerException.class, "utf8"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat(new byte[0], ExpositionFormat.PROTOBUF),
            IllegalArgumentException.class, "format must be PROMETHEUS_TEXT or OPENMETRICS: PROTOBUF"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat((PrometheusRegistry) null), NullPointerException.class,
            "registry"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat((ExpositionWriter) null), NullPointerException.class,
            "writer"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat(new PrometheusRegistry(), ExpositionFormat.PROTOBUF),
            IllegalArgumentException.class, "format must be PROMETHEUS_TEXT or OPENMETRICS: PROTOBUF"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat("", ExpositionFormat.PROTOBUF),
            IllegalArgumentException.class, "format must be PROMETHEUS_TEXT or OPENMETRICS: PROTOBUF"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat("a 1\n").hasSample("a", null, 1), NullPointerException.class,
            "labels"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat("a 1\n").hasFamily(null), NullPointerException.class,
            "name"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat("a 1\n").everySeriesHasLabel(null),
            NullPointerException.class, "labelName"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat("a 1\n").extractingValues(null),
            NullPointerException.class, "sampleName"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat("a 1\n").hasSample("a", labels(), 1, null),
            NullPointerException.class, "offset"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat("a 1\n").hasSample("a", labels(), Double.NaN,
            within(1.0)), IllegalArgumentException.class, "expected value must be finite: NaN"),
        arguments((Runnable) () -> ExpositionAssertions.assertThat("a 1\n").hasSample("a", Labels.of("a.b", "x"), 1),
            IllegalArgumentException.class, "label name must match [a-zA-Z_][a-zA-Z0-9_]*: \"a.b\""));
  }

  @ParameterizedTest
  @MethodSource("invalidInputs")
  void invalidInputsShouldThrow(Runnable call, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(call::run).isInstanceOf(type).hasMessage(message);
  }

  @Test
  void subsetMatchersShouldAcceptExtraLabelsAndExactOnesShouldNot() {
    LabelSet series = LabelSet.of("check_id", "db", "region", "eu");

    assertThat(LabelMatcher.subset("check_id", "db").matches(series)).isTrue();
    assertThat(LabelMatcher.subset().matches(series)).isTrue();
    assertThat(LabelMatcher.subset("check_id", "api").matches(series)).isFalse();
    assertThat(LabelMatcher.subset("zone", "").matches(series)).isFalse();
    assertThat(LabelMatcher.exact("check_id", "db").matches(series)).isFalse();
    assertThat(LabelMatcher.exact("region", "eu", "check_id", "db").matches(series)).isTrue();
    assertThat(LabelMatcher.exact().matches(LabelSet.empty())).isTrue();
    assertThat(LabelMatcher.subset("a", "\"\n")).hasToString("{a=\"\\\"\\n\", ...}");
    assertThat(LabelMatcher.subset()).hasToString("{...}");
    assertThat(LabelMatcher.exact()).hasToString("{}");
    assertThat(LabelMatcher.exact("a", "1")).isEqualTo(LabelMatcher.exact("a", "1")).isNotEqualTo(LabelMatcher.subset("a", "1"));
  }

  @Test
  void valueMatchersShouldTreatNanAndSignedZeroAsEqualAndIncludeTheTolerance() {
    assertThat(ValueMatcher.exactly(Double.NaN).matches(Double.NaN)).isTrue();
    assertThat(ValueMatcher.exactly(0.0).matches(-0.0)).isTrue();
    assertThat(ValueMatcher.exactly(1).matches(1.0000001)).isFalse();
    assertThat(ValueMatcher.exactly(Double.POSITIVE_INFINITY).matches(Double.POSITIVE_INFINITY)).isTrue();
    assertThat(ValueMatcher.closeTo(1, 0.5).matches(1.5)).isTrue();
    assertThat(ValueMatcher.closeTo(1, 0.5).matches(1.6)).isFalse();
    assertThat(ValueMatcher.closeTo(1, 0.5).matches(Double.NaN)).isFalse();
    assertThat(ValueMatcher.closeTo(0.6, 1e-9)).hasToString("0.6 ± 1.0E-9");
    assertThat(ValueMatcher.exactly(Double.NEGATIVE_INFINITY)).hasToString("-Inf");
  }

  @Test
  void assertJOffsetsShouldIncludeTheirBoundUnlessStrict() {
    assertThat(ValueMatcher.closeTo(1, within(0.5)).matches(1.5)).isTrue();
    assertThat(ValueMatcher.closeTo(1, strictOffset(0.5)).matches(1.5)).isFalse();
    assertThat(ValueMatcher.closeTo(1, strictOffset(0.5)).matches(1.4)).isTrue();
    assertThat(ValueMatcher.closeTo(1, strictOffset(0.5))).hasToString("1.0 ± 0.5 (strict)");
    assertThat(ValueMatcher.closeTo(1, within(0.0))).hasToString("1.0");
  }

  @Test
  void labelsShouldBeClientJavaLabelsMatchedAsASubsetUnlessExact() {
    LabelSet series = LabelSet.of("region", "eu", "check_id", "db");

    assertThat((Object) labels("region", "eu", "check_id", "db")).isEqualTo(Labels.of("check_id", "db", "region", "eu"));
    assertThat((Object) labels()).isSameAs(Labels.EMPTY);
    assertThat(LabelMatcher.of(labels("check_id", "db"), false).matches(series)).isTrue();
    assertThat(LabelMatcher.of(labels("check_id", "db"), true).matches(series)).isFalse();
    assertThat(LabelMatcher.of(labels("region", "eu", "check_id", "db"), true).matches(series)).isTrue();
    assertThat(LabelMatcher.of(labels("region", "eu", "check_id", "db"), false))
        .hasToString("{check_id=\"db\",region=\"eu\", ...}");
  }
}
