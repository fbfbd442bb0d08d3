package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Checks, regions and results shared by every benchmark, so that all peers get the same input. */
final class Fixtures {

  /** The regions every check of a scrape runs in. */
  static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-southeast-2"};

  /** The number of results one (check, region) cycles through; a power of two. */
  static final int CYCLE = 16;

  private static final Instant FINISHED_AT = Instant.parse("2026-11-20T12:00:00.123Z");
  private static final long[] DURATION_MILLIS = {
    3, 12, 48, 7, 230, 19, 1500, 88, 4, 640, 31, 9, 2700, 150, 22, 61
  };

  private Fixtures() {}

  /**
   * The check with the given number, as a check platform would have it.
   *
   * @param n 0 to 99,999
   * @return check {@code check-00042} named {@code Check 42}, type {@code api}, two tags
   */
  static Check check(int n) {
    return Check.builder(String.format(Locale.ROOT, "check-%05d", n))
        .name("Check " + n)
        .type("api")
        .tags("critical", "team:payments")
        .build();
  }

  /**
   * {@link #CYCLE} results of one (check, region): mostly passed, one degraded, two failed,
   * durations spread over the buckets.
   *
   * @param check the check that ran
   * @param region where it ran
   * @return the results, in the order a benchmark replays them
   */
  static CheckResult[] results(Check check, String region) {
    CheckResult[] results = new CheckResult[CYCLE];
    for (int i = 0; i < CYCLE; i++) {
      results[i] = result(check, region, i);
    }
    return results;
  }

  /**
   * One result of a (check, region).
   *
   * @param check the check that ran; the result carries its tenant
   * @param region where it ran
   * @param i selects the outcome and duration
   * @return the result
   */
  static CheckResult result(Check check, String region, int i) {
    int k = i % CYCLE;
    Outcome outcome =
        k == 5 ? Outcome.DEGRADED : (k == 9 || k == 12) ? Outcome.FAILED : Outcome.PASSED;
    CheckResult.Builder result =
        CheckResult.builder(check.id(), region)
            .outcome(outcome)
            .duration(Duration.ofMillis(DURATION_MILLIS[k]))
            .finishedAt(FINISHED_AT.plusSeconds(60L * i));
    if (!check.tenant().isEmpty()) {
      result.tenant(check.tenant());
    }
    return result.build();
  }

  /**
   * The Unix time a result's run ended, in seconds, as every peer exposes it.
   *
   * @param result the result
   * @return seconds since the epoch, with fraction
   */
  static double finishedAtSeconds(CheckResult result) {
    Instant finishedAt = result.finishedAt();
    return finishedAt.getEpochSecond() + finishedAt.getNano() / 1e9;
  }
}
