package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.Outcome;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduledCheckTest {

  private static final Check CHECK = Check.builder("db").build();
  private static final Probe PROBE = timeout -> Outcome.PASSED;

  @Test
  void javadocUsageShouldBuild() {
    ScheduledCheck scheduled =
        ScheduledCheck.builder(
                Check.builder("orders-api").type("http").build(),
                HttpProbe.builder("http://127.0.0.1:8080/health").build())
            .interval(Duration.ofSeconds(30))
            .timeout(Duration.ofSeconds(5))
            .build();

    assertThat(scheduled.check().id()).isEqualTo("orders-api");
    assertThat(scheduled.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(scheduled.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(scheduled).hasToString("ScheduledCheck{check=orders-api, interval=PT30S, timeout=PT5S}");
  }

  @Test
  void defaultsShouldBeThirtySecondsAndTenSeconds() {
    ScheduledCheck scheduled = ScheduledCheck.builder(CHECK, PROBE).build();
    assertThat(scheduled.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(scheduled.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(scheduled.probe()).isSameAs(PROBE);
  }

  @Test
  void defaultTimeoutShouldBeHalfAShortInterval() {
    ScheduledCheck scheduled =
        ScheduledCheck.builder(CHECK, PROBE).interval(Duration.ofSeconds(10)).build();
    assertThat(scheduled.timeout()).isEqualTo(Duration.ofSeconds(5));
    ScheduledCheck tiny =
        ScheduledCheck.builder(CHECK, PROBE).interval(Duration.ofNanos(1)).build();
    assertThat(tiny.timeout()).isEqualTo(Duration.ofNanos(1));
  }

  @Test
  void timeoutEqualToTheIntervalShouldBeAccepted() {
    ScheduledCheck scheduled =
        ScheduledCheck.builder(CHECK, PROBE)
            .interval(Duration.ofSeconds(5))
            .timeout(Duration.ofSeconds(5))
            .build();
    assertThat(scheduled.timeout()).isEqualTo(scheduled.interval());
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>) b -> b.interval(Duration.ZERO),
            IllegalArgumentException.class,
            "interval must be positive: PT0S"),
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>) b -> b.interval(Duration.ofSeconds(-5)),
            IllegalArgumentException.class,
            "interval must be positive: PT-5S"),
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>) b -> b.timeout(Duration.ZERO),
            IllegalArgumentException.class,
            "timeout must be positive: PT0S"),
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>) b -> b.timeout(Duration.ofMillis(-1)),
            IllegalArgumentException.class,
            "timeout must be positive: PT-0.001S"),
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>)
                b -> b.interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(6)).build(),
            IllegalArgumentException.class,
            "timeout must not be longer than the interval: timeout PT6S, interval PT5S"),
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>) b -> b.timeout(Duration.ofSeconds(31)).build(),
            IllegalArgumentException.class,
            "timeout must not be longer than the interval: timeout PT31S, interval PT30S"),
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>)
                b -> b.interval(Duration.ofSeconds(5)).interval(Duration.ofSeconds(6)),
            IllegalStateException.class,
            "interval was already set to PT5S; cannot set it to PT6S"),
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>)
                b -> b.timeout(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(6)),
            IllegalStateException.class,
            "timeout was already set to PT5S; cannot set it to PT6S"),
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>) b -> b.interval(null),
            NullPointerException.class,
            "interval"),
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>) b -> ScheduledCheck.builder(null, PROBE),
            NullPointerException.class,
            "check"),
        Arguments.of(
            (Consumer<ScheduledCheck.Builder>) b -> ScheduledCheck.builder(CHECK, null),
            NullPointerException.class,
            "probe"));
  }

  @ParameterizedTest
  @MethodSource("invalidOptions")
  void invalidOptionShouldThrow(
      Consumer<ScheduledCheck.Builder> option, Class<? extends Throwable> type, String message) {
    ScheduledCheck.Builder builder = ScheduledCheck.builder(CHECK, PROBE);
    assertThatThrownBy(() -> option.accept(builder)).isInstanceOf(type).hasMessage(message);
  }
}
