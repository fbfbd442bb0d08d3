package io.github.checkmetrics.model;

/** The kinds of check metric family a {@link CheckSchema} can define. */
enum Family {
  STATUS("status", false, Layer.STATUS),
  DEGRADED("degraded", false, Layer.STATUS),
  LAST_DURATION("last_duration", true, Layer.DURATIONS),
  DURATION("duration", true, Layer.DURATIONS),
  RUNS("runs", true, Layer.RUNS),
  LAST_RUN("last_run", true, Layer.LAST_RUN),
  STATE("state", false, Layer.STATUS),
  REGION_STATUS("region_status", true, Layer.STATUS),
  FAILURE_REASON("failure_reason", true, Layer.STATUS);

  /** The family's name in messages. */
  final String key;
  /** Whether it has one series per (check, region) pair, rather than one per check. */
  final boolean perRegion;
  final Layer layer;

  /** Whether it always carries {@link CheckLabel#STATUS}: the runs counter and the state. */
  boolean hasStatus() {
    return this == RUNS || this == STATE;
  }

  Family(String key, boolean perRegion, Layer layer) {
    this.key = key;
    this.perRegion = perRegion;
    this.layer = layer;
  }
}
