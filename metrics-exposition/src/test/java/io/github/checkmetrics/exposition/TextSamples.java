package io.github.checkmetrics.exposition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the samples of a Prometheus text exposition (0.0.4) into comparable values: name, label
 * set and value, whatever the order of labels, the spacing, or how a number is spelled ({@code 1}
 * and {@code 1.0} are one value, also in an {@code le} label).
 */
final class TextSamples {

  /** One sample line; labels sorted by name. */
  record Sample(String name, Map<String, String> labels, double value) {

    @Override
    public String toString() {
      return name + labels + " " + value;
    }
  }

  private TextSamples() {}

  static List<Sample> parse(String exposition) {
    List<Sample> result = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        result.add(parseLine(line.strip()));
      }
    }
    return result;
  }

  private static Sample parseLine(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new TreeMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        i = skipSpaces(line, i);
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        int equals = line.indexOf('=', i);
        String label = line.substring(i, equals).strip();
        i = skipSpaces(line, equals + 1);
        if (line.charAt(i) != '"') {
          throw new IllegalArgumentException("label value must be quoted: " + line);
        }
        StringBuilder value = new StringBuilder();
        for (i++; line.charAt(i) != '"'; i++) {
          char c = line.charAt(i);
          if (c == '\\') {
            char next = line.charAt(++i);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
        }
        i = skipSpaces(line, i + 1);
        if (line.charAt(i) == ',') {
          i++;
        }
        String text = value.toString();
        labels.put(label, label.equals("le") || label.equals("quantile") ? number(text) : text);
      }
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    return new Sample(name, labels, Double.parseDouble(number(rest[0])));
  }

  private static String number(String text) {
    switch (text) {
      case "+Inf":
        return "Infinity";
      case "-Inf":
        return "-Infinity";
      default:
        return Double.toString(Double.parseDouble(text));
    }
  }

  private static int skipSpaces(String line, int i) {
    while (line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
