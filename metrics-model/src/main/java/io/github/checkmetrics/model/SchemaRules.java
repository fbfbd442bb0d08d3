package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.Messages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.concurrent.TimeUnit;

/** The rules a {@link CheckSchema} must follow, with their messages. */
final class SchemaRules {

  /** The longest label name a schema writes. */
  static final int MAX_LABEL_NAME_LENGTH = 128;

  private static final List<String> RESERVED_SUFFIXES =
      List.of("_total", "_created", "_bucket", "_count", "_sum", "_info");

  private SchemaRules() {}

  /**
   * Checks one family definition.
   *
   * @return its labels, with {@code STATUS} appended to the runs counter if it was not listed
   */
  static List<CheckLabel> checkFamily(
      Family family, String name, TimeUnit unit, CheckLabel[] labels) {
    Validation.matching("family name", Validation.FAMILY_NAME, name);
    String suffixed = "_" + name;
    for (String suffix : RESERVED_SUFFIXES) {
      boolean allowed = family == Family.RUNS && suffix.equals("_total");
      if (!allowed && suffixed.endsWith(suffix)) {
        throw new IllegalArgumentException(
            "family name of " + family.key + " must not end with a reserved suffix "
                + RESERVED_SUFFIXES + ": " + Messages.quote(name));
      }
    }
    if (family == Family.LAST_DURATION || family == Family.DURATION
        || family == Family.LAST_RUN) {
      if (unit == null) {
        throw new NullPointerException("unit");
      }
      if (unit != TimeUnit.SECONDS && unit != TimeUnit.MILLISECONDS) {
        throw new IllegalArgumentException("unit must be SECONDS or MILLISECONDS: " + unit);
      }
    }
    List<CheckLabel> list = new ArrayList<>(Arrays.asList(labels));
    for (CheckLabel label : list) {
      if (label == null) {
        throw new NullPointerException("label");
      }
    }
    String rule = null;
    if (list.stream().distinct().count() != list.size()) {
      rule = "be distinct";
    } else if (!list.contains(CheckLabel.CHECK_ID) && !list.contains(CheckLabel.CHECK_NAME)) {
      rule = "include CHECK_ID or CHECK_NAME";
    } else if (family.perRegion && !list.contains(CheckLabel.REGION)) {
      rule = "include REGION (one series per check and region)";
    } else if (!family.perRegion && list.contains(CheckLabel.REGION)) {
      rule = "not include REGION (one series per check)";
    } else if (!family.hasStatus() && list.contains(CheckLabel.STATUS)) {
      rule = "not include STATUS (only the runs counter and the state family have it)";
    } else if (family != Family.FAILURE_REASON && list.contains(CheckLabel.REASON)) {
      rule = "not include REASON (only the failure reason family has it)";
    }
    if (rule != null) {
      throw new IllegalArgumentException(
          "labels of family " + family.key + " must " + rule + ": " + list);
    }
    if (family.hasStatus() && !list.contains(CheckLabel.STATUS)) {
      list.add(CheckLabel.STATUS);
    }
    if (family == Family.FAILURE_REASON && !list.contains(CheckLabel.REASON)) {
      list.add(CheckLabel.REASON);
    }
    return List.copyOf(list);
  }

  /** The families with the {@code TAGS} label where {@code joinedTags} puts it (null: as given). */
  static Map<Family, FamilySpec> withJoinedTags(
      Map<Family, FamilySpec> families, JoinedTags joinedTags) {
    if (joinedTags == null) {
      return families;
    }
    Map<Family, FamilySpec> result = new java.util.EnumMap<>(Family.class);
    for (FamilySpec spec : families.values()) {
      boolean tagged =
          joinedTags == JoinedTags.EVERY_FAMILY
              || (joinedTags == JoinedTags.STATUS_ONLY
                  && (spec.family() == Family.STATUS || spec.family() == Family.STATE));
      List<CheckLabel> labels = new ArrayList<>(spec.labels());
      labels.remove(CheckLabel.TAGS);
      if (tagged) {
        labels.add(CheckLabel.TAGS);
      }
      result.put(spec.family(), new FamilySpec(spec.family(), spec.name(), List.copyOf(labels),
          spec.unit()));
    }
    return result;
  }

  /** Checks the schema as a whole: at least one family, no name written twice. */
  static void checkSchema(
      String namespace, Map<Family, FamilySpec> families, Map<CheckLabel, String> labelNames) {
    if (families.isEmpty()) {
      throw new IllegalArgumentException(
          "schema must define at least one family (status, degraded, lastDuration, duration,"
              + " runs, lastRun): none defined");
    }
    Map<String, String> written = new HashMap<>(Rejections.writtenNames(namespace));
    for (FamilySpec spec : families.values()) {
      for (String name : writtenNames(spec.fullName(namespace), spec.family())) {
        String previous = written.putIfAbsent(name, spec.family().key);
        if (previous != null) {
          throw new IllegalArgumentException(
              "family names must not collide: " + name + " is written by " + previous + " and "
                  + spec.family().key);
        }
      }
      List<String> names = new ArrayList<>();
      for (CheckLabel label : spec.labels()) {
        String labelName = labelNames.getOrDefault(label, label.defaultName());
        if (names.contains(labelName)) {
          throw new IllegalArgumentException(
              "label names of family " + spec.family().key + " must be distinct: \""
                  + labelName + "\" is given to two labels");
        }
        names.add(labelName);
      }
    }
  }

  /**
   * Checks the name a label is renamed to, or a tag label: a legal label name in the classic
   * character set (which Prometheus 2.x requires), at most 128 characters, not reserved.
   *
   * @param field what the name is, for the message: {@code label name} or {@code tag label}
   * @see <a href="https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels">
   *     Prometheus data model: label names</a>
   */
  static void checkLabelName(String field, String name) {
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

  /**
   * Checks the tag labels: legal label names, distinct, none a label name of the schema.
   *
   * @param labelNames every label of the schema under its name
   */
  static void checkTagLabels(List<String> tagLabels, Map<CheckLabel, String> labelNames) {
    List<String> seen = new ArrayList<>();
    for (String key : tagLabels) {
      checkLabelName("tag label", key);
      if (labelNames.containsValue(key)) {
        throw new IllegalArgumentException(
            "tag label must not be a label name of the schema "
                + new java.util.TreeSet<>(labelNames.values()) + ": " + Messages.quote(key));
      }
      if (seen.contains(key)) {
        throw new IllegalArgumentException(
            "tag labels must be distinct: " + Messages.quote(key) + " is given twice");
      }
      seen.add(key);
    }
  }

  /**
   * Checks the options that need a family: each option set names the family it needs.
   *
   * @throws IllegalArgumentException if an option is set and its family is not defined
   */
  static void checkOptionsHaveFamilies(
      Map<Family, FamilySpec> families, boolean runsByOutcome, boolean nativeHistogram,
      JoinedTags joinedTags) {
    String option = null;
    Family needed = null;
    if (runsByOutcome && !families.containsKey(Family.RUNS)) {
      option = "runsByOutcome(true)";
      needed = Family.RUNS;
    } else if (nativeHistogram && !families.containsKey(Family.DURATION)) {
      option = "nativeHistogram(true)";
      needed = Family.DURATION;
    } else if (joinedTags == JoinedTags.STATUS_ONLY
        && !families.containsKey(Family.STATUS) && !families.containsKey(Family.STATE)) {
      option = "joinedTags(STATUS_ONLY)";
      needed = Family.STATUS;
    }
    if (option != null) {
      throw new IllegalArgumentException(
          option + " needs the " + needed.key + " family, which the schema does not define: "
              + SchemaNames.keys(families.keySet()));
    }
  }

  /** Whether a family lacks {@code check_id}, so that two checks must not share a name. */
  static boolean needsUniqueNames(Iterable<FamilySpec> specs) {
    for (FamilySpec spec : specs) {
      if (!spec.labels().contains(CheckLabel.CHECK_ID)) {
        return true;
      }
    }
    return false;
  }

  /** Every name a family writes on the wire (and that client_java reserves for it). */
  private static List<String> writtenNames(String name, Family family) {
    if (family == Family.DURATION) {
      return List.of(name, name + "_bucket", name + "_count", name + "_sum", name + "_created");
    }
    if (family == Family.RUNS) {
      String base = SchemaNames.stripTotal(name);
      return List.of(base, base + "_total", base + "_created");
    }
    return List.of(name);
  }
}
