package io.github.checkmetrics.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The rules a {@link CheckSchema} must follow, with their messages. */
final class SchemaRules {

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
                + RESERVED_SUFFIXES + ": " + Validation.quote(name));
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
    } else if (family != Family.RUNS && list.contains(CheckLabel.STATUS)) {
      rule = "not include STATUS (only the runs counter has it)";
    }
    if (rule != null) {
      throw new IllegalArgumentException(
          "labels of family " + family.key + " must " + rule + ": " + list);
    }
    if (family == Family.RUNS && !list.contains(CheckLabel.STATUS)) {
      list.add(CheckLabel.STATUS);
    }
    return List.copyOf(list);
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

  /** Checks the name a label is renamed to. */
  static void checkLabelName(String name) {
    Validation.matching("label name", Validation.LABEL_NAME, name);
    if (name.startsWith("__") || name.equals("le")) {
      throw new IllegalArgumentException(
          "label name must not start with __ nor be le (reserved): " + Validation.quote(name));
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
