package io.github.checkmetrics.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How the families of a {@link CheckSchema} are named, for client_java and for people. */
final class SchemaNames {

  private SchemaNames() {}

  /** The name client_java knows a family by: the runs counter's without its {@code _total}. */
  static String clientJavaName(FamilySpec spec, String namespace) {
    String name = spec.fullName(namespace);
    return spec.family() == Family.RUNS ? stripTotal(name) : name;
  }

  static String stripTotal(String name) {
    return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
  }

  /** The keys of families, such as {@code [status, runs]}, for messages. */
  static List<String> keys(Iterable<Family> families) {
    List<String> keys = new ArrayList<>();
    for (Family family : families) {
      keys.add(family.key);
    }
    return keys;
  }

  /** Every label's name: the renamed ones' new names, the others' defaults. */
  static EnumMap<CheckLabel, String> labelNames(Map<CheckLabel, String> renamed) {
    EnumMap<CheckLabel, String> names = new EnumMap<>(CheckLabel.class);
    for (CheckLabel label : CheckLabel.values()) {
      names.put(label, renamed.getOrDefault(label, label.defaultName()));
    }
    return names;
  }

  /** Each family's full name followed by its label names, as {@code CheckSchema.toString} shows. */
  static List<String> describe(
      String namespace, Iterable<FamilySpec> specs, Map<CheckLabel, String> labelNames) {
    List<String> shown = new ArrayList<>();
    for (FamilySpec spec : specs) {
      List<String> labels = new ArrayList<>();
      for (CheckLabel label : spec.labels()) {
        labels.add(labelNames.get(label));
      }
      shown.add(spec.fullName(namespace) + labels);
    }
    return shown;
  }
}
