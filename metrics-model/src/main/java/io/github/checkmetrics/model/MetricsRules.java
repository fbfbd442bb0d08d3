package io.github.checkmetrics.model;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The rules the options of a {@link CheckMetrics.Builder} must follow, with their messages. */
final class MetricsRules {

  private MetricsRules() {}

  /**
   * Copies the layers to keep.
   *
   * @throws IllegalArgumentException if no layer is given
   */
  static EnumSet<Layer> layers(Collection<Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("layers must name at least one layer: []");
    }
    EnumSet<Layer> copy = EnumSet.noneOf(Layer.class);
    for (Layer layer : layers) {
      copy.add(Objects.requireNonNull(layer, "layer"));
    }
    return copy;
  }

  /**
   * Checks a cap such as {@code maxSeriesPerFamily}.
   *
   * @throws IllegalArgumentException if it is not positive
   */
  static int positive(String option, int cap) {
    if (cap <= 0) {
      throw new IllegalArgumentException(option + " must be positive: " + cap);
    }
    return cap;
  }

  static Duration expireAfter(Duration idle) {
    if (idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("expireAfter must be positive: " + idle);
    }
    return idle;
  }

  /**
   * Checks that the options agree with one another.
   *
   * @throws IllegalStateException for buckets without a duration histogram in the schema, layers
   *     that keep none of its families, a ticker or scheduler without expiry
   */
  static void checkOptions(
      CheckSchema schema,
      double[] buckets,
      Set<Layer> layers,
      Duration expireAfter,
      boolean ticker,
      boolean expiryScheduler) {
    if (buckets != null && schema.spec(Family.DURATION) == null) {
      throw new IllegalStateException(
          "buckets are set but the schema has no duration histogram: " + schema);
    }
    boolean kept = false;
    for (FamilySpec spec : schema.specs()) {
      kept |= layers.contains(spec.family().layer);
    }
    if (!kept) {
      throw new IllegalStateException(
          "layers " + layers + " keep no family of the schema: " + schema);
    }
    if (expireAfter == null && (ticker || expiryScheduler)) {
      throw new IllegalStateException(
          (ticker ? "ticker" : "expiryScheduler") + " is set but expireAfter is not");
    }
  }
}
