package io.github.checkmetrics.assertj;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the tokens of one line. Whitespace differs by format: Prometheus text allows any run of
 * blanks and tabs between tokens (and inside label sets); OpenMetrics allows exactly one space between
 * tokens and none elsewhere.
 */
final class LineCursor {
  private final String line;
  private final int lineNumber;
  private final boolean openMetrics;
  private int pos;

  LineCursor(String line, int lineNumber, boolean openMetrics) {
    this.line = line;
    this.lineNumber = lineNumber;
    this.openMetrics = openMetrics;
  }

  int lineNumber() {
    return lineNumber;
  }

  boolean openMetrics() {
    return openMetrics;
  }

  boolean atEnd() {
    return pos >= line.length();
  }

  char peek() {
    return line.charAt(pos);
  }

  void advance() {
    pos++;
  }

  String rest() {
    return line.substring(pos);
  }

  ExpositionParseException error(String reason) {
    return new ExpositionParseException(lineNumber, reason);
  }

  /** What the cursor sees, for "found ..." in messages. */
  String found() {
    if (atEnd()) {
      return "end of line";
    }
    char c = peek();
    return c == '\r' ? "carriage return (\\r)" : LabelText.quote(String.valueOf(c));
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private boolean atSeparator() {
    return !atEnd() && (openMetrics ? peek() == ' ' : isBlank(peek()));
  }

  /** Prometheus text only: skips blanks and tabs. OpenMetrics has no optional whitespace. */
  void skipBlanks() {
    if (!openMetrics) {
      while (!atEnd() && isBlank(peek())) {
        pos++;
      }
    }
  }

  /**
   * Consumes the separator before a further token: one space in OpenMetrics, a run of blanks and
   * tabs in Prometheus text.
   *
   * @return false when the line ends instead (trailing whitespace is an error in OpenMetrics)
   */
  boolean separator() {
    if (atEnd()) {
      return false;
    }
    if (!atSeparator()) {
      throw error("expected a space, found " + found());
    }
    if (openMetrics) {
      pos++;
      if (atEnd()) {
        throw error("trailing whitespace is not allowed in OpenMetrics");
      }
      if (isBlank(peek())) {
        throw error("tokens must be separated by a single space in OpenMetrics");
      }
      return true;
    }
    skipBlanks();
    return !atEnd();
  }

  /** Reads up to the next separator (or the end of the line). */
  String token() {
    int start = pos;
    while (!atEnd() && !atSeparator()) {
      pos++;
    }
    return line.substring(start, pos);
  }

  private static boolean isLabelNameChar(char c, boolean first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
  }

  private static boolean isMetricNameChar(char c, boolean first) {
    return isLabelNameChar(c, first) || c == ':';
  }

  private String textUntil(int start, String stops) {
    int end = start;
    while (end < line.length() && !isBlank(line.charAt(end)) && stops.indexOf(line.charAt(end)) < 0) {
      end++;
    }
    return line.substring(start, end);
  }

  /**
   * Reads a metric name that must be followed by one of {@code followers} or the end of the line:
   * a legacy name, or any non-empty UTF-8 name in double quotes as Prometheus 3 writes it under
   * {@code escaping=allow-utf-8} ({@code # TYPE "my.metric" gauge}).
   */
  String metricName(String followers) {
    if (!atEnd() && peek() == '"') {
      String name = quotedName("metric name");
      if (!(atEnd() || isBlank(peek()) || followers.indexOf(peek()) >= 0)) {
        throw error("expected a space after the quoted metric name " + LabelText.quote(name)
            + ", found " + found());
      }
      return name;
    }
    int start = pos;
    while (!atEnd() && isMetricNameChar(peek(), pos == start)) {
      pos++;
    }
    boolean followed = atEnd() || isBlank(peek()) || followers.indexOf(peek()) >= 0;
    if (pos == start || !followed) {
      String token = pos == start ? textUntil(start, "") : textUntil(start, followers);
      throw error("metric name must match " + LabelText.METRIC_NAME_RULE + ": " + LabelText.quote(token));
    }
    return line.substring(start, pos);
  }

  /**
   * Reads the quoted metric name that opens a label set, {@code {"my.metric"} or {@code
   * {"my.metric",label="value"}}, as Prometheus 3 writes names outside the legacy character set.
   * Leaves the cursor so that {@link #labels()} reads the labels that follow (the comma stands
   * where the opening brace was).
   *
   * @return the name
   */
  String metricNameInBraces() {
    pos++; // '{'
    if (atEnd() || peek() != '"') {
      throw error("expected a quoted metric name after \"{\", found " + found());
    }
    String name = quotedName("metric name");
    if (!atEnd() && peek() == ',') {
      if (pos + 1 < line.length() && line.charAt(pos + 1) == '}' && openMetrics) {
        throw error("a label set must not end with \",\" in OpenMetrics");
      }
      return name;
    }
    if (!atEnd() && peek() == '}') {
      pos--; // labels() reads "{}" from here: the closing quote stands for the opening brace
      return name;
    }
    throw error("expected \",\" or \"}\" after the quoted metric name " + LabelText.quote(name)
        + ", found " + found());
  }

  /**
   * Reads {@code {name="value",...}} starting at the opening brace. Escapes {@code \\}, {@code \"},
   * {@code \n}; Prometheus text rejects any other escape, OpenMetrics keeps the backslash.
   */
  Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    pos++; // '{'
    skipBlanks();
    if (!atEnd() && peek() == '}') {
      pos++;
      return labels;
    }
    while (true) {
      noWhitespaceInLabelSet();
      String name = labelName();
      skipBlanks();
      noWhitespaceInLabelSet();
      if (atEnd() || peek() != '=') {
        throw error("expected \"=\" after label name " + LabelText.quote(name) + ", found " + found());
      }
      pos++;
      skipBlanks();
      noWhitespaceInLabelSet();
      if (atEnd() || peek() != '"') {
        throw error("expected '\"' to start the value of label " + LabelText.quote(name) + ", found "
            + found());
      }
      String value = quotedValue(name);
      if (labels.put(name, value) != null) {
        throw error("duplicate label name " + LabelText.quote(name));
      }
      skipBlanks();
      noWhitespaceInLabelSet();
      if (atEnd() || (peek() != ',' && peek() != '}')) {
        throw error("expected \",\" or \"}\" after the value of label " + LabelText.quote(name)
            + ", found " + found());
      }
      if (peek() == '}') {
        pos++;
        return labels;
      }
      pos++; // ','
      skipBlanks();
      if (!atEnd() && peek() == '}') {
        if (openMetrics) {
          throw error("a label set must not end with \",\" in OpenMetrics");
        }
        pos++;
        return labels;
      }
    }
  }

  private void noWhitespaceInLabelSet() {
    if (openMetrics && !atEnd() && isBlank(peek())) {
      throw error("whitespace is not allowed inside a label set in OpenMetrics");
    }
  }

  private String labelName() {
    if (!atEnd() && peek() == '"') {
      String quoted = quotedName("label name");
      if (quoted.startsWith("__")) {
        throw error("label name must not start with __ (reserved): " + LabelText.quote(quoted));
      }
      return quoted;
    }
    int start = pos;
    while (!atEnd() && isLabelNameChar(peek(), pos == start)) {
      pos++;
    }
    boolean followed = atEnd() || isBlank(peek()) || "=,}\"".indexOf(peek()) >= 0;
    if (pos == start || !followed) {
      throw error("label name must match " + LabelText.LABEL_NAME_RULE + ": "
          + LabelText.quote(textUntil(start, "=,}\"")));
    }
    String name = line.substring(start, pos);
    if (name.startsWith("__")) {
      // reserved by the Prometheus data model and OpenMetrics; Prometheus rejects __name__
      throw error("label name must not start with __ (reserved): " + LabelText.quote(name));
    }
    return name;
  }

  /** A quoted name: any non-empty UTF-8 string, with the escapes of a label value. */
  private String quotedName(String what) {
    String name = quoted("the quoted " + what);
    if (name.isEmpty()) {
      throw error("a quoted " + what + " must not be empty");
    }
    return name;
  }

  private String quotedValue(String labelName) {
    return quoted("the value of label " + LabelText.quote(labelName));
  }

  private String quoted(String what) {
    pos++; // opening quote
    StringBuilder value = new StringBuilder();
    while (!atEnd()) {
      char c = peek();
      pos++;
      if (c == '"') {
        return value.toString();
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      if (atEnd()) {
        break;
      }
      char escaped = peek();
      pos++;
      appendEscape(value, escaped, what);
    }
    throw error(what + " is missing its closing '\"'");
  }

  /** Unescapes help text: the rest of the line. */
  String helpText() {
    StringBuilder help = new StringBuilder();
    while (!atEnd()) {
      char c = peek();
      pos++;
      if (c != '\\') {
        help.append(c);
      } else if (atEnd()) {
        throw error("help text must not end with a single backslash");
      } else {
        char escaped = peek();
        pos++;
        appendEscape(help, escaped, "help text");
      }
    }
    return help.toString();
  }

  private void appendEscape(StringBuilder out, char escaped, String where) {
    switch (escaped) {
      case '\\':
        out.append('\\');
        break;
      case '"':
        out.append('"');
        break;
      case 'n':
        out.append('\n');
        break;
      default:
        if (!openMetrics) {
          throw error("invalid escape sequence " + LabelText.quote("\\" + escaped) + " in " + where
              + "; Prometheus text allows only \\\\, \\\" and \\n");
        }
        // OpenMetrics: "BS normal-char" is the backslash followed by that character
        out.append('\\').append(escaped);
    }
  }
}
