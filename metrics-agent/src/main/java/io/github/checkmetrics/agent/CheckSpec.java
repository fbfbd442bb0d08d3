package io.github.checkmetrics.agent;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.runner.ScheduledCheck;
import java.time.Duration;
import java.util.List;

/**
 * One check of the checks file, as values: what is checked, where, how and when. Equal specs are
 * the same check, which a reload leaves running with its schedule and counters.
 *
 * @param tags sorted
 * @param interval null for {@link ScheduledCheck#DEFAULT_INTERVAL}
 * @param timeout null for ScheduledCheck's default
 * @param region null for the runner's default region
 */
record CheckSpec(
    String id,
    String name,
    String type,
    List<String> tags,
    boolean muted,
    boolean activated,
    Duration interval,
    Duration timeout,
    String region,
    ProbeSpec probe) {

  CheckSpec {
    tags = List.copyOf(tags);
  }

  Check check() {
    Check.Builder builder = Check.builder(id).type(type).tags(tags).muted(muted).activated(activated);
    if (name != null) {
      builder.name(name);
    }
    return builder.build();
  }

  /**
   * The check with a new probe, its interval and timeout.
   *
   * @throws IllegalArgumentException if the timeout is longer than the interval
   */
  ScheduledCheck scheduled() {
    ScheduledCheck.Builder builder = ScheduledCheck.builder(check(), probe.probe());
    if (interval != null) {
      builder.interval(interval);
    }
    if (timeout != null) {
      builder.timeout(timeout);
    }
    return builder.build();
  }
}
