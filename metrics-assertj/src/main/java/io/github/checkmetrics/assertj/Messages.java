package io.github.checkmetrics.assertj;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Building blocks of failure messages: sample lines, nearest series, similar names. */
final class Messages {
  static final int SHOWN = 5;

  private Messages() {}

  static String line(Sample sample) {
    return "  " + sample + "  (line " + sample.lineNumber() + ")";
  }

  /** Up to {@link #SHOWN} samples, one per line, with a count of the rest. */
  static String lines(List<Sample> samples) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(SHOWN, samples.size()); i++) {
      out.append('\n').append(line(samples.get(i)));
    }
    if (samples.size() > SHOWN) {
      out.append("\n  ... and ").append(samples.size() - SHOWN).append(" more");
    }
    return out.toString();
  }

  /** The candidates closest to matching first (fewest differing labels), then in exposition order. */
  static List<Sample> nearest(List<Sample> candidates, LabelMatcher matcher) {
    List<Sample> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingInt(sample -> matcher.distance(sample.labels())));
    return sorted;
  }

  /** Names within a small edit distance of the wanted one, for "did you mean". */
  static String similar(String wanted, Collection<String> names) {
    TreeSet<String> close = new TreeSet<>();
    int limit = Math.max(2, wanted.length() / 4);
    for (String name : names) {
      if (distance(wanted, name) <= limit || (name.startsWith(wanted) && wanted.length() >= 4)) {
        close.add(name);
      }
    }
    if (close.isEmpty()) {
      return "";
    }
    List<String> first = new ArrayList<>(close).subList(0, Math.min(SHOWN, close.size()));
    return "; similar names: " + String.join(", ", first);
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
