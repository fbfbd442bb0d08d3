package io.github.checkmetrics.assertj;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Picks series by their labels: either a subset (the series may have more labels, the default) or the
 * exact label set ({@link ExpositionAssert#matchingLabelsExactly()}).
 *
 * <p>Subset matching is the default because the labels a test cares about are rarely all of them:
 * {@code labels("check_id", "db")} finds {@code check_status{check_id="db",check_name="DB",...}}. An
 * assertion that needs one series fails when a subset matches several, and lists them. A subset
 * matcher prints with a trailing {@code ...}: {@code {check_id="db", ...}}.
 *
 * <p>Immutable and thread-safe.
 */
final class LabelMatcher {
  private final LabelSet labels;
  private final boolean exact;

  private LabelMatcher(LabelSet labels, boolean exact) {
    this.labels = labels;
    this.exact = exact;
  }

  /**
   * Matches series by client_java labels, given by {@link ExpositionAssertions#labels(String...)} or
   * {@link Labels#of(String...)}.
   *
   * @param labels the labels to match; names match {@code [a-zA-Z_][a-zA-Z0-9_]*}
   * @param exact true to match series with exactly these labels, false for a subset
   * @return the matcher, printing the labels in the order of {@code labels} (sorted by name)
   * @throws NullPointerException if labels is null
   * @throws IllegalArgumentException if a name is not a label name of the text formats
   */
  static LabelMatcher of(Labels labels, boolean exact) {
    Objects.requireNonNull(labels, "labels");
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      map.put(labels.getName(i), labels.getValue(i));
    }
    return new LabelMatcher(LabelSet.of(map), exact);
  }

  /**
   * Matches series whose labels include these (subset match).
   *
   * @param namesAndValues {@code name1, value1, ...}; names match {@code [a-zA-Z_][a-zA-Z0-9_]*}
   * @return the matcher; with no arguments it matches every series
   * @throws NullPointerException if the array or an element is null
   * @throws IllegalArgumentException if the count is odd, a name is invalid or repeats
   */
  static LabelMatcher subset(String... namesAndValues) {
    return new LabelMatcher(LabelSet.of(namesAndValues), false);
  }

  /**
   * Matches series whose labels are exactly these, no more.
   *
   * @param namesAndValues {@code name1, value1, ...}; names match {@code [a-zA-Z_][a-zA-Z0-9_]*}
   * @return the matcher; with no arguments it matches only series without labels
   * @throws NullPointerException if the array or an element is null
   * @throws IllegalArgumentException if the count is odd, a name is invalid or repeats
   */
  static LabelMatcher exact(String... namesAndValues) {
    return new LabelMatcher(LabelSet.of(namesAndValues), true);
  }

  /**
   * Whether a label set matches.
   *
   * @param candidate the labels of a sample
   * @return true when it holds every label of this matcher with the same value (and, for an exact
   *     matcher, no other label)
   * @throws NullPointerException if candidate is null
   */
  public boolean matches(LabelSet candidate) {
    Objects.requireNonNull(candidate, "candidate");
    if (exact) {
      return candidate.equals(labels);
    }
    for (Map.Entry<String, String> label : labels.asMap().entrySet()) {
      if (!label.getValue().equals(candidate.asMap().get(label.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** How far a label set is from matching: differing or missing labels, plus extra ones if exact. */
  int distance(LabelSet candidate) {
    int distance = 0;
    for (Map.Entry<String, String> label : labels.asMap().entrySet()) {
      if (!label.getValue().equals(candidate.asMap().get(label.getKey()))) {
        distance++;
      }
    }
    if (exact) {
      for (String name : candidate.names()) {
        if (!labels.contains(name)) {
          distance++;
        }
      }
    }
    return distance;
  }

  /**
   * The labels to match.
   *
   * @return the label set
   */
  public LabelSet labels() {
    return labels;
  }

  /**
   * Whether the series must have exactly these labels.
   *
   * @return false for a subset matcher
   */
  public boolean isExact() {
    return exact;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelMatcher && labels.equals(((LabelMatcher) o).labels)
        && exact == ((LabelMatcher) o).exact;
  }

  @Override
  public int hashCode() {
    return labels.hashCode() * 31 + Boolean.hashCode(exact);
  }

  /** {@code {a="b"}} when exact, {@code {a="b", ...}} for a subset. */
  @Override
  public String toString() {
    if (exact) {
      return labels.toString();
    }
    String inner = labels.toString();
    return labels.isEmpty() ? "{...}" : inner.substring(0, inner.length() - 1) + ", ...}";
  }
}
