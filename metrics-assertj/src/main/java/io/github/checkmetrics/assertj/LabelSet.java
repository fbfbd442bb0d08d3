package io.github.checkmetrics.assertj;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The labels of one sample: names and values, in the order the exposition wrote them.
 *
 * <p>Two label sets are equal when they hold the same names with the same values, whatever their
 * order. {@link #toString()} renders them as an exposition does: {@code {check_id="db",region="eu"}},
 * with {@code \\}, {@code \"} and {@code \n} escaped.
 *
 * <pre>{@code
 * LabelSet labels = LabelSet.of("check_id", "db", "region", "eu-west");
 * labels.get("region"); // Optional[eu-west]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class LabelSet {
  private static final LabelSet EMPTY = new LabelSet(Collections.emptyMap());

  private final Map<String, String> labels;

  private LabelSet(Map<String, String> labels) {
    this.labels = labels;
  }

  /**
   * A label set from name/value pairs.
   *
   * @param namesAndValues {@code name1, value1, name2, value2, ...}; names match
   *     {@code [a-zA-Z_][a-zA-Z0-9_]*} and do not repeat
   * @return the label set, in the given order
   * @throws NullPointerException if the array or any element is null
   * @throws IllegalArgumentException if the count is odd, a name is invalid or repeats
   */
  public static LabelSet of(String... namesAndValues) {
    return new LabelSet(LabelText.pairs(namesAndValues));
  }

  /**
   * A label set from a map.
   *
   * @param labels label names to values; names match {@code [a-zA-Z_][a-zA-Z0-9_]*}
   * @return the label set, in the map's iteration order
   * @throws NullPointerException if the map, a name or a value is null
   * @throws IllegalArgumentException if a name is invalid
   */
  public static LabelSet of(Map<String, String> labels) {
    Objects.requireNonNull(labels, "labels");
    Map<String, String> copy = new LinkedHashMap<>();
    labels.forEach(
        (name, value) -> {
          LabelText.checkName(Objects.requireNonNull(name, "label name"));
          copy.put(name, Objects.requireNonNull(value, "value of label " + name));
        });
    return copy.isEmpty() ? EMPTY : new LabelSet(Collections.unmodifiableMap(copy));
  }

  /**
   * The label set with no labels.
   *
   * @return the empty label set
   */
  public static LabelSet empty() {
    return EMPTY;
  }

  /** Wraps a map the parser built and will not touch again; names were checked while parsing. */
  static LabelSet trusted(Map<String, String> labels) {
    return labels.isEmpty() ? EMPTY : new LabelSet(Collections.unmodifiableMap(labels));
  }

  /**
   * The value of one label.
   *
   * @param name the label name
   * @return its value, or empty when the set has no such label
   * @throws NullPointerException if name is null
   */
  public Optional<String> get(String name) {
    return Optional.ofNullable(labels.get(Objects.requireNonNull(name, "name")));
  }

  /**
   * Whether the set has a label of this name.
   *
   * @param name the label name
   * @return true when present, even with an empty value
   * @throws NullPointerException if name is null
   */
  public boolean contains(String name) {
    return labels.containsKey(Objects.requireNonNull(name, "name"));
  }

  /**
   * The label names.
   *
   * @return the names in exposition order, unmodifiable
   */
  public Set<String> names() {
    return labels.keySet();
  }

  /**
   * The labels as a map.
   *
   * @return names to values in exposition order, unmodifiable
   */
  public Map<String, String> asMap() {
    return labels;
  }

  /**
   * The number of labels.
   *
   * @return the label count
   */
  public int size() {
    return labels.size();
  }

  /**
   * Whether the set has no labels.
   *
   * @return true for {@code {}}
   */
  public boolean isEmpty() {
    return labels.isEmpty();
  }

  /**
   * This set without one label, for example a histogram bucket's labels without {@code le}.
   *
   * @param name the label to leave out
   * @return a set without it; this set when it has no such label
   * @throws NullPointerException if name is null
   */
  public LabelSet without(String name) {
    Objects.requireNonNull(name, "name");
    if (!labels.containsKey(name)) {
      return this;
    }
    Map<String, String> copy = new LinkedHashMap<>(labels);
    copy.remove(name);
    return trusted(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSet && labels.equals(((LabelSet) o).labels);
  }

  @Override
  public int hashCode() {
    return labels.hashCode();
  }

  /** Renders the set as an exposition does, for example {@code {check_id="db"}}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    labels.forEach(
        (name, value) -> {
          if (out.length() > 1) {
            out.append(',');
          }
          out.append(name).append("=\"").append(LabelText.escape(value)).append('"');
        });
    return out.append('}').toString();
  }
}
