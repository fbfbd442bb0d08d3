package io.github.checkmetrics.model.internal;

import java.util.Arrays;

/**
 * How checkmetrics shows a value in an error message, so that every message quotes alike: {@code
 * check id must match [a-zA-Z0-9_.:-]{1,128}: "a b"}. Not API (see the package).
 *
 * <p>Thread-safe (stateless).
 */
public final class Messages {

  /** The most characters of a value a message shows; the rest is cut and written {@code ...}. */
  public static final int MAX_SHOWN_LENGTH = 64;

  private Messages() {}

  /**
   * Quotes text for an error message, shortening it so that a huge input stays readable.
   *
   * @param value any text
   * @return the text in double quotes, cut after {@value #MAX_SHOWN_LENGTH} characters with
   *     {@code ...}; {@code null} for null
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown =
        value.length() > MAX_SHOWN_LENGTH ? value.substring(0, MAX_SHOWN_LENGTH) + "..." : value;
    return '"' + shown + '"';
  }

  /**
   * Shows any value of an option for an error message: text quoted as {@link #quote(String)}
   * does, arrays of {@code double} and of objects as {@link Arrays#toString}, anything else as
   * {@link String#valueOf(Object)}.
   *
   * @param value any value, or null
   * @return the value as a message shows it
   */
  public static String show(Object value) {
    if (value instanceof String) {
      return quote((String) value);
    }
    if (value instanceof double[]) {
      return Arrays.toString((double[]) value);
    }
    if (value instanceof Object[]) {
      return Arrays.toString((Object[]) value);
    }
    return String.valueOf(value);
  }
}
