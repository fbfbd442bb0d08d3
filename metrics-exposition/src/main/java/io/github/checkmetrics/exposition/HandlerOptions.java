package io.github.checkmetrics.exposition;

import java.util.Objects;
import java.util.regex.Pattern;

/** The checks of the options of {@link ScrapeHandler.Builder}, with their messages. */
final class HandlerOptions {

  private static final Pattern PATH = Pattern.compile("/[^?#\\s]*");

  private HandlerOptions() {}

  /** Refuses an option set twice, showing the value it has. */
  static void requireUnset(Object current, String option) {
    if (current != null) {
      throw new IllegalStateException(option + " was already set: " + quote(current));
    }
  }

  /** Accepts an absolute path without query or fragment. */
  static String requirePath(String path, String option) {
    Objects.requireNonNull(path, "path");
    if (!PATH.matcher(path).matches()) {
      throw new IllegalArgumentException(option + " must match /[^?#\\s]*: \"" + path + "\"");
    }
    return path;
  }

  static int requirePositive(int value, String option) {
    if (value <= 0) {
      throw new IllegalArgumentException(option + " must be > 0: " + value);
    }
    return value;
  }

  private static String quote(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
