package io.github.checkmetrics.spring;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a text exposition, and waits for them. */
final class Scrapes {

  static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);

  private Scrapes() {}

  /**
   * The value of the first sample of {@code family} whose labels hold every given {@code
   * name="value"} pair, or null.
   */
  static Double value(String exposition, String family, String... labels) {
    Matcher line =
        Pattern.compile("(?m)^" + Pattern.quote(family) + "\\{([^}]*)\\} (\\S+)").matcher(exposition);
    while (line.find()) {
      boolean all = true;
      for (String label : labels) {
        all &= line.group(1).contains(label);
      }
      if (all) {
        return Double.valueOf(line.group(2));
      }
    }
    return null;
  }

  /** Calls {@code condition} until it returns true, at most {@link #WAIT}; fails otherwise. */
  static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Boolean.TRUE.equals(condition.call())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
