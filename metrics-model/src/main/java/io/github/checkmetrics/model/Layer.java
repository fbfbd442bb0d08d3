package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.Messages;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A group of check metric families that can be switched on or off as one, as KrakenD's "layers"
 * do. A family of a {@link CheckSchema} belongs to exactly one layer.
 *
 * <pre>{@code
 * CheckMetrics metrics = CheckMetrics.builder()
 *     .registry(registry)
 *     .layers(Layer.STATUS, Layer.RUNS)
 *     .build();
 * }</pre>
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Layer {
  /** The per-check families: status and degraded. */
  STATUS("status"),
  /** The duration families: the latest duration gauge and the duration histogram. */
  DURATIONS("durations"),
  /** The runs counter. */
  RUNS("runs"),
  /** The timestamp of the latest run. */
  LAST_RUN("last_run");

  private final String key;

  Layer(String key) {
    this.key = key;
  }

  /**
   * Returns the name of the layer in configuration, such as {@code last_run}.
   *
   * @return the name of the layer in configuration, such as {@code last_run}
   */
  public String key() {
    return key;
  }

  /**
   * The layer named by a configuration key.
   *
   * @param key one of {@code status}, {@code durations}, {@code runs}, {@code last_run}
   * @return the layer
   * @throws IllegalArgumentException if the key names no layer
   */
  public static Layer fromKey(String key) {
    Objects.requireNonNull(key, "key");
    for (Layer layer : values()) {
      if (layer.key.equals(key)) {
        return layer;
      }
    }
    throw new IllegalArgumentException(
        "layer must be one of "
            + Arrays.stream(values()).map(Layer::key).toList()
            + ": "
            + Messages.quote(key));
  }

  /**
   * The layers named by configuration keys, such as the {@code layers} of an endpoint
   * configuration.
   *
   * @param keys layer keys, such as {@code ["status", "runs"]}
   * @return the layers, in declaration order
   * @throws IllegalArgumentException if a key names no layer
   */
  public static Set<Layer> fromKeys(Collection<String> keys) {
    Objects.requireNonNull(keys, "keys");
    Set<Layer> layers = EnumSet.noneOf(Layer.class);
    for (String key : keys) {
      layers.add(fromKey(key));
    }
    return layers;
  }
}
