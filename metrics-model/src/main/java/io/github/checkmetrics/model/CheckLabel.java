package io.github.checkmetrics.model;

/**
 * What a label of a check metric family carries. A {@link CheckSchema} picks, per family, which of
 * these labels it has and under which name each is written.
 *
 * <pre>{@code
 * CheckSchema schema = CheckSchema.builder()
 *     .status("up", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME)
 *     .labelName(CheckLabel.CHECK_ID, "id")
 *     .build();
 * }</pre>
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum CheckLabel {
  /** {@link Check#id()}. */
  CHECK_ID("check_id"),
  /** {@link Check#name()}. */
  CHECK_NAME("check_name"),
  /** {@link Check#type()}. */
  CHECK_TYPE("check_type"),
  /** {@link Check#muted()}: {@code true} or {@code false}. */
  MUTED("muted"),
  /** {@link Check#activated()}: {@code true} or {@code false}. */
  ACTIVATED("activated"),
  /** {@link Check#joinedTags()}: the tags sorted and joined with {@code ,}. */
  TAGS("tags"),
  /** {@link CheckResult#region()}; only in the families of a (check, region) pair. */
  REGION("region"),
  /**
   * {@code success} or {@code failure} in the runs counter ({@code passing}, {@code degraded} or
   * {@code failing} when it counts by outcome), the state in the state family; only in those two,
   * which always have it.
   */
  STATUS("status"),
  /** The failure reason of a run; only in the failure reason family, which always has it. */
  REASON("reason");

  private final String defaultName;

  CheckLabel(String defaultName) {
    this.defaultName = defaultName;
  }

  /**
   * Returns the label name used unless a schema renames it, such as {@code check_id}.
   *
   * @return the label name used unless a schema renames it, such as {@code check_id}
   */
  public String defaultName() {
    return defaultName;
  }

  /** Its value for a check (and region); {@link #STATUS} and {@link #REASON} are set by their family. */
  String valueOf(Check check, String region) {
    switch (this) {
      case CHECK_ID:
        return check.id();
      case CHECK_NAME:
        return check.name();
      case CHECK_TYPE:
        return check.type();
      case MUTED:
        return Boolean.toString(check.muted());
      case ACTIVATED:
        return Boolean.toString(check.activated());
      case TAGS:
        return check.joinedTags();
      case REGION:
        return region;
      default:
        throw new IllegalStateException("no value of " + this + " for a check");
    }
  }
}
