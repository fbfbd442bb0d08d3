package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.Messages;

import java.util.Arrays;
import java.util.regex.Pattern;

/** Shared validation rules and messages of the model. */
final class Validation {

  static final int MAX_ID_LENGTH = 128;
  static final Pattern ID = Pattern.compile("[a-zA-Z0-9_.:-]{1," + MAX_ID_LENGTH + "}");
  static final Pattern TYPE = Pattern.compile("[a-zA-Z0-9_.:-]{1,64}");
  static final Pattern REASON = Pattern.compile("[a-zA-Z0-9_.:$-]{1,128}");
  static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  static final Pattern FAMILY_NAME = Pattern.compile("[a-zA-Z0-9_:]{1,128}");
  static final int MAX_NAME_LENGTH = 256;
  static final int MAX_TAG_LENGTH = 128;
  static final int MAX_REGION_LENGTH = 128;

  private Validation() {}

  /**
   * Any text as a legal check id: each character {@link #ID} does not allow becomes {@code _}, cut
   * to {@link #MAX_ID_LENGTH}; empty text becomes {@code _}.
   */
  static String toId(String text) {
    StringBuilder id = new StringBuilder(Math.min(text.length(), MAX_ID_LENGTH));
    for (int i = 0; i < text.length() && id.length() < MAX_ID_LENGTH; i++) {
      char c = text.charAt(i);
      id.append(ID.matcher(String.valueOf(c)).matches() ? c : '_');
    }
    return id.length() == 0 ? "_" : id.toString();
  }

  static String matching(String field, Pattern pattern, String value) {
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must match " + pattern.pattern() + ": " + Messages.quote(value));
    }
    return value;
  }

  static String text(String field, int maxLength, String value) {
    if (value.isEmpty() || value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " must be 1 to " + maxLength + " characters long: " + Messages.quote(value));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean paired;
      if (Character.isHighSurrogate(c)) {
        paired = i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        if (paired) {
          i++;
        }
      } else {
        paired = !Character.isLowSurrogate(c);
      }
      if (!paired) {
        // A lone surrogate cannot be written as UTF-8: the label value would turn into "?".
        throw new IllegalArgumentException(
            field + " must not contain a lone UTF-16 surrogate at index " + i);
      }
    }
    return value;
  }

  /** Checks classic histogram upper bounds: at least one, finite, strictly increasing. */
  static double[] buckets(double[] upperBounds) {
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
}
