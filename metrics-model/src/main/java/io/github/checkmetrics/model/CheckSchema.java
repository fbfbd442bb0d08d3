package io.github.checkmetrics.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The metric schema of {@link CheckMetrics}: which check families exist, their names, their labels
 * and their units. Pick {@link #DEFAULT}, one of the profiles of another system ({@link #CHECKLY},
 * {@link #APPCLACKS}) so that dashboards and alerts built for it keep working, or define one.
 *
 * <pre>{@code
 * CheckSchema schema = CheckSchema.builder()
 *     .namespace("synthetic")
 *     .status("up", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME)
 *     .lastDuration("latency_milliseconds", TimeUnit.MILLISECONDS,
 *         CheckLabel.CHECK_ID, CheckLabel.REGION)
 *     .runs("runs_total", CheckLabel.CHECK_ID, CheckLabel.REGION)
 *     .labelName(CheckLabel.REGION, "zone")
 *     .build();
 * CheckMetrics metrics = CheckMetrics.builder().registry(registry).schema(schema).build();
 * }</pre>
 *
 * <p>A family's name is given after the namespace: {@code status} in namespace {@code check} is
 * {@code check_status}. The runs counter is written with the suffix {@code _total} whether or not
 * its name ends with it; the other families must not end with a suffix that the <a
 * href="https://github.com/OpenObservability/OpenMetrics/blob/main/specification/OpenMetrics.md">
 * OpenMetrics specification</a> reserves for other types. Units are base units ({@link
 * TimeUnit#SECONDS}) except in a profile that follows a system that reports milliseconds.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CheckSchema {

  /**
   * The default schema (namespace {@code check}): six families, durations in seconds, every
   * family carries {@code check_id}.
   */
  public static final CheckSchema DEFAULT =
      builder()
          .status("status", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME, CheckLabel.CHECK_TYPE,
              CheckLabel.MUTED, CheckLabel.ACTIVATED, CheckLabel.TAGS)
          .degraded("degraded", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME, CheckLabel.CHECK_TYPE)
          .lastDuration("last_duration_seconds", TimeUnit.SECONDS, CheckLabel.CHECK_ID,
              CheckLabel.CHECK_NAME, CheckLabel.CHECK_TYPE, CheckLabel.REGION, CheckLabel.TAGS)
          .duration("duration_seconds", TimeUnit.SECONDS,
              CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME, CheckLabel.REGION)
          .runs("runs_total", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME, CheckLabel.REGION)
          .lastRun("last_run_timestamp_seconds", TimeUnit.SECONDS,
              CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME, CheckLabel.REGION)
          .build();

  /**
   * Checkly's schema (namespace {@code checkly}): {@code checkly_check_status{check_name,
   * check_type,muted,activated,tags}} 1 or 0, and {@code checkly_check_result{check_name,
   * check_type,region,tags}}, the duration of the latest run in milliseconds. Without a {@code
   * check_id} label, check names must be unique.
   */
  public static final CheckSchema CHECKLY =
      builder()
          .namespace("checkly")
          .status("check_status", CheckLabel.CHECK_NAME, CheckLabel.CHECK_TYPE, CheckLabel.MUTED,
              CheckLabel.ACTIVATED, CheckLabel.TAGS)
          .lastDuration("check_result", TimeUnit.MILLISECONDS, CheckLabel.CHECK_NAME,
              CheckLabel.CHECK_TYPE, CheckLabel.REGION, CheckLabel.TAGS)
          .build();

  /**
   * Appclacks' schema (namespace {@code healthcheck}): the histogram {@code
   * healthcheck_duration_seconds{id,name,zone}} with buckets .005 to 10 s, and the counter {@code
   * healthcheck_total{id,name,status,zone}}, where a status series appears with its first run.
   */
  public static final CheckSchema APPCLACKS =
      builder()
          .namespace("healthcheck")
          .duration("duration_seconds", TimeUnit.SECONDS,
              CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME, CheckLabel.REGION)
          .buckets(.005, .01, .025, .05, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10)
          .runs("total", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME, CheckLabel.REGION)
          .eagerRunStatuses(false)
          .labelName(CheckLabel.CHECK_ID, "id")
          .labelName(CheckLabel.CHECK_NAME, "name")
          .labelName(CheckLabel.REGION, "zone")
          .build();

  private final String namespace;
  private final Map<Family, FamilySpec> families;
  private final Map<CheckLabel, String> labelNames;
  private final double[] buckets;
  private final boolean eagerRunStatuses;

  private CheckSchema(Builder builder) {
    this.namespace = builder.namespace;
    this.families = Collections.unmodifiableMap(new EnumMap<>(builder.families));
    this.labelNames = Collections.unmodifiableMap(SchemaNames.labelNames(builder.labelNames));
    this.buckets = builder.buckets.clone();
    this.eagerRunStatuses = builder.eagerRunStatuses;
  }

  /**
   * Starts an empty schema in namespace {@code check}, with {@link CheckMetrics#DEFAULT_BUCKETS},
   * every label under its {@link CheckLabel#defaultName()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this schema, to derive a changed copy.
   *
   * @return a builder initialised from this schema
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.namespace = namespace;
    builder.families.putAll(families);
    labelNames.forEach((label, name) -> {
      if (!name.equals(label.defaultName())) {
        builder.labelNames.put(label, name);
      }
    });
    builder.buckets = buckets;
    builder.eagerRunStatuses = eagerRunStatuses;
    return builder;
  }

  /**
   * Returns the namespace used unless {@link CheckMetrics.Builder#namespace(String)} sets one.
   *
   * @return the namespace used unless {@link CheckMetrics.Builder#namespace(String)} sets one
   */
  public String namespace() {
    return namespace;
  }

  /**
   * The names of the families of this schema in a namespace, as client_java names them (the runs
   * counter without its {@code _total} suffix).
   *
   * @param namespace the namespace, such as {@code check}
   * @return the family names, in the order status, degraded, latest duration, duration, runs,
   *     latest run, unmodifiable
   */
  public List<String> familyNames(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    List<String> result = new ArrayList<>();
    for (FamilySpec spec : families.values()) {
      result.add(SchemaNames.clientJavaName(spec, namespace));
    }
    return List.copyOf(result);
  }

  FamilySpec spec(Family family) {
    return families.get(family);
  }

  Iterable<FamilySpec> specs() {
    return families.values();
  }

  String labelName(CheckLabel label) {
    return labelNames.get(label);
  }

  double[] buckets() {
    return buckets.clone();
  }

  boolean eagerRunStatuses() {
    return eagerRunStatuses;
  }

  /** Whether a family lacks {@code check_id}, so that two checks must not share a name. */
  boolean needsUniqueNames() {
    return SchemaRules.needsUniqueNames(families.values());
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CheckSchema)) {
      return false;
    }
    CheckSchema other = (CheckSchema) o;
    return namespace.equals(other.namespace)
        && families.equals(other.families)
        && labelNames.equals(other.labelNames)
        && Arrays.equals(buckets, other.buckets)
        && eagerRunStatuses == other.eagerRunStatuses;
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, families, labelNames, Arrays.hashCode(buckets), eagerRunStatuses);
  }

  @Override
  public String toString() {
    return "CheckSchema" + SchemaNames.describe(namespace, families.values(), labelNames);
  }

  /** Builds a {@link CheckSchema}; not thread-safe. */
  public static final class Builder {
    private String namespace = "check";
    private final EnumMap<Family, FamilySpec> families = new EnumMap<>(Family.class);
    private final EnumMap<CheckLabel, String> labelNames = new EnumMap<>(CheckLabel.class);
    private double[] buckets = CheckMetrics.DEFAULT_BUCKETS.clone();
    private boolean eagerRunStatuses = true;

    private Builder() {}

    /**
     * Sets the namespace, the prefix of every family name.
     *
     * @param namespace the prefix of every family name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}; default
     *     {@code check}
     * @return this builder
     * @throws IllegalArgumentException if the namespace is not a legal prefix
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      this.namespace = Validation.matching("namespace", Validation.NAMESPACE, namespace);
      return this;
    }

    /**
     * Defines the gauge of each check's status: 1 when its latest run passed (or was degraded)
     * in every region it ran in, else 0.
     *
     * @param name the family name after the namespace, {@code [a-zA-Z0-9_:]{1,128}}
     * @param labels its labels; one of {@code CHECK_ID}, {@code CHECK_NAME}; not {@code REGION}
     * @return this builder
     * @throws IllegalArgumentException if the name or the labels break a rule
     * @throws IllegalStateException if the family is already defined
     */
    public Builder status(String name, CheckLabel... labels) {
      return family(Family.STATUS, name, null, labels);
    }

    /**
     * Defines the gauge that is 1 when any region's latest run of a check was degraded.
     *
     * @param name the family name after the namespace
     * @param labels its labels; one of {@code CHECK_ID}, {@code CHECK_NAME}; not {@code REGION}
     * @return this builder
     * @throws IllegalArgumentException if the name or the labels break a rule
     * @throws IllegalStateException if the family is already defined
     */
    public Builder degraded(String name, CheckLabel... labels) {
      return family(Family.DEGRADED, name, null, labels);
    }

    /**
     * Defines the gauge of the duration of the latest run per (check, region).
     *
     * @param name the family name after the namespace
     * @param unit {@link TimeUnit#SECONDS} or {@link TimeUnit#MILLISECONDS}
     * @param labels its labels; {@code REGION} and one of {@code CHECK_ID}, {@code CHECK_NAME}
     * @return this builder
     * @throws IllegalArgumentException if the name, unit or labels break a rule
     * @throws IllegalStateException if the family is already defined
     */
    public Builder lastDuration(String name, TimeUnit unit, CheckLabel... labels) {
      return family(Family.LAST_DURATION, name, unit, labels);
    }

    /**
     * Defines the classic histogram of every run's duration per (check, region); its buckets
     * are set by {@link #buckets(double...)}.
     *
     * @param name the family name after the namespace
     * @param unit {@link TimeUnit#SECONDS} or {@link TimeUnit#MILLISECONDS}
     * @param labels its labels; {@code REGION} and one of {@code CHECK_ID}, {@code CHECK_NAME}
     * @return this builder
     * @throws IllegalArgumentException if the name, unit or labels break a rule
     * @throws IllegalStateException if the family is already defined
     */
    public Builder duration(String name, TimeUnit unit, CheckLabel... labels) {
      return family(Family.DURATION, name, unit, labels);
    }

    /**
     * Defines the counter of runs per (check, region) and status ({@code success} or {@code
     * failure}); the {@code STATUS} label is added if not listed.
     *
     * @param name the family name after the namespace; written with the suffix {@code _total}
     * @param labels its labels; {@code REGION} and one of {@code CHECK_ID}, {@code CHECK_NAME}
     * @return this builder
     * @throws IllegalArgumentException if the name or the labels break a rule
     * @throws IllegalStateException if the family is already defined
     */
    public Builder runs(String name, CheckLabel... labels) {
      return family(Family.RUNS, name, null, labels);
    }

    /**
     * Defines the gauge of the Unix time the latest run ended per (check, region).
     *
     * @param name the family name after the namespace
     * @param unit {@link TimeUnit#SECONDS} or {@link TimeUnit#MILLISECONDS}
     * @param labels its labels; {@code REGION} and one of {@code CHECK_ID}, {@code CHECK_NAME}
     * @return this builder
     * @throws IllegalArgumentException if the name, unit or labels break a rule
     * @throws IllegalStateException if the family is already defined
     */
    public Builder lastRun(String name, TimeUnit unit, CheckLabel... labels) {
      return family(Family.LAST_RUN, name, unit, labels);
    }

    /**
     * Writes a label under another name in every family, such as {@code REGION} as {@code zone}.
     *
     * @param label the label
     * @param name a legal label name {@code [a-zA-Z_][a-zA-Z0-9_]{0,127}}, not starting with
     *     {@code __}, not {@code le}
     * @return this builder
     * @throws IllegalArgumentException if the name is not a legal label name
     * @throws IllegalStateException if the label was already renamed
     */
    public Builder labelName(CheckLabel label, String name) {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(name, "name");
      SchemaRules.checkLabelName(name);
      if (labelNames.containsKey(label)) {
        throw new IllegalStateException("label " + label + " is already renamed");
      }
      labelNames.put(label, name);
      return this;
    }

    /**
     * Sets the buckets of the duration histogram.
     *
     * @param upperBounds the classic bucket upper bounds of the duration histogram, in its unit:
     *     finite, strictly increasing, at least one; {@code +Inf} is always added. Default {@link
     *     CheckMetrics#DEFAULT_BUCKETS}
     * @return this builder
     * @throws IllegalArgumentException if a bound is not finite or the bounds do not increase
     */
    public Builder buckets(double... upperBounds) {
      Objects.requireNonNull(upperBounds, "upperBounds");
      this.buckets = Validation.buckets(upperBounds);
      return this;
    }

    /**
     * Sets whether both status series of the runs counter appear with the first run.
     *
     * @param eager whether the first run of a (check, region) creates both status series of the
     *     runs counter, so that {@code failure} reads 0 before the first failure (default {@code
     *     true}); with {@code false}, a status series appears with its first run
     * @return this builder
     */
    public Builder eagerRunStatuses(boolean eager) {
      this.eagerRunStatuses = eager;
      return this;
    }

    /**
     * Builds the schema.
     *
     * @return the immutable schema
     * @throws IllegalArgumentException if no family is defined, or two families write the same
     *     name or give two labels the same name
     */
    public CheckSchema build() {
      SchemaRules.checkSchema(namespace, families, labelNames);
      return new CheckSchema(this);
    }

    private Builder family(Family family, String name, TimeUnit unit, CheckLabel[] labels) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(labels, "labels");
      List<CheckLabel> list = SchemaRules.checkFamily(family, name, unit, labels);
      if (families.containsKey(family)) {
        throw new IllegalStateException("family " + family.key + " is already defined");
      }
      families.put(family, new FamilySpec(family, name, list, unit));
      return this;
    }
  }
}
