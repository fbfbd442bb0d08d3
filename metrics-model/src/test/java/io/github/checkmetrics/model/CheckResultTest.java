package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckResultTest {

  @Test
  void builderShouldKeepEveryField() {
    Instant end = Instant.parse("2026-11-20T10:00:00Z");
    CheckResult result =
        CheckResult.builder("db", "eu-west-1")
            .outcome(Outcome.FAILED)
            .duration(Duration.ofMillis(1500))
            .finishedAt(end)
            .failureReason("timeout")
            .build();

    assertThat(result.checkId()).isEqualTo("db");
    assertThat(result.region()).isEqualTo("eu-west-1");
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.durationSeconds()).isEqualTo(1.5);
    assertThat(result.finishedAt()).isEqualTo(end);
    assertThat(result.failureReason()).contains("timeout");
  }

  @Test
  void durationSecondsShouldConvertToDuration() {
    CheckResult result =
        CheckResult.builder("db", "r").outcome(Outcome.PASSED).durationSeconds(0.25).build();
    assertThat(result.duration()).isEqualTo(Duration.ofMillis(250));
    assertThat(result.failureReason()).isEmpty();
  }

  static Stream<Arguments> invalidResults() {
    return Stream.of(
        invalid(b -> CheckResult.builder(null, "r"), NullPointerException.class, "checkId"),
        invalid(b -> CheckResult.builder("db", null), NullPointerException.class, "region"),
        invalid(b -> CheckResult.builder("d b", "r"), IllegalArgumentException.class,
            "check id must match [a-zA-Z0-9_.:-]{1,128}: \"d b\""),
        invalid(b -> CheckResult.builder("db", ""), IllegalArgumentException.class,
            "region must be 1 to 128 characters long: \"\""),
        invalid(b -> b.outcome(null), NullPointerException.class, "outcome"),
        invalid(b -> b.duration(null), NullPointerException.class, "duration"),
        invalid(b -> b.duration(Duration.ofMillis(-1)), IllegalArgumentException.class,
            "duration must not be negative: PT-0.001S"),
        invalid(b -> b.durationSeconds(Double.NaN), IllegalArgumentException.class,
            "duration must be a finite number of seconds >= 0: NaN"),
        invalid(b -> b.durationSeconds(-0.5), IllegalArgumentException.class,
            "duration must be a finite number of seconds >= 0: -0.5"),
        invalid(b -> b.durationSeconds(Double.POSITIVE_INFINITY), IllegalArgumentException.class,
            "duration must be a finite number of seconds >= 0: Infinity"),
        invalid(b -> b.finishedAt(null), NullPointerException.class, "finishedAt"),
        invalid(b -> b.failureReason(null), NullPointerException.class, "failureReason"),
        invalid(b -> b.failureReason("connection refused"), IllegalArgumentException.class,
            "failure reason must match [a-zA-Z0-9_.:$-]{1,128}: \"connection refused\""),
        invalid(b -> b.duration(Duration.ZERO).build(), NullPointerException.class, "outcome"),
        invalid(b -> b.outcome(Outcome.PASSED).build(), NullPointerException.class, "duration"));
  }

  private static Arguments invalid(
      Consumer<CheckResult.Builder> action, Class<? extends Exception> type, String message) {
    return Arguments.of(action, type, message);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("invalidResults")
  void invalidInputShouldFailWithExactMessage(
      Consumer<CheckResult.Builder> action, Class<? extends Exception> type, String message) {
    CheckResult.Builder builder = CheckResult.builder("db", "eu-west-1");
    assertThatThrownBy(() -> action.accept(builder)).isInstanceOf(type).hasMessage(message);
  }
}
