package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundSummaryTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final RoundSummary summary = new RoundSummary(List.of("a", "b", "c"), out);

  private static CheckResult result(String id, Outcome outcome, String reason) {
    CheckResult.Builder builder =
        CheckResult.builder(id, "local").outcome(outcome).duration(Duration.ofMillis(3));
    if (reason != null) {
      builder.failureReason(reason);
    }
    return builder.build();
  }

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void lineShouldBePrintedOnceEveryCheckHasReported() {
    summary.onResult(result("a", Outcome.PASSED, null));
    summary.onResult(result("b", Outcome.DEGRADED, null));
    summary.onResult(result("a", Outcome.PASSED, null));
    assertThat(lines()).isEmpty();
    assertThat(summary.line()).isEqualTo("3 checks: 1 passing, 1 degraded, 0 failing, 1 pending");

    summary.onResult(result("c", Outcome.FAILED, "unexpected_status"));

    assertThat(lines()).hasSize(1);
    assertThat(lines().get(0))
        .matches("\\d\\d:\\d\\d:\\d\\d 3 checks: 1 passing, 1 degraded, 1 failing"
            + " \\(c: unexpected_status\\)");
  }

  @Test
  void nextLineShouldWaitForTheNextRound() {
    for (String id : List.of("a", "b", "c")) {
      summary.onResult(result(id, Outcome.PASSED, null));
    }
    summary.onResult(result("a", Outcome.FAILED, "timeout"));
    summary.onResult(result("b", Outcome.FAILED, null));
    assertThat(lines()).hasSize(1);

    summary.onResult(result("c", Outcome.PASSED, null));

    assertThat(lines()).hasSize(2);
    assertThat(lines().get(1)).endsWith("3 checks: 1 passing, 0 degraded, 2 failing (a: timeout, b: failed)");
  }
}
