package io.github.checkmetrics.model;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One metric family of a {@link CheckSchema}, resolved in the schema's namespace: its kind, its
 * name, its labels in order under their names, the tag labels written after them, and its unit.
 * The schema builds them; {@link CheckCollector} and {@link TenantChecks} read them. Immutable.
 */
final class Family {

  /** The kinds of check metric family a schema can define. */
  enum Kind {
    STATUS("status", "status", false, MetricType.GAUGE,
        "1 when the latest run of the check passed in every region it ran in (degraded counts as"
            + " passing), else 0"),
    DEGRADED("degraded", "status", false, MetricType.GAUGE,
        "1 when the latest run of the check was degraded in any region, else 0"),
    LAST_DURATION("last_duration", "durations", true, MetricType.GAUGE,
        "Duration of the latest run of the check in the region"),
    DURATION("duration", "durations", true, MetricType.HISTOGRAM,
        "Duration of every run of the check"),
    RUNS("runs", "runs", true, MetricType.COUNTER, null),
    LAST_RUN("last_run", "last_run", true, MetricType.GAUGE,
        "Unix time the latest run of the check in the region ended"),
    STATE("state", "status", false, MetricType.GAUGE,
        "1 for the state of the check (passing, degraded or failing), 0 for the others: failing"
            + " when its latest run failed in any region, degraded when it was degraded in any"),
    REGION_STATUS("region_status", "status", true, MetricType.GAUGE,
        "1 when the latest run of the check in the region passed (degraded counts as passing),"
            + " else 0"),
    FAILURE_REASON("failure_reason", "status", true, MetricType.GAUGE,
        "Reason of the latest failed run of the check in the region: 1 while the latest run is"
            + " that failure, 0 once a later run passed");

    /** The layers, the groups {@link CheckSchema.Builder#layers} keeps, in order. */
    static final List<String> LAYERS = List.of("status", "durations", "runs", "last_run");

    /** The kind's name in messages. */
    final String key;
    /** The layer the kind belongs to, one of {@link #LAYERS}. */
    final String layer;
    /** Whether it has one series per (check, region) pair, rather than one per check. */
    final boolean perRegion;
    final MetricType type;
    private final String help;

    Kind(String key, String layer, boolean perRegion, MetricType type, String help) {
      this.key = key;
      this.layer = layer;
      this.perRegion = perRegion;
      this.type = type;
      this.help = help;
    }

    /** Whether it always carries {@link CheckLabel#STATUS}: the runs counter and the state. */
    boolean hasStatus() {
      return this == RUNS || this == STATE;
    }

    /** Whether its values are durations or instants, in a {@link TimeUnit}. */
    boolean hasUnit() {
      return this == LAST_DURATION || this == DURATION || this == LAST_RUN;
    }

  }

  /** The suffixes the exposition formats add to a family's name for its type. */
  static List<String> suffixes(MetricType type) {
    switch (type) {
      case HISTOGRAM:
        return List.of("_bucket", "_count", "_sum", "_created");
      case COUNTER:
        return List.of("_total", "_created");
      default:
        return List.of();
    }
  }

  /**
   * The suffixes the OpenMetrics specification reserves for the samples of other types: a family
   * name must not end with one, except the runs counter with {@code _total}.
   */
  static final List<String> RESERVED_SUFFIXES =
      List.of("_total", "_created", "_bucket", "_count", "_sum", "_info");

  final Kind kind;
  /** The name after the namespace, as the schema was given it. */
  final String shortName;
  /** The namespace, {@code _} and the short name: the runs counter's may end with {@code _total}. */
  final String fullName;
  /** The name client_java knows it by: the runs counter's without {@code _total}. */
  final String name;
  /** The labels, in order; {@code STATUS} and {@code REASON} included where the kind has them. */
  final List<CheckLabel> labels;
  final TimeUnit unit;
  /** The label names: each label's, then the tag labels'. */
  final String[] labelNames;
  private final CheckLabel[] labelArray;
  private final String[] tagKeys;

  Family(
      Kind kind,
      String namespace,
      String shortName,
      List<CheckLabel> labels,
      TimeUnit unit,
      Map<CheckLabel, String> names,
      List<String> tagKeys) {
    this.kind = kind;
    this.shortName = shortName;
    this.fullName = namespace + "_" + shortName;
    this.name =
        kind == Kind.RUNS && fullName.endsWith("_total")
            ? fullName.substring(0, fullName.length() - "_total".length())
            : fullName;
    this.labels = List.copyOf(labels);
    this.unit = unit;
    this.labelArray = labels.toArray(new CheckLabel[0]);
    this.tagKeys = tagKeys.toArray(new String[0]);
    this.labelNames = new String[labelArray.length + this.tagKeys.length];
    for (int i = 0; i < labelArray.length; i++) {
      labelNames[i] = names.get(labelArray[i]);
    }
    System.arraycopy(this.tagKeys, 0, labelNames, labelArray.length, this.tagKeys.length);
  }

  /** The name as the text formats write its samples: the runs counter with {@code _total}. */
  String exposedName() {
    return kind == Kind.RUNS ? name + "_total" : name;
  }

  /** Every name the family writes on the wire, and that client_java reserves for it. */
  List<String> writtenNames() {
    List<String> written = new ArrayList<>();
    written.add(name);
    for (String suffix : suffixes(kind.type)) {
      written.add(name + suffix);
    }
    return written;
  }

  boolean isMilliseconds() {
    return unit == TimeUnit.MILLISECONDS;
  }

  /** The help text of the family. */
  String help(boolean runsByOutcome) {
    if (kind == Kind.RUNS) {
      return runsByOutcome
          ? "Runs of the check, by outcome (passing, degraded or failing)"
          : "Runs of the check, by status (success or failure)";
    }
    return kind.help + (isMilliseconds() ? ", in milliseconds" : "");
  }

  /** The unit for client_java's metadata: only when the name ends with it (else it appends). */
  Unit metadataUnit() {
    if (unit == null) {
      return null;
    }
    String unitName = unit == TimeUnit.SECONDS ? "seconds" : "milliseconds";
    return name.endsWith("_" + unitName) ? new Unit(unitName) : null;
  }

  /**
   * The label values of a series.
   *
   * @param own the value of the family's own label: {@code STATUS} in the runs counter and the
   *     state family, {@code REASON} in the failure reason family; else unused
   */
  String[] labelValues(Check check, String region, String own) {
    String[] values = new String[labelNames.length];
    for (int i = 0; i < labelArray.length; i++) {
      CheckLabel label = labelArray[i];
      boolean isOwn = label == CheckLabel.STATUS || label == CheckLabel.REASON;
      values[i] = isOwn ? own : label.valueOf(check, region);
    }
    for (int i = 0; i < tagKeys.length; i++) {
      values[labelArray.length + i] = check.tagValues(tagKeys[i]);
    }
    return values;
  }

  /**
   * The labels of a series as a scrape writes them: with {@code tenantLabel="<tenant>"} when the
   * label is given and the check belongs to a tenant.
   *
   * @param tenantLabel the schema's tenant label in the unscoped view, null in a tenant's view
   */
  Labels labels(Check check, String region, String own, String tenantLabel) {
    Labels labels = Labels.of(labelNames, labelValues(check, region, own));
    return tenantLabel == null || check.tenant().isEmpty()
        ? labels
        : labels.add(tenantLabel, check.tenant());
  }

  /** A value of a duration family, in its unit; exact for whole milliseconds in both units. */
  double duration(CheckResult result) {
    if (isMilliseconds()) {
      return result.duration().getSeconds() * 1e3 + result.duration().getNano() / 1e6;
    }
    return result.durationSeconds();
  }

  /** An instant in the family's unit since the epoch. */
  double timestamp(Instant instant) {
    if (isMilliseconds()) {
      return instant.getEpochSecond() * 1e3 + instant.getNano() / 1e6;
    }
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Family)) {
      return false;
    }
    Family other = (Family) o;
    return kind == other.kind
        && name.equals(other.name)
        && labels.equals(other.labels)
        && unit == other.unit
        && Arrays.equals(labelNames, other.labelNames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name, labels, unit);
  }

  /** The full name followed by the label names, as {@code CheckSchema.toString} shows it. */
  @Override
  public String toString() {
    return fullName + List.of(labelNames).subList(0, labelArray.length);
  }
}
