package io.github.checkmetrics.model;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One family of a {@link CheckSchema}: its kind, its name after the namespace, its labels in
 * order, and the unit of its values ({@code null} for status, degraded and runs).
 */
record FamilySpec(Family family, String name, List<CheckLabel> labels, TimeUnit unit) {

  /** The name of the family in a namespace, as given to client_java. */
  String fullName(String namespace) {
    return namespace + "_" + name;
  }
}
