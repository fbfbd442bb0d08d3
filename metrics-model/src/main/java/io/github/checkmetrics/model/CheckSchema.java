package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.SetOnce;
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
 * <p>Tags: {@link Builder#tagLabels(String...)} turns {@code key:value} tags into labels of their
 * own on every family ({@code team:payments} as {@code team="payments"}); {@link
 * Builder#joinedTags(JoinedTags)} decides which families carry the joined {@code tags} label.
 * Failure reasons: the failure reason family has at most one series per (check, region), whatever
 * the reasons, and exposes at most {@value #MAX_FAILURE_REASONS} distinct reasons per {@link
 * CheckMetrics} (the first ones seen); a later new reason is written {@code other}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CheckSchema {

  /**
   * The most distinct failure reasons the failure reason family of one {@link CheckMetrics}
   * writes; later new reasons are written {@value #OTHER_REASON}.
   */
  public static final int MAX_FAILURE_REASONS = 32;

  /** The reason written for a new failure reason past {@link #MAX_FAILURE_REASONS}. */
  public static final String OTHER_REASON = "other";

  /**
   * The default schema (namespace {@code check}): seven families, durations in seconds, every
   * family carries {@code check_id}; the per-region status family is off (its cardinality is one
   * series per (check, region)); add it with {@code toBuilder().regionStatus(...)}.
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
          .failureReason("failure_reason",
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
   * Checkly's v2 schema (namespace {@code checkly}): {@code checkly_check_status{name,check_id,
   * check_type,muted,activated,tags,group,status}}, one series per state ({@code passing}, {@code
   * degraded}, {@code failing}) that is 1 for the check's state and 0 for the others, and the
   * counter {@code checkly_check_result_total{...,location,status}} of results by state. {@code
   * group} is the tag label of {@code group:<name>} tags; add your own tag labels with {@code
   * toBuilder().tagLabels(...)}. The result counter always carries {@code location}, since
   * results are counted per (check, region); sum it away where a query wants none.
   *
   * <p>The family names, types and state values are those of Checkly's documentation of its v2
   * Prometheus exporter (<a href="https://www.checklyhq.com/docs/integrations/prometheus-v2/">
   * checklyhq.com/docs/integrations/prometheus-v2</a>: "checkly_check_status, Gauge: whether a
   * given check is currently passing, degraded, or failing; checkly_check_result_total, Counter:
   * the number of passing, degraded, and failing check results") and its v1 page ({@code
   * key:value} tags exported as labels). That documentation, as we could read it, shows no sample
   * of the v2 exposition: the label set follows the description of checkmetrics issue 20.
   */
  public static final CheckSchema CHECKLY_V2 =
      builder()
          .namespace("checkly")
          .state("check_status", CheckLabel.CHECK_NAME, CheckLabel.CHECK_ID,
              CheckLabel.CHECK_TYPE, CheckLabel.MUTED, CheckLabel.ACTIVATED, CheckLabel.TAGS)
          .runs("check_result_total", CheckLabel.CHECK_NAME, CheckLabel.CHECK_ID,
              CheckLabel.CHECK_TYPE, CheckLabel.MUTED, CheckLabel.ACTIVATED, CheckLabel.TAGS,
              CheckLabel.REGION)
          .runsByOutcome(true)
          .labelName(CheckLabel.CHECK_NAME, "name")
          .labelName(CheckLabel.REGION, "location")
          .tagLabels("group")
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
  private final List<String> tagLabels;
  private final JoinedTags joinedTags;
  private final boolean runsByOutcome;
  private final boolean nativeHistogram;

  private CheckSchema(Builder builder, Map<Family, FamilySpec> families) {
    this.namespace = builder.namespace;
    this.families = Collections.unmodifiableMap(new EnumMap<>(families));
    this.labelNames = Collections.unmodifiableMap(SchemaNames.labelNames(builder.labelNames));
    this.buckets = builder.buckets.clone();
    this.eagerRunStatuses = builder.eagerRunStatuses;
    this.tagLabels = List.copyOf(builder.tagLabels);
    this.joinedTags = builder.joinedTags;
    this.runsByOutcome = builder.runsByOutcome;
    this.nativeHistogram = builder.nativeHistogram;
  }

  /**
   * Starts an empty schema in namespace {@code check}, with {@link CheckMetrics#DEFAULT_BUCKETS},
   * every label under its {@link CheckLabel#defaultName()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * Starts a builder holding this schema, to derive a changed copy.
   *
   * @return a builder initialised from this schema
   */
  public Builder toBuilder() {
    Builder builder = new Builder(this);
    builder.families.putAll(families);
    labelNames.forEach((label, name) -> {
      if (!name.equals(label.defaultName())) {
        builder.labelNames.put(label, name);
      }
    });
    builder.tagLabels.addAll(tagLabels);
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

  /**
   * The keys of the {@code key:value} tags written as labels of their own.
   *
   * @return the tag label keys, in the order given, unmodifiable; empty by default
   */
  public List<String> tagLabels() {
    return tagLabels;
  }

  boolean runsByOutcome() {
    return runsByOutcome;
  }

  boolean nativeHistogram() {
    return nativeHistogram;
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
        && eagerRunStatuses == other.eagerRunStatuses
        && tagLabels.equals(other.tagLabels)
        && joinedTags == other.joinedTags
        && runsByOutcome == other.runsByOutcome
        && nativeHistogram == other.nativeHistogram;
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, families, labelNames, Arrays.hashCode(buckets), eagerRunStatuses,
        tagLabels, joinedTags, runsByOutcome, nativeHistogram);
  }

  @Override
  public String toString() {
    return "CheckSchema" + SchemaNames.describe(namespace, families.values(), labelNames)
        + (tagLabels.isEmpty() ? "" : " tagLabels" + tagLabels);
  }

  /** Builds a {@link CheckSchema}; not thread-safe. */
  public static final class Builder {
    /**
     * The schema {@link #toBuilder()} started from, whose values are the defaults of the options
     * not set here; null for {@link #builder()}.
     */
    private final CheckSchema base;
    // Every option is set once (SetOnce); null means unset. The families, renamed labels and tag
    // labels copied by toBuilder() count as set: a second definition would conflict with them.
    private String namespace;
    private final EnumMap<Family, FamilySpec> families = new EnumMap<>(Family.class);
    private final EnumMap<CheckLabel, String> labelNames = new EnumMap<>(CheckLabel.class);
    private double[] buckets;
    private Boolean eagerRunStatuses;
    private final List<String> tagLabels = new ArrayList<>();
    private JoinedTags joinedTags;
    private Boolean runsByOutcome;
    private Boolean nativeHistogram;

    private Builder(CheckSchema base) {
      this.base = base;
    }

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
      this.namespace = SetOnce.set("namespace", this.namespace,
          Validation.matching("namespace", Validation.NAMESPACE, namespace));
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
     * Defines the gauge of each check's state, one series per state: {@code status="passing"},
     * {@code "degraded"} and {@code "failing"}, 1 for the state of the check and 0 for the others.
     * The state is {@code failing} when the latest run failed in any region it ran in, else
     * {@code degraded} when it was degraded in any, else {@code passing}.
     *
     * @param name the family name after the namespace
     * @param labels its labels; one of {@code CHECK_ID}, {@code CHECK_NAME}; not {@code REGION};
     *     the {@code STATUS} label is added if not listed
     * @return this builder
     * @throws IllegalArgumentException if the name or the labels break a rule
     * @throws IllegalStateException if the family is already defined
     */
    public Builder state(String name, CheckLabel... labels) {
      return family(Family.STATE, name, null, labels);
    }

    /**
     * Defines the gauge of each (check, region) pair's status: 1 when the latest run in that
     * region passed (or was degraded), else 0; for "failing in eu-west-1 only" alerts. Off in
     * {@link CheckSchema#DEFAULT}: it holds one series per pair.
     *
     * @param name the family name after the namespace
     * @param labels its labels; {@code REGION} and one of {@code CHECK_ID}, {@code CHECK_NAME}
     * @return this builder
     * @throws IllegalArgumentException if the name or the labels break a rule
     * @throws IllegalStateException if the family is already defined
     */
    public Builder regionStatus(String name, CheckLabel... labels) {
      return family(Family.REGION_STATUS, name, null, labels);
    }

    /**
     * Defines the info-style gauge of the reason of the latest failed run per (check, region):
     * one series with the {@code reason} label, 1 while the latest run in that region is that
     * failure, 0 once a later run passed; none for a pair that never failed. A failure without a
     * reason is written {@code unknown}; past {@link CheckSchema#MAX_FAILURE_REASONS} distinct
     * reasons, a new one is written {@value CheckSchema#OTHER_REASON}.
     *
     * @param name the family name after the namespace
     * @param labels its labels; {@code REGION} and one of {@code CHECK_ID}, {@code CHECK_NAME};
     *     the {@code REASON} label is added if not listed
     * @return this builder
     * @throws IllegalArgumentException if the name or the labels break a rule
     * @throws IllegalStateException if the family is already defined
     */
    public Builder failureReason(String name, CheckLabel... labels) {
      return family(Family.FAILURE_REASON, name, null, labels);
    }

    /**
     * Writes {@code key:value} tags as labels of their own on every family: with {@code team},
     * a check tagged {@code team:payments} carries {@code team="payments"}; a check without such
     * a tag carries none (an empty value); several tags of one key are joined with {@code ,}.
     *
     * @param keys legal label names {@code [a-zA-Z_][a-zA-Z0-9_]{0,127}}, distinct, not reserved
     *     ({@code __*}, {@code le}, {@code quantile}) and not a label name of the schema
     * @return this builder
     * @throws IllegalStateException if tag labels were already set
     */
    public Builder tagLabels(String... keys) {
      Objects.requireNonNull(keys, "keys");
      if (!tagLabels.isEmpty()) {
        throw SetOnce.alreadySet("tagLabels", tagLabels, Arrays.asList(keys));
      }
      for (String key : keys) {
        tagLabels.add(Objects.requireNonNull(key, "key"));
      }
      return this;
    }

    /**
     * Sets which families carry the joined {@code tags} label, overriding each family's labels.
     *
     * @param joinedTags every family, the status families only, or none; by default each family
     *     carries it if its labels list {@code TAGS}
     * @return this builder
     */
    public Builder joinedTags(JoinedTags joinedTags) {
      Objects.requireNonNull(joinedTags, "joinedTags");
      this.joinedTags = SetOnce.set("joinedTags", this.joinedTags, joinedTags);
      return this;
    }

    /**
     * Sets whether the runs counter counts by outcome: {@code status="passing"}, {@code
     * "degraded"} and {@code "failing"}, instead of {@code success} (passed or degraded) and
     * {@code failure}.
     *
     * @param byOutcome whether runs are counted by outcome; default {@code false}
     * @return this builder
     */
    public Builder runsByOutcome(boolean byOutcome) {
      this.runsByOutcome = SetOnce.set("runsByOutcome", this.runsByOutcome, byOutcome);
      return this;
    }

    /**
     * Sets whether the duration histogram is also a native histogram.
     *
     * @param nativeHistogram whether the duration histogram keeps native buckets (exponential,
     *     client_java's defaults) beside its classic buckets; default {@code false}. Native buckets
     *     are written in the protobuf format only; the text formats stay classic. Prometheus
     *     ingests them when it asks for protobuf ({@code --enable-feature=native-histograms})
     * @return this builder
     * @see <a href="https://prometheus.io/docs/specs/native_histograms/">Native histograms</a>
     */
    public Builder nativeHistogram(boolean nativeHistogram) {
      this.nativeHistogram = SetOnce.set("nativeHistogram", this.nativeHistogram, nativeHistogram);
      return this;
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
      SchemaRules.checkLabelName("label name", name);
      if (labelNames.containsKey(label)) {
        throw SetOnce.alreadySet("labelName(" + label + ")", labelNames.get(label), name);
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
      this.buckets = SetOnce.set("buckets", this.buckets, Validation.buckets(upperBounds));
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
      this.eagerRunStatuses = SetOnce.set("eagerRunStatuses", this.eagerRunStatuses, eager);
      return this;
    }

    /**
     * Builds the schema.
     *
     * @return the immutable schema
     * @throws IllegalArgumentException if no family is defined, two families write the same
     *     name or give two labels the same name, a tag label breaks its rule, or an option needs
     *     a family the schema does not define
     */
    public CheckSchema build() {
      namespace = namespace != null ? namespace : base != null ? base.namespace : "check";
      buckets = buckets != null ? buckets
          : base != null ? base.buckets : CheckMetrics.DEFAULT_BUCKETS.clone();
      eagerRunStatuses = eagerRunStatuses != null ? eagerRunStatuses
          : base == null || base.eagerRunStatuses;
      joinedTags = joinedTags != null ? joinedTags : base != null ? base.joinedTags : null;
      runsByOutcome = runsByOutcome != null ? runsByOutcome
          : base != null && base.runsByOutcome;
      nativeHistogram = nativeHistogram != null ? nativeHistogram
          : base != null && base.nativeHistogram;
      Map<Family, FamilySpec> effective = SchemaRules.withJoinedTags(families, joinedTags);
      SchemaRules.checkSchema(namespace, effective, labelNames);
      SchemaRules.checkTagLabels(tagLabels, SchemaNames.labelNames(labelNames));
      SchemaRules.checkOptionsHaveFamilies(
          families, runsByOutcome, nativeHistogram, joinedTags);
      return new CheckSchema(this, effective);
    }

    private Builder family(Family family, String name, TimeUnit unit, CheckLabel[] labels) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(labels, "labels");
      List<CheckLabel> list = SchemaRules.checkFamily(family, name, unit, labels);
      if (families.containsKey(family)) {
        throw SetOnce.alreadySet("family " + family.key, families.get(family).name(), name);
      }
      families.put(family, new FamilySpec(family, name, list, unit));
      return this;
    }
  }
}
