package io.github.checkmetrics.assertj;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The strict parser of Prometheus text 0.0.4 and OpenMetrics 1.0 text. It reads line by line, hands
 * tokens to {@link LineCursor} and family rules to {@link FamilyBuilder}, and stops at the first
 * broken rule with its line number.
 */
final class ExpositionParser {
  private static final Pattern UNIT = Pattern.compile("[a-zA-Z0-9_:]*");
  private static final String PROMETHEUS_TYPES = "counter, gauge, histogram, summary, untyped";
  private static final String OPENMETRICS_TYPES =
      "counter, gauge, histogram, gaugehistogram, stateset, info, summary, unknown";

  private final boolean openMetrics;
  private final List<MetricFamily> families = new ArrayList<>();
  /** Family and sample names of finished families, to reject interleaving: name to its family. */
  private final Map<String, FamilyBuilder> finishedNames = new HashMap<>();
  private FamilyBuilder current;

  private ExpositionParser(boolean openMetrics) {
    this.openMetrics = openMetrics;
  }

  /** OpenMetrics when a line is exactly {@code # EOF}, Prometheus text otherwise. */
  static boolean looksLikeOpenMetrics(String text) {
    return text.equals("# EOF") || text.startsWith("# EOF\n") || text.endsWith("\n# EOF")
        || text.contains("\n# EOF\n");
  }

  static List<MetricFamily> parse(String text, boolean openMetrics) {
    return new ExpositionParser(openMetrics).run(text);
  }

  private List<MetricFamily> run(String text) {
    if (text.startsWith("\uFEFF")) {
      throw new ExpositionParseException(1, "a byte order mark (U+FEFF) is not allowed");
    }
    int lineNumber = 0;
    int start = 0;
    boolean eof = false;
    while (start < text.length()) {
      lineNumber++;
      int end = text.indexOf('\n', start);
      boolean terminated = end >= 0;
      String line = text.substring(start, terminated ? end : text.length());
      start = terminated ? end + 1 : text.length();
      if (eof) {
        throw new ExpositionParseException(lineNumber, "nothing may follow \"# EOF\"");
      }
      if (openMetrics && line.equals("# EOF")) {
        eof = true;
        continue;
      }
      if (!terminated) {
        throw openMetrics
            ? new ExpositionParseException(lineNumber + 1, "an OpenMetrics exposition must end with \"# EOF\"")
            : new ExpositionParseException(lineNumber, "the last line must end with a line feed (\\n)");
      }
      line(new LineCursor(line, lineNumber, openMetrics));
    }
    if (openMetrics && !eof) {
      throw new ExpositionParseException(lineNumber + 1, "an OpenMetrics exposition must end with \"# EOF\"");
    }
    finish();
    return families;
  }

  private void line(LineCursor cursor) {
    if (openMetrics) {
      if (cursor.atEnd()) {
        throw cursor.error("blank lines are not allowed in OpenMetrics");
      }
      if (LineCursor.isBlank(cursor.peek())) {
        throw cursor.error("a line must not start with whitespace in OpenMetrics");
      }
    } else {
      cursor.skipBlanks();
      if (cursor.atEnd()) {
        return; // blank lines are ignored in Prometheus text
      }
    }
    if (cursor.peek() == '#') {
      if (openMetrics) {
        openMetricsDescriptor(cursor);
      } else {
        prometheusComment(cursor);
      }
    } else {
      sample(cursor);
    }
  }

  /** Prometheus text: {@code # HELP} and {@code # TYPE} lines; any other comment is ignored. */
  private void prometheusComment(LineCursor cursor) {
    String line = cursor.rest();
    cursor.advance();
    cursor.skipBlanks();
    String keyword = cursor.token();
    if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
      return;
    }
    cursor.skipBlanks();
    if (cursor.atEnd()) {
      throw formError(cursor, keyword, line);
    }
    String name = cursor.metricName("");
    if (keyword.equals("HELP")) {
      String help = cursor.separator() ? cursor.helpText() : "";
      familyFor(name, cursor).help(help, cursor);
      return;
    }
    if (!cursor.separator()) {
      throw formError(cursor, keyword, line);
    }
    String word = cursor.rest().replaceAll("[ \\t]+$", "");
    FamilyType type = prometheusType(word);
    if (type == null) {
      throw cursor.error(typeProblem(word, PROMETHEUS_TYPES));
    }
    FamilyBuilder family = familyFor(name, cursor);
    family.type(type, cursor);
    checkNoClash(family, cursor);
  }

  /**
   * A family must not be able to write a sample name that is another family's name (OpenMetrics:
   * a gauge {@code a_created} clashes with a counter {@code a}, which may write {@code a_created}).
   */
  private void checkNoClash(FamilyBuilder family, LineCursor cursor) {
    for (String suffix : family.suffixes()) {
      FamilyBuilder other = suffix.isEmpty() ? null : finishedNames.get(family.name() + suffix);
      if (other != null && other.name().equals(family.name() + suffix)) {
        throw cursor.error(family.type().openMetricsName() + " family " + LabelText.quote(family.name())
            + " may write samples named " + LabelText.quote(family.name() + suffix) + ", the name of"
            + " the family that started at line " + other.firstLine());
      }
    }
  }

  /** OpenMetrics: exactly {@code # TYPE|HELP|UNIT <name> <value>}. */
  private void openMetricsDescriptor(LineCursor cursor) {
    String line = cursor.rest();
    String keyword = line.startsWith("# TYPE ") ? "TYPE"
        : line.startsWith("# HELP ") ? "HELP" : line.startsWith("# UNIT ") ? "UNIT" : null;
    if (keyword == null) {
      throw cursor.error("a line starting with \"#\" must be # TYPE, # HELP, # UNIT or # EOF in OpenMetrics: "
          + LabelText.quote(line));
    }
    for (int i = 0; i < 7; i++) {
      cursor.advance();
    }
    if (cursor.atEnd() || LineCursor.isBlank(cursor.peek())) {
      throw formError(cursor, keyword, line);
    }
    String name = cursor.metricName("");
    if (cursor.atEnd() || cursor.peek() != ' ') {
      throw formError(cursor, keyword, line);
    }
    cursor.advance();
    FamilyBuilder family = familyFor(name, cursor);
    switch (keyword) {
      case "TYPE":
        FamilyType type = openMetricsType(cursor.rest());
        if (type == null) {
          throw cursor.error(typeProblem(cursor.rest(), OPENMETRICS_TYPES));
        }
        family.type(type, cursor);
        checkNoClash(family, cursor);
        break;
      case "UNIT":
        String unit = cursor.rest();
        if (!UNIT.matcher(unit).matches()) {
          throw cursor.error("unit must match [a-zA-Z0-9_:]*: " + LabelText.quote(unit));
        }
        family.unit(unit, cursor);
        break;
      default:
        family.help(cursor.helpText(), cursor);
    }
  }

  private static ExpositionParseException formError(LineCursor cursor, String keyword, String line) {
    String value = keyword.equals("TYPE") ? "<type>" : keyword.equals("UNIT") ? "<unit>" : "<text>";
    return cursor.error("# " + keyword + " line must have the form \"# " + keyword + " <name> " + value
        + "\": " + LabelText.quote(line));
  }

  private static String typeProblem(String word, String allowed) {
    if (word.indexOf('\r') >= 0) {
      return "carriage return (\\r) is not allowed here; lines end with \\n alone";
    }
    return "metric type must be one of " + allowed + ": " + LabelText.quote(word);
  }

  private static FamilyType prometheusType(String word) {
    switch (word) {
      case "counter":
        return FamilyType.COUNTER;
      case "gauge":
        return FamilyType.GAUGE;
      case "histogram":
        return FamilyType.HISTOGRAM;
      case "summary":
        return FamilyType.SUMMARY;
      case "untyped":
        return FamilyType.UNKNOWN;
      default:
        return null;
    }
  }

  private static FamilyType openMetricsType(String word) {
    for (FamilyType type : FamilyType.values()) {
      if (type.openMetricsName().equals(word)) {
        return type;
      }
    }
    return null;
  }

  /** The family a metadata line names: the current one, or a new one that must not repeat. */
  private FamilyBuilder familyFor(String name, LineCursor cursor) {
    if (current != null && current.name().equals(name)) {
      return current;
    }
    return startFamily(name, cursor);
  }

  private FamilyBuilder startFamily(String name, LineCursor cursor) {
    FamilyBuilder earlier = finishedNames.get(name);
    if (earlier != null) {
      throw cursor.error(LabelText.quote(name) + " belongs to family " + LabelText.quote(earlier.name())
          + ", which started at line " + earlier.firstLine() + "; families must not be interleaved");
    }
    finish();
    current = new FamilyBuilder(name, openMetrics, cursor.lineNumber());
    return current;
  }

  private void finish() {
    if (current == null) {
      return;
    }
    families.add(current.build());
    finishedNames.put(current.name(), current);
    for (String suffix : current.suffixes()) {
      finishedNames.putIfAbsent(current.name() + suffix, current);
    }
    current = null;
  }

  /** {@code name[{labels}] value [timestamp] [# {labels} value [timestamp]]}. */
  private void sample(LineCursor cursor) {
    // Prometheus 3 writes a name outside the legacy character set quoted, inside the braces
    boolean nameInBraces = cursor.peek() == '{';
    String name = nameInBraces ? cursor.metricNameInBraces() : cursor.metricName("{");
    Map<String, String> labels = new HashMap<>();
    boolean more;
    if (nameInBraces) {
      labels = cursor.labels();
      if (openMetrics && !cursor.atEnd() && cursor.peek() != ' ') {
        throw cursor.error("expected a space after the label set, found " + cursor.found());
      }
      more = openMetrics ? cursor.separator() : skipToValue(cursor);
    } else if (openMetrics) {
      if (!cursor.atEnd() && cursor.peek() == '{') {
        labels = cursor.labels();
        if (!cursor.atEnd() && cursor.peek() != ' ') {
          throw cursor.error("expected a space after the label set, found " + cursor.found());
        }
      }
      more = cursor.separator();
    } else {
      // Prometheus text: blanks are optional around the label set
      cursor.skipBlanks();
      if (!cursor.atEnd() && cursor.peek() == '{') {
        labels = cursor.labels();
        cursor.skipBlanks();
      }
      more = !cursor.atEnd();
    }
    if (!more) {
      throw cursor.error("sample " + name + " has no value");
    }
    double value = Numbers.value(cursor, cursor.token(), "value");
    BigDecimal timestamp = null;
    Exemplar exemplar = null;
    if (cursor.separator()) {
      if (cursor.peek() == '#') {
        exemplar = exemplar(cursor);
      } else {
        String token = cursor.token();
        timestamp = openMetrics ? Numbers.secondsTimestamp(cursor, token)
            : Numbers.millisTimestamp(cursor, token);
        if (cursor.separator()) {
          if (!openMetrics || cursor.peek() != '#') {
            throw cursor.error("unexpected text after the timestamp: " + LabelText.quote(cursor.rest()));
          }
          exemplar = exemplar(cursor);
        }
      }
    }
    add(new Sample(name, LabelSet.trusted(labels), value, timestamp, exemplar, cursor.lineNumber()), cursor);
  }

  /** Prometheus text: blanks before the value; whether a value follows. */
  private static boolean skipToValue(LineCursor cursor) {
    cursor.skipBlanks();
    return !cursor.atEnd();
  }

  private Exemplar exemplar(LineCursor cursor) {
    if (!openMetrics) {
      throw cursor.error("exemplars are not part of Prometheus text 0.0.4: " + LabelText.quote(cursor.rest()));
    }
    String rest = cursor.rest();
    if (!rest.startsWith("# {")) {
      throw cursor.error("an exemplar must start with \"# {\": " + LabelText.quote(rest));
    }
    cursor.advance();
    cursor.advance();
    Map<String, String> labels = cursor.labels();
    if (!cursor.separator()) {
      throw cursor.error("exemplar has no value");
    }
    double value = Numbers.value(cursor, cursor.token(), "exemplar value");
    java.time.Instant timestamp = null;
    if (cursor.separator()) {
      timestamp = Timestamps.fromSeconds(Numbers.secondsTimestamp(cursor, cursor.token()));
      if (!cursor.atEnd()) {
        cursor.separator();
        throw cursor.error("unexpected text after the exemplar: " + LabelText.quote(cursor.rest()));
      }
    }
    return new Exemplar(LabelSet.trusted(labels), value, timestamp);
  }

  private void add(Sample sample, LineCursor cursor) {
    if (current == null || !current.accepts(sample.name())) {
      if (current != null && current.name().equals(sample.name())) {
        throw cursor.error("sample name " + LabelText.quote(sample.name()) + " does not fit "
            + current.type().openMetricsName() + " family " + LabelText.quote(current.name())
            + "; expected " + current.expectedNames());
      }
      startFamily(sample.name(), cursor);
    }
    current.add(sample, cursor);
  }
}
