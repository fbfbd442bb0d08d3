package io.github.checkmetrics.model;

/**
 * Which families of a {@link CheckSchema} carry the joined {@code tags} label (a check's tags
 * sorted and joined with {@code ,}), overriding each family's own label list.
 *
 * <pre>{@code
 * CheckSchema schema = CheckSchema.DEFAULT.toBuilder()
 *     .tagLabels("team", "env")
 *     .joinedTags(JoinedTags.NONE)
 *     .build();
 * }</pre>
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum JoinedTags {
  /** Every family carries {@code tags}. */
  EVERY_FAMILY,
  /** Only the per-check status families (status and state) carry {@code tags}. */
  STATUS_ONLY,
  /** No family carries {@code tags}; tag labels, if any, still apply. */
  NONE
}
