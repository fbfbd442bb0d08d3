package io.github.checkmetrics.assertj;

import java.util.List;
import java.util.Objects;

/**
 * A metric family: its name, type, help, unit and samples, as one exposition declared them.
 *
 * <p>The name is the one on the {@code # TYPE} line, so a counter is {@code check_runs_total} in
 * Prometheus text (client_java writes the suffix there) and {@code check_runs} in OpenMetrics; its
 * samples are {@code check_runs_total} in both. A histogram's {@code _bucket}, {@code _count},
 * {@code _sum} and {@code _created} samples belong to their family.
 *
 * <pre>{@code
 * MetricFamily status = Exposition.parse(text).family("check_status").orElseThrow();
 * status.type();    // GAUGE
 * status.samples(); // one per check
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class MetricFamily {
  private final String name;
  private final FamilyType type;
  private final String help;
  private final String unit;
  private final List<Sample> samples;
  private final int lineNumber;

  MetricFamily(String name, FamilyType type, String help, String unit, List<Sample> samples,
      int lineNumber) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.help = Objects.requireNonNull(help, "help");
    this.unit = Objects.requireNonNull(unit, "unit");
    this.samples = List.copyOf(samples);
    this.lineNumber = lineNumber;
  }

  /**
   * The family name as declared.
   *
   * @return the name from the {@code # TYPE}/{@code # HELP} line, or the sample name without one
   */
  public String name() {
    return name;
  }

  /**
   * The declared type.
   *
   * @return the type; {@link FamilyType#UNKNOWN} without a {@code # TYPE} line
   */
  public FamilyType type() {
    return type;
  }

  /**
   * The help text, unescaped.
   *
   * @return the help text; empty when the family has none
   */
  public String help() {
    return help;
  }

  /**
   * The unit from the {@code # UNIT} line (OpenMetrics only).
   *
   * @return the unit, for example {@code seconds}; empty when there is none
   */
  public String unit() {
    return unit;
  }

  /**
   * The family's samples in exposition order.
   *
   * @return the samples, unmodifiable; empty for a family with metadata only
   */
  public List<Sample> samples() {
    return samples;
  }

  /**
   * Where the family starts.
   *
   * @return the 1-based line of its first metadata line or sample
   */
  public int lineNumber() {
    return lineNumber;
  }

  @Override
  public String toString() {
    return type.openMetricsName() + " " + name + " (" + samples.size() + " samples, line "
        + lineNumber + ")";
  }
}
