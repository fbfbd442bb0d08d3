package io.github.checkmetrics.examples;

import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints one line per round, once every check has reported since the last line: {@code 3 checks:
 * 1 passing, 1 degraded, 1 failing (demo-failing: unexpected_status)}. Thread-safe.
 */
final class RoundSummary {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final List<String> checkIds;
  private final PrintStream out;
  private final Map<String, CheckResult> latest = new LinkedHashMap<>();
  private final Set<String> reported = new HashSet<>();

  RoundSummary(List<String> checkIds, PrintStream out) {
    this.checkIds = List.copyOf(checkIds);
    this.out = out;
  }

  synchronized void onResult(CheckResult result) {
    latest.put(result.checkId(), result);
    reported.add(result.checkId());
    if (reported.containsAll(checkIds)) {
      reported.clear();
      out.println(LocalTime.now().format(TIME) + " " + line());
      out.flush();
    }
  }

  /** @return the summary of the latest results, without the time */
  synchronized String line() {
    int passing = 0;
    int degraded = 0;
    int failing = 0;
    List<String> reasons = new ArrayList<>();
    for (String id : checkIds) {
      CheckResult result = latest.get(id);
      if (result == null) {
        continue;
      }
      if (result.outcome() == Outcome.PASSED) {
        passing++;
      } else if (result.outcome() == Outcome.DEGRADED) {
        degraded++;
      } else {
        failing++;
        reasons.add(id + ": " + result.failureReason().orElse("failed"));
      }
    }
    StringBuilder line =
        new StringBuilder()
            .append(checkIds.size())
            .append(checkIds.size() == 1 ? " check: " : " checks: ")
            .append(passing)
            .append(" passing, ")
            .append(degraded)
            .append(" degraded, ")
            .append(failing)
            .append(" failing");
    int pending = checkIds.size() - passing - degraded - failing;
    if (pending > 0) {
      line.append(", ").append(pending).append(" pending");
    }
    if (!reasons.isEmpty()) {
      line.append(" (").append(String.join(", ", reasons)).append(')');
    }
    return line.toString();
  }
}
