package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.Messages;
import io.github.checkmetrics.model.internal.SetOnce;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
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
 * Builder#joinedTagsOnEveryFamily()} and its siblings decide which families carry the joined
 * {@code tags} label.
 * Failure reasons: the failure reason family has at most one series per (check, region), whatever
 * the reasons, and exposes at most {@value #MAX_FAILURE_REASONS} distinct reasons per {@link
 * CheckMetrics} (the first ones seen); a later new reason is written {@code other}. Tenants:
 * in the registry's scrape, the series of a check that belongs to a tenant carry the label
 * {@link Builder#tenantLabel(String)} ({@value #DEFAULT_TENANT_LABEL} by default); a tenant's own
 * view ({@link CheckMetrics#scrape(String, java.util.function.Predicate)}) leaves it out.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CheckSchema {

  /** The namespace of {@link #builder()}: the prefix of every family name. */
  public static final String DEFAULT_NAMESPACE = "check";

  /** The default of {@link Builder#tenantLabel(String)}. */
  public static final String DEFAULT_TENANT_LABEL = "tenant";

  /** The default classic histogram buckets of the duration histogram, in seconds. */
  public static final double[] DEFAULT_BUCKETS = {
    .005, .01, .025, .05, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10, 15, 30, 60
  };

  /** The longest label name a schema writes. */
  static final int MAX_LABEL_NAME_LENGTH = 128;

  /** The longest family name after the namespace. */
  static final int MAX_FAMILY_NAME_LENGTH = 128;

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

  /** Where the joined {@code tags} label goes, overriding each family's own label list. */
  private enum JoinedTags {
    EVERY_FAMILY,
    STATUS_ONLY,
    NONE
  }

  private final String namespace;
  private final Map<Family.Kind, Family> families;
  private final Map<CheckLabel, String> labelNames;
  private final double[] buckets;
  private final boolean eagerRunStatuses;
  private final List<String> tagLabels;
  private final JoinedTags joinedTags;
  private final boolean runsByOutcome;
  private final boolean nativeHistogram;
  private final String tenantLabel;

  private CheckSchema(Builder builder) {
    this.namespace = builder.namespace;
    this.labelNames = Collections.unmodifiableMap(builder.allLabelNames());
    this.buckets = builder.buckets.clone();
    this.eagerRunStatuses = builder.eagerRunStatuses;
    this.tagLabels = List.copyOf(builder.tagLabels);
    this.joinedTags = builder.joinedTags;
    this.runsByOutcome = builder.runsByOutcome;
    this.nativeHistogram = builder.nativeHistogram;
    this.tenantLabel = builder.tenantLabel;
    EnumMap<Family.Kind, Family> resolved = new EnumMap<>(Family.Kind.class);
    builder.definitions.forEach((kind, definition) -> {
      if (builder.layers == null || builder.layers.contains(kind.layer)) {
        resolved.put(kind, new Family(kind, namespace, definition.name(),
            definition.labelsWith(kind, joinedTags), definition.unit(), labelNames, tagLabels));
      }
    });
    this.families = Collections.unmodifiableMap(resolved);
  }

  /**
   * Starts an empty schema in namespace {@value #DEFAULT_NAMESPACE}, with {@link
   * #DEFAULT_BUCKETS}, every label under its {@link CheckLabel#defaultName()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * Starts a builder holding this schema, to derive a changed copy. Its families, renamed labels
   * and tag labels count as set; every other option may be set once more.
   *
   * @return a builder initialised from this schema
   */
  public Builder toBuilder() {
    Builder builder = new Builder(this);
    families.forEach((kind, family) ->
        builder.definitions.put(kind, new Definition(family.shortName, family.labels, family.unit)));
    labelNames.forEach((label, name) -> {
      if (!name.equals(label.defaultName())) {
        builder.labelNames.put(label, name);
      }
    });
    builder.tagLabels.addAll(tagLabels);
    return builder;
  }

  /**
   * Returns the namespace, the prefix of every family name.
   *
   * @return the namespace, such as {@code check}
   */
  public String namespace() {
    return namespace;
  }

  /**
   * The names of the families of this schema, as client_java names them (the runs counter without
   * its {@code _total} suffix).
   *
   * @return the family names, in the order status, degraded, latest duration, duration, runs,
   *     latest run, state, region status, failure reason; unmodifiable
   */
  public List<String> familyNames() {
    List<String> result = new ArrayList<>();
    for (Family family : families.values()) {
      result.add(family.name);
    }
    return List.copyOf(result);
  }

  /**
   * The keys of the {@code key:value} tags written as labels of their own.
   *
   * @return the tag label keys, in the order given, unmodifiable; empty by default
   */
  public List<String> tagLabels() {
    return tagLabels;
  }

  /**
   * The name of the label that tells a tenant's series apart in the registry's scrape.
   *
   * @return the tenant label name; {@value #DEFAULT_TENANT_LABEL} by default
   */
  public String tenantLabel() {
    return tenantLabel;
  }

  /** The family of a kind, null when the schema has none. */
  Family family(Family.Kind kind) {
    return families.get(kind);
  }

  /** The families, in kind order. */
  Collection<Family> families() {
    return families.values();
  }

  double[] buckets() {
    return buckets.clone();
  }

  boolean eagerRunStatuses() {
    return eagerRunStatuses;
  }

  boolean runsByOutcome() {
    return runsByOutcome;
  }

  boolean nativeHistogram() {
    return nativeHistogram;
  }

  /** Whether a family lacks {@code check_id}, so that two checks must not share a name. */
  boolean needsUniqueNames() {
    for (Family family : families.values()) {
      if (!family.labels.contains(CheckLabel.CHECK_ID)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every name the families and the counters of refusals ({@link Rejections}) write on the wire,
   * each mapped to what writes it, such as {@code status}.
   *
   * @throws IllegalArgumentException if two write one name
   */
  Map<String, String> writtenNames() {
    Map<String, String> written = new HashMap<>(Rejections.writtenNames(namespace));
    for (Family family : families.values()) {
      for (String name : family.writtenNames()) {
        String previous = written.putIfAbsent(name, family.kind.key);
        if (previous != null) {
          throw new IllegalArgumentException(
              "family names must not collide: " + name + " is written by " + previous + " and "
                  + family.kind.key);
        }
      }
    }
    return written;
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
        && nativeHistogram == other.nativeHistogram
        && tenantLabel.equals(other.tenantLabel);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, families, labelNames, Arrays.hashCode(buckets), eagerRunStatuses,
        tagLabels, joinedTags, runsByOutcome, nativeHistogram, tenantLabel);
  }

  @Override
  public String toString() {
    return "CheckSchema" + families.values()
        + (tagLabels.isEmpty() ? "" : " tagLabels" + tagLabels);
  }

  /**
   * Checks a label name the schema writes: a legal label name in the classic character set
   * (which Prometheus 2.x requires), at most {@value #MAX_LABEL_NAME_LENGTH} characters, not
   * reserved.
   *
   * @param field what the name is, for the message: {@code label name}, {@code tag label}, ...
   * @see <a href="https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels">
   *     Prometheus data model: label names</a>
   */
  private static void checkLabelName(String field, String name) {
    if (name.length() > MAX_LABEL_NAME_LENGTH
        || !PrometheusNaming.isValidLegacyLabelName(name)) {
      throw new IllegalArgumentException(
          field + " must match [a-zA-Z_][a-zA-Z0-9_]{0," + (MAX_LABEL_NAME_LENGTH - 1) + "}: "
              + Messages.quote(name));
    }
    if (name.startsWith("__") || name.equals("le") || name.equals("quantile")) {
      throw new IllegalArgumentException(
          field + " must not start with __ nor be le or quantile (reserved): "
              + Messages.quote(name));
    }
  }

  /** Checks a namespace: a legal metric name prefix. */
  static String checkNamespace(String namespace) {
    if (!PrometheusNaming.isValidLegacyMetricName(namespace)) {
      throw new IllegalArgumentException(
          "namespace must match [a-zA-Z_:][a-zA-Z0-9_:]*: " + Messages.quote(namespace));
    }
    return namespace;
  }

  /** Checks classic histogram upper bounds: at least one, finite, strictly increasing. */
  static double[] checkBuckets(double[] upperBounds) {
    if (upperBounds.length == 0) {
      throw new IllegalArgumentException("buckets must hold at least one upper bound: []");
    }
    for (int i = 0; i < upperBounds.length; i++) {
      double bound = upperBounds[i];
      if (Double.isNaN(bound) || Double.isInfinite(bound)) {
        throw new IllegalArgumentException(
            "buckets must be finite numbers: " + Arrays.toString(upperBounds));
      }
      if (i > 0 && bound <= upperBounds[i - 1]) {
        throw new IllegalArgumentException(
            "buckets must be strictly increasing: " + Arrays.toString(upperBounds));
      }
    }
    return upperBounds.clone();
  }

  /** A family as the builder was given it, before the schema resolves it in its namespace. */
  private record Definition(String name, List<CheckLabel> labels, TimeUnit unit) {

    /** Its labels with {@code TAGS} where {@code joinedTags} puts it (null: as given). */
    List<CheckLabel> labelsWith(Family.Kind kind, JoinedTags joinedTags) {
      if (joinedTags == null) {
        return labels;
      }
      boolean tagged =
          joinedTags == JoinedTags.EVERY_FAMILY
              || (joinedTags == JoinedTags.STATUS_ONLY
                  && (kind == Family.Kind.STATUS || kind == Family.Kind.STATE));
      List<CheckLabel> result = new ArrayList<>(labels);
      result.remove(CheckLabel.TAGS);
      if (tagged) {
        result.add(CheckLabel.TAGS);
      }
      return List.copyOf(result);
    }
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
    private final EnumMap<Family.Kind, Definition> definitions = new EnumMap<>(Family.Kind.class);
    private final EnumMap<CheckLabel, String> labelNames = new EnumMap<>(CheckLabel.class);
    private double[] buckets;
    private Boolean eagerRunStatuses;
    private final List<String> tagLabels = new ArrayList<>();
    private JoinedTags joinedTags;
    private Boolean runsByOutcome;
    private Boolean nativeHistogram;
    private String tenantLabel;
    private List<String> layers;

    private Builder(CheckSchema base) {
      this.base = base;
    }

    /**
     * Sets the namespace, the prefix of every family name.
     *
     * @param namespace the prefix of every family name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}; default
     *     {@value CheckSchema#DEFAULT_NAMESPACE}
     * @return this builder
     * @throws IllegalArgumentException if the namespace is not a legal prefix
     * @throws IllegalStateException if the namespace was already set
     * @see <a href="https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels">
     *     Prometheus data model: metric names</a>
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      this.namespace = SetOnce.set("namespace", this.namespace, checkNamespace(namespace));
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
      return family(Family.Kind.STATUS, name, null, labels);
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
      return family(Family.Kind.DEGRADED, name, null, labels);
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
      return family(Family.Kind.LAST_DURATION, name, unit, labels);
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
      return family(Family.Kind.DURATION, name, unit, labels);
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
      return family(Family.Kind.RUNS, name, null, labels);
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
      return family(Family.Kind.LAST_RUN, name, unit, labels);
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
      return family(Family.Kind.STATE, name, null, labels);
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
      return family(Family.Kind.REGION_STATUS, name, null, labels);
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
      return family(Family.Kind.FAILURE_REASON, name, null, labels);
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
     * Puts the joined {@code tags} label (a check's tags sorted and joined with {@code ,}) on
     * every family, whatever their label lists say. By default a family carries it if its labels
     * list {@code TAGS}.
     *
     * @return this builder
     * @throws IllegalStateException if where the joined tags go was already set
     */
    public Builder joinedTagsOnEveryFamily() {
      return joinedTags(JoinedTags.EVERY_FAMILY);
    }

    /**
     * Puts the joined {@code tags} label on the per-check status families only (status and
     * state), whatever the label lists say.
     *
     * @return this builder
     * @throws IllegalStateException if where the joined tags go was already set
     */
    public Builder joinedTagsOnStatusOnly() {
      return joinedTags(JoinedTags.STATUS_ONLY);
    }

    /**
     * Leaves the joined {@code tags} label off every family, whatever the label lists say; tag
     * labels ({@link #tagLabels(String...)}), if any, still apply.
     *
     * @return this builder
     * @throws IllegalStateException if where the joined tags go was already set
     */
    public Builder withoutJoinedTags() {
      return joinedTags(JoinedTags.NONE);
    }

    private Builder joinedTags(JoinedTags where) {
      this.joinedTags = SetOnce.set("joinedTags", this.joinedTags, where);
      return this;
    }

    /**
     * Keeps only the families of the given layers, groups of families switched on or off as one
     * (as KrakenD's "layers" do): {@code status} (status, degraded, state, region status, failure
     * reason), {@code durations} (latest duration, duration histogram), {@code runs}, {@code
     * last_run}. Default: every family defined.
     *
     * @param keys at least one layer key
     * @return this builder
     * @throws IllegalArgumentException if no key is given or one names no layer
     * @throws IllegalStateException if the layers were already set
     */
    public Builder layers(String... keys) {
      Objects.requireNonNull(keys, "keys");
      return layers(Arrays.asList(keys));
    }

    /**
     * Keeps only the families of the given layers; see {@link #layers(String...)}.
     *
     * @param keys at least one layer key, such as {@code ["status", "runs"]}
     * @return this builder
     * @throws IllegalArgumentException if no key is given or one names no layer
     * @throws IllegalStateException if the layers were already set
     */
    public Builder layers(Collection<String> keys) {
      Objects.requireNonNull(keys, "keys");
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("layers must name at least one layer: []");
      }
      List<String> copy = new ArrayList<>();
      for (String key : keys) {
        Objects.requireNonNull(key, "layer");
        if (!Family.Kind.LAYERS.contains(key)) {
          throw new IllegalArgumentException(
              "layer must be one of " + Family.Kind.LAYERS + ": " + Messages.quote(key));
        }
        if (!copy.contains(key)) {
          copy.add(key);
        }
      }
      this.layers = SetOnce.set("layers", this.layers, List.copyOf(copy));
      return this;
    }

    /**
     * Sets the name of the label that tells a tenant's series apart in the registry's scrape
     * (the operator's view); a tenant's own view leaves it out, and checks of no tenant never
     * carry it.
     *
     * @param labelName a legal label name {@code [a-zA-Z_][a-zA-Z0-9_]{0,127}}, not reserved, not
     *     a label name of the schema nor a tag label; default {@value
     *     CheckSchema#DEFAULT_TENANT_LABEL}
     * @return this builder
     * @throws IllegalArgumentException if the name is not a legal label name
     * @throws IllegalStateException if the tenant label was already set
     */
    public Builder tenantLabel(String labelName) {
      Objects.requireNonNull(labelName, "labelName");
      checkLabelName("tenant label", labelName);
      this.tenantLabel = SetOnce.set("tenantLabel", this.tenantLabel, labelName);
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
      checkLabelName("label name", name);
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
     *     CheckSchema#DEFAULT_BUCKETS}
     * @return this builder
     * @throws IllegalArgumentException if a bound is not finite or the bounds do not increase
     */
    public Builder buckets(double... upperBounds) {
      Objects.requireNonNull(upperBounds, "upperBounds");
      this.buckets = SetOnce.set("buckets", this.buckets, checkBuckets(upperBounds));
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
     * @throws IllegalArgumentException if no family is defined (or kept by the layers), two
     *     families write the same name or give two labels the same name, a tag label or the tenant
     *     label breaks its rule, or an option needs a family the schema does not define
     */
    public CheckSchema build() {
      boolean bucketsGiven = buckets != null;
      namespace = namespace != null ? namespace : base != null ? base.namespace : DEFAULT_NAMESPACE;
      buckets = buckets != null ? buckets : base != null ? base.buckets : DEFAULT_BUCKETS.clone();
      eagerRunStatuses = eagerRunStatuses != null ? eagerRunStatuses
          : base == null || base.eagerRunStatuses;
      joinedTags = joinedTags != null ? joinedTags : base != null ? base.joinedTags : null;
      runsByOutcome = runsByOutcome != null ? runsByOutcome
          : base != null && base.runsByOutcome;
      nativeHistogram = nativeHistogram != null ? nativeHistogram
          : base != null && base.nativeHistogram;
      tenantLabel = tenantLabel != null ? tenantLabel
          : base != null ? base.tenantLabel : DEFAULT_TENANT_LABEL;
      if (definitions.isEmpty()) {
        throw new IllegalArgumentException(
            "schema must define at least one family (status, degraded, lastDuration, duration,"
                + " runs, lastRun): none defined");
      }
      checkOptionsHaveFamilies(bucketsGiven);
      CheckSchema schema = new CheckSchema(this);
      if (schema.families.isEmpty()) {
        throw new IllegalArgumentException(
            "layers " + layers + " keep no family of the schema: " + keys(definitions.keySet()));
      }
      schema.writtenNames();
      for (Family family : schema.families.values()) {
        List<String> names = new ArrayList<>();
        for (CheckLabel label : family.labels) {
          String labelName = schema.labelNames.get(label);
          if (names.contains(labelName)) {
            throw new IllegalArgumentException(
                "label names of family " + family.kind.key + " must be distinct: \""
                    + labelName + "\" is given to two labels");
          }
          names.add(labelName);
        }
      }
      checkTagAndTenantLabels(schema.labelNames);
      return schema;
    }

    private EnumMap<CheckLabel, String> allLabelNames() {
      EnumMap<CheckLabel, String> names = new EnumMap<>(CheckLabel.class);
      for (CheckLabel label : CheckLabel.values()) {
        names.put(label, labelNames.getOrDefault(label, label.defaultName()));
      }
      return names;
    }

    /** Checks the tag labels and the tenant label: legal, distinct, none a label of the schema. */
    private void checkTagAndTenantLabels(Map<CheckLabel, String> names) {
      List<String> seen = new ArrayList<>();
      for (String key : tagLabels) {
        checkLabelName("tag label", key);
        if (names.containsValue(key)) {
          throw new IllegalArgumentException(
              "tag label must not be a label name of the schema "
                  + new TreeSet<>(names.values()) + ": " + Messages.quote(key));
        }
        if (seen.contains(key)) {
          throw new IllegalArgumentException(
              "tag labels must be distinct: " + Messages.quote(key) + " is given twice");
        }
        seen.add(key);
      }
      if (names.containsValue(tenantLabel) || tagLabels.contains(tenantLabel)) {
        TreeSet<String> taken = new TreeSet<>(names.values());
        taken.addAll(tagLabels);
        throw new IllegalArgumentException(
            "tenant label must not be a label name of the schema nor a tag label " + taken + ": "
                + Messages.quote(tenantLabel));
      }
    }

    /** Checks that each option set has the family it needs. */
    private void checkOptionsHaveFamilies(boolean bucketsGiven) {
      String option = null;
      Family.Kind needed = null;
      if (bucketsGiven && !definitions.containsKey(Family.Kind.DURATION)) {
        option = "buckets(...)";
        needed = Family.Kind.DURATION;
      } else if (runsByOutcome && !definitions.containsKey(Family.Kind.RUNS)) {
        option = "runsByOutcome(true)";
        needed = Family.Kind.RUNS;
      } else if (nativeHistogram && !definitions.containsKey(Family.Kind.DURATION)) {
        option = "nativeHistogram(true)";
        needed = Family.Kind.DURATION;
      } else if (joinedTags == JoinedTags.STATUS_ONLY
          && !definitions.containsKey(Family.Kind.STATUS)
          && !definitions.containsKey(Family.Kind.STATE)) {
        option = "joinedTagsOnStatusOnly()";
        needed = Family.Kind.STATUS;
      }
      if (option != null) {
        throw new IllegalArgumentException(
            option + " needs the " + needed.key + " family, which the schema does not define: "
                + keys(definitions.keySet()));
      }
    }

    private static List<String> keys(Collection<Family.Kind> kinds) {
      List<String> keys = new ArrayList<>();
      for (Family.Kind kind : kinds) {
        keys.add(kind.key);
      }
      return keys;
    }

    private Builder family(Family.Kind kind, String name, TimeUnit unit, CheckLabel[] labels) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(labels, "labels");
      List<CheckLabel> list = checkFamily(kind, name, unit, labels);
      if (definitions.containsKey(kind)) {
        throw SetOnce.alreadySet("family " + kind.key, definitions.get(kind).name(), name);
      }
      definitions.put(kind, new Definition(name, list, unit));
      return this;
    }

    /**
     * Checks one family definition.
     *
     * @return its labels, with {@code STATUS} or {@code REASON} appended where the kind has it
     */
    private static List<CheckLabel> checkFamily(
        Family.Kind kind, String name, TimeUnit unit, CheckLabel[] labels) {
      // A name after the namespace is legal when "_" + name is a legal metric name.
      if (name.isEmpty() || name.length() > MAX_FAMILY_NAME_LENGTH
          || !PrometheusNaming.isValidLegacyMetricName("_" + name)) {
        throw new IllegalArgumentException(
            "family name must match [a-zA-Z0-9_:]{1," + MAX_FAMILY_NAME_LENGTH + "}: "
                + Messages.quote(name));
      }
      String suffixed = "_" + name;
      for (String suffix : Family.RESERVED_SUFFIXES) {
        boolean allowed = kind == Family.Kind.RUNS && suffix.equals("_total");
        if (!allowed && suffixed.endsWith(suffix)) {
          throw new IllegalArgumentException(
              "family name of " + kind.key + " must not end with a reserved suffix "
                  + Family.RESERVED_SUFFIXES + ": " + Messages.quote(name));
        }
      }
      if (kind.hasUnit()) {
        Objects.requireNonNull(unit, "unit");
        if (unit != TimeUnit.SECONDS && unit != TimeUnit.MILLISECONDS) {
          throw new IllegalArgumentException("unit must be SECONDS or MILLISECONDS: " + unit);
        }
      }
      List<CheckLabel> list = new ArrayList<>(Arrays.asList(labels));
      for (CheckLabel label : list) {
        Objects.requireNonNull(label, "label");
      }
      String rule = null;
      if (list.stream().distinct().count() != list.size()) {
        rule = "be distinct";
      } else if (!list.contains(CheckLabel.CHECK_ID) && !list.contains(CheckLabel.CHECK_NAME)) {
        rule = "include CHECK_ID or CHECK_NAME";
      } else if (kind.perRegion && !list.contains(CheckLabel.REGION)) {
        rule = "include REGION (one series per check and region)";
      } else if (!kind.perRegion && list.contains(CheckLabel.REGION)) {
        rule = "not include REGION (one series per check)";
      } else if (!kind.hasStatus() && list.contains(CheckLabel.STATUS)) {
        rule = "not include STATUS (only the runs counter and the state family have it)";
      } else if (kind != Family.Kind.FAILURE_REASON && list.contains(CheckLabel.REASON)) {
        rule = "not include REASON (only the failure reason family has it)";
      }
      if (rule != null) {
        throw new IllegalArgumentException(
            "labels of family " + kind.key + " must " + rule + ": " + list);
      }
      if (kind.hasStatus() && !list.contains(CheckLabel.STATUS)) {
        list.add(CheckLabel.STATUS);
      }
      if (kind == Family.Kind.FAILURE_REASON && !list.contains(CheckLabel.REASON)) {
        list.add(CheckLabel.REASON);
      }
      return List.copyOf(list);
    }
  }
}
