package io.github.checkmetrics.assertj;

import io.github.checkmetrics.model.internal.Messages;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Label name rules, pair parsing and escaping shared by {@link LabelSet} and {@link LabelMatcher}. */
final class LabelText {
  static final String LABEL_NAME_RULE = "[a-zA-Z_][a-zA-Z0-9_]*";
  static final String METRIC_NAME_RULE = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern LABEL_NAME = Pattern.compile(LABEL_NAME_RULE);

  private LabelText() {}

  static void checkName(String name) {
    if (!LABEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "label name must match " + LABEL_NAME_RULE + ": " + quote(name));
    }
  }

  /** Name/value pairs to an unmodifiable insertion-ordered map, with the house error messages. */
  static Map<String, String> pairs(String... namesAndValues) {
    Objects.requireNonNull(namesAndValues, "namesAndValues");
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "labels must be given as name/value pairs: " + namesAndValues.length + " arguments");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = Objects.requireNonNull(namesAndValues[i], "namesAndValues[" + i + "]");
      String value = Objects.requireNonNull(namesAndValues[i + 1], "namesAndValues[" + (i + 1) + "]");
      checkName(name);
      if (map.put(name, value) != null) {
        throw new IllegalArgumentException("label names must not repeat: " + quote(name));
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /** Escapes a label value as both text formats do: backslash, double quote, line feed. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\':
          out.append("\\\\");
          break;
        case '"':
          out.append("\\\"");
          break;
        case '\n':
          out.append("\\n");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A value for a message: escaped as the text formats escape it (so a quote or line feed in the value
   * cannot be mistaken for the message's own), then quoted and shortened by the shared {@link
   * Messages#quote(String)}.
   */
  static String quote(String value) {
    return Messages.quote(escape(value));
  }

  /** A sample value as the formats write it: +Inf, -Inf, NaN or Java's shortest repr. */
  static String formatValue(double value) {
    if (value == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (value == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    return Double.toString(value);
  }
}
