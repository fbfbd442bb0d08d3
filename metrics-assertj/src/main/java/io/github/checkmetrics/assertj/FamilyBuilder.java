package io.github.checkmetrics.assertj;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one family's metadata and samples while parsing and enforces the rules of its type:
 * which sample names belong to it, {@code le}/{@code quantile} labels, bucket order, the
 * {@code +Inf} bucket and {@code _count}, duplicates and (OpenMetrics) interleaved series.
 */
final class FamilyBuilder {
  private final String name;
  private final boolean openMetrics;
  private final int firstLine;
  private FamilyType type = FamilyType.UNKNOWN;
  private String help = "";
  private String unit = "";
  private int typeLine;
  private int helpLine;
  private int unitLine;
  /** Lines of HELP and UNIT even when empty: a second one is an error either way. */
  private int helpSeenLine;
  private int unitSeenLine;
  private final List<Sample> samples = new ArrayList<>();
  private final Map<SeriesKey, Sample> seen = new HashMap<>();
  private final Map<LabelSet, Point> points = new LinkedHashMap<>();
  private LabelSet lastPoint;

  private record SeriesKey(String name, LabelSet labels) {}

  /** The composite parts of one histogram or summary series. */
  private static final class Point {
    final int firstLine;
    int lastLine;
    String lastBound;
    double lastBoundValue = Double.NaN;
    double lastBucketCount = Double.NaN;
    boolean negativeBucket;
    Sample inf;
    Sample count;
    Sample sum;

    Point(int firstLine) {
      this.firstLine = firstLine;
    }
  }

  FamilyBuilder(String name, boolean openMetrics, int firstLine) {
    this.name = name;
    this.openMetrics = openMetrics;
    this.firstLine = firstLine;
  }

  String name() {
    return name;
  }

  int firstLine() {
    return firstLine;
  }

  FamilyType type() {
    return type;
  }

  private void beforeSamples(LineCursor at, String keyword) {
    if (!samples.isEmpty()) {
      throw at.error("# " + keyword + " line for " + LabelText.quote(name)
          + " must come before its samples (first sample at line " + samples.get(0).lineNumber() + ")");
    }
  }

  private static void once(LineCursor at, String keyword, String family, int previous) {
    if (previous != 0) {
      throw at.error("second # " + keyword + " line for " + LabelText.quote(family) + " (first at line "
          + previous + ")");
    }
  }

  void type(FamilyType newType, LineCursor at) {
    once(at, "TYPE", name, typeLine);
    beforeSamples(at, "TYPE");
    if (!unit.isEmpty()) {
      requireUnitAllowed(newType, unit, at);
    }
    type = newType;
    typeLine = at.lineNumber();
  }

  void help(String text, LineCursor at) {
    once(at, "HELP", name, helpSeenLine);
    beforeSamples(at, "HELP");
    helpSeenLine = at.lineNumber();
    if (!text.isEmpty() || !openMetrics) { // OpenMetrics: an empty HELP is as if there were none
      help = text;
      helpLine = at.lineNumber();
    }
  }

  void unit(String text, LineCursor at) {
    once(at, "UNIT", name, unitSeenLine);
    beforeSamples(at, "UNIT");
    unitSeenLine = at.lineNumber();
    if (!text.isEmpty()) {
      requireUnitAllowed(type, text, at);
      if (!name.endsWith("_" + text)) {
        throw at.error("family name must end with " + LabelText.quote("_" + text) + " when its unit is "
            + LabelText.quote(text) + ": " + LabelText.quote(name));
      }
      unit = text;
      unitLine = at.lineNumber();
    }
  }

  /** OpenMetrics: "MetricFamilies of type StateSets [and Info] MUST have an empty Unit string". */
  private void requireUnitAllowed(FamilyType familyType, String text, LineCursor at) {
    if (familyType == FamilyType.INFO || familyType == FamilyType.STATESET) {
      throw at.error(familyType.openMetricsName() + " family " + LabelText.quote(name)
          + " must not have a unit: " + LabelText.quote(text));
    }
  }

  /** Sample name suffixes of this family's type, per the format's specification. */
  List<String> suffixes() {
    switch (type) {
      case COUNTER:
        return openMetrics ? List.of("_total", "_created") : List.of("");
      case HISTOGRAM:
        return openMetrics ? List.of("_bucket", "_count", "_sum", "_created")
            : List.of("_bucket", "_count", "_sum");
      case GAUGE_HISTOGRAM:
        return List.of("_bucket", "_gcount", "_gsum");
      case SUMMARY:
        return openMetrics ? List.of("", "_count", "_sum", "_created") : List.of("", "_count", "_sum");
      case INFO:
        return List.of("_info");
      default:
        return List.of("");
    }
  }

  boolean accepts(String sampleName) {
    return sampleName.startsWith(name) && suffixes().contains(sampleName.substring(name.length()));
  }

  String expectedNames() {
    List<String> names = new ArrayList<>();
    suffixes().forEach(suffix -> names.add(name + suffix));
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }

  void add(Sample sample, LineCursor at) {
    String suffix = sample.name().substring(name.length());
    LabelSet pointKey = pointKey(sample.labels());
    checkDuplicate(sample, at);
    if (openMetrics) {
      checkNotInterleaved(sample, pointKey, at);
      checkOpenMetricsValue(sample, suffix, at);
    }
    switch (type) {
      case HISTOGRAM:
      case GAUGE_HISTOGRAM:
        histogramSample(sample, suffix, point(pointKey, at), at);
        break;
      case SUMMARY:
        summarySample(sample, suffix, point(pointKey, at), at);
        break;
      default:
        break;
    }
    samples.add(sample);
  }

  private boolean composite() {
    return type == FamilyType.HISTOGRAM || type == FamilyType.GAUGE_HISTOGRAM
        || type == FamilyType.SUMMARY;
  }

  private LabelSet pointKey(LabelSet labels) {
    switch (type) {
      case HISTOGRAM:
      case GAUGE_HISTOGRAM:
        return labels.without("le");
      case SUMMARY:
        return labels.without("quantile");
      case STATESET:
        return labels.without(name);
      default:
        return labels;
    }
  }

  private void checkDuplicate(Sample sample, LineCursor at) {
    SeriesKey key = new SeriesKey(sample.name(), sample.labels());
    Sample previous = seen.put(key, sample);
    if (previous == null) {
      return;
    }
    // OpenMetrics allows several timestamped MetricPoints of one series, in time order; equal
    // timestamps are allowed (the suite's duplicate_timestamps_1), compared exactly, below the
    // nanosecond too (duplicate_timestamps_0)
    BigDecimal before = previous.timestampSeconds().orElse(null);
    BigDecimal now = sample.timestampSeconds().orElse(null);
    if (openMetrics && !composite() && before != null && now != null) {
      if (now.compareTo(before) < 0) {
        throw at.error("timestamps of series " + sample.name() + sample.labels()
            + " must not decrease: " + now.toPlainString() + " after " + before.toPlainString()
            + " (line " + previous.lineNumber() + ")");
      }
    } else {
      throw at.error("duplicate series " + sample.name() + sample.labels() + " (first at line "
          + previous.lineNumber() + ")");
    }
  }

  private void checkNotInterleaved(Sample sample, LabelSet pointKey, LineCursor at) {
    Point existing = points.get(pointKey);
    if (existing != null && !pointKey.equals(lastPoint)) {
      throw at.error("samples of series " + name + pointKey
          + " must not be interleaved with other series (it started at line " + existing.firstLine + ")");
    }
    points.computeIfAbsent(pointKey, k -> new Point(at.lineNumber())).lastLine = at.lineNumber();
    lastPoint = pointKey;
  }

  private Point point(LabelSet key, LineCursor at) {
    Point point = points.computeIfAbsent(key, k -> new Point(at.lineNumber()));
    point.lastLine = at.lineNumber();
    return point;
  }

  private void checkOpenMetricsValue(Sample sample, String suffix, LineCursor at) {
    double value = sample.value();
    // Counter-like values (OpenMetrics: "Semantically ... counters so MUST NOT be NaN or negative")
    boolean countLike = (type == FamilyType.COUNTER && suffix.equals("_total"))
        || (type == FamilyType.HISTOGRAM
            && (suffix.equals("_bucket") || suffix.equals("_count") || suffix.equals("_sum")))
        || (type == FamilyType.GAUGE_HISTOGRAM
            && (suffix.equals("_bucket") || suffix.equals("_gcount")))
        || (type == FamilyType.SUMMARY && (suffix.equals("_count") || suffix.equals("_sum")));
    if (countLike && (Double.isNaN(value) || value < 0)) {
      throw at.error(type.openMetricsName() + " " + sample.name() + " must not be negative or NaN: "
          + LabelText.formatValue(value));
    }
    if (type == FamilyType.GAUGE_HISTOGRAM && suffix.equals("_gsum") && Double.isNaN(value)) {
      throw at.error("gaugehistogram " + sample.name() + " must not be NaN");
    }
    if (type == FamilyType.SUMMARY && suffix.isEmpty() && value < 0) {
      throw at.error("summary quantile " + sample + " must not be negative");
    }
    if (type == FamilyType.INFO && value != 1.0) {
      throw at.error("info value must be 1: " + LabelText.formatValue(value));
    }
    if (type == FamilyType.STATESET) {
      if (!sample.labels().contains(name)) {
        throw at.error("stateset sample must have a label named " + LabelText.quote(name) + ": " + sample);
      }
      if (value != 0.0 && value != 1.0) {
        throw at.error("stateset value must be 0 or 1: " + LabelText.formatValue(value));
      }
    }
    if (sample.exemplar().isPresent()) {
      boolean allowed = (type == FamilyType.COUNTER && suffix.equals("_total"))
          || ((type == FamilyType.HISTOGRAM || type == FamilyType.GAUGE_HISTOGRAM)
              && suffix.equals("_bucket"));
      if (!allowed) {
        throw at.error("exemplars are only allowed on counter _total and histogram _bucket samples: "
            + sample.name());
      }
      int length = 0;
      for (Map.Entry<String, String> label : sample.exemplar().get().labels().asMap().entrySet()) {
        length += label.getKey().codePointCount(0, label.getKey().length())
            + label.getValue().codePointCount(0, label.getValue().length());
      }
      if (length > 128) {
        throw at.error("exemplar labels must not exceed 128 characters: " + length);
      }
    }
  }

  private void histogramSample(Sample sample, String suffix, Point point, LineCursor at) {
    String bound = sample.labels().get("le").orElse(null);
    if (!suffix.equals("_bucket")) {
      if (bound != null) {
        throw at.error("\"le\" label is only allowed on histogram buckets: " + sample.name());
      }
      if (suffix.equals("_count") || suffix.equals("_gcount")) {
        point.count = sample;
      } else if (suffix.equals("_sum") || suffix.equals("_gsum")) {
        point.sum = sample;
      }
      return;
    }
    if (bound == null) {
      throw at.error("histogram bucket must have an \"le\" label: " + sample);
    }
    Double boundValue = Numbers.parse(bound);
    if (boundValue == null || boundValue.isNaN()) {
      throw at.error("\"le\" label must be a number: " + LabelText.quote(bound));
    }
    // OpenMetrics: le values are canonical numbers, positive infinity is exactly +Inf
    if (openMetrics && boundValue.isInfinite() && !bound.equals(boundValue > 0 ? "+Inf" : "-Inf")) {
      throw at.error("\"le\" label must be written " + (boundValue > 0 ? "+Inf" : "-Inf") + ": "
          + LabelText.quote(bound));
    }
    if (boundValue < 0) {
      point.negativeBucket = true;
    }
    if (point.lastBound != null && !(boundValue > point.lastBoundValue)) {
      throw at.error("histogram buckets must be in increasing order of \"le\": le=" + LabelText.quote(bound)
          + " after le=" + LabelText.quote(point.lastBound));
    }
    if (point.lastBound != null && sample.value() < point.lastBucketCount) {
      throw at.error("histogram bucket counts must not decrease: le=" + LabelText.quote(bound) + " has "
          + LabelText.formatValue(sample.value()) + " after " + LabelText.formatValue(point.lastBucketCount));
    }
    point.lastBound = bound;
    point.lastBoundValue = boundValue;
    point.lastBucketCount = sample.value();
    if (boundValue == Double.POSITIVE_INFINITY) {
      point.inf = sample;
    }
  }

  private void summarySample(Sample sample, String suffix, Point point, LineCursor at) {
    String quantile = sample.labels().get("quantile").orElse(null);
    if (!suffix.isEmpty()) {
      if (quantile != null) {
        throw at.error("\"quantile\" label is only allowed on summary quantiles: " + sample.name());
      }
      if (suffix.equals("_count")) {
        point.count = sample;
      } else if (suffix.equals("_sum")) {
        point.sum = sample;
      }
      return;
    }
    if (quantile == null) {
      throw at.error("summary quantile must have a \"quantile\" label: " + sample);
    }
    Double q = Numbers.parse(quantile);
    if (q == null || !(q >= 0 && q <= 1)) {
      throw at.error("\"quantile\" label must be a number between 0 and 1: " + LabelText.quote(quantile));
    }
    // Prometheus text requires increasing quantiles; OpenMetrics allows any order
    if (!openMetrics && point.lastBound != null && !(q > point.lastBoundValue)) {
      throw at.error("summary quantiles must be in increasing order: quantile=" + LabelText.quote(quantile)
          + " after quantile=" + LabelText.quote(point.lastBound));
    }
    point.lastBound = quantile;
    point.lastBoundValue = q;
  }

  /** Ends the family: checks each histogram series as a whole. */
  MetricFamily build() {
    if (type == FamilyType.HISTOGRAM || type == FamilyType.GAUGE_HISTOGRAM) {
      points.forEach(this::checkHistogramPoint);
    }
    return new MetricFamily(name, type, help, unit, samples, firstLine);
  }

  private void checkHistogramPoint(LabelSet key, Point point) {
    String series = "histogram " + name + key;
    String countName = type == FamilyType.HISTOGRAM ? "_count" : "_gcount";
    String sumName = type == FamilyType.HISTOGRAM ? "_sum" : "_gsum";
    if (point.inf == null) {
      throw new ExpositionParseException(point.lastLine, series + " has no bucket le=\"+Inf\"");
    }
    if (point.count != null && Double.compare(point.count.value(), point.inf.value()) != 0) {
      throw new ExpositionParseException(point.count.lineNumber(), series + " has " + name + countName + " "
          + LabelText.formatValue(point.count.value()) + " but its le=\"+Inf\" bucket is "
          + LabelText.formatValue(point.inf.value()));
    }
    if (openMetrics && point.sum != null && point.count == null) {
      throw new ExpositionParseException(point.sum.lineNumber(),
          series + " has " + name + sumName + " but no " + name + countName);
    }
    if (openMetrics && point.count != null && point.sum == null) {
      throw new ExpositionParseException(point.count.lineNumber(),
          series + " has " + name + countName + " but no " + name + sumName);
    }
    // OpenMetrics: a histogram with negative buckets has no sum (it would not be a counter); a
    // gaugehistogram's gsum may be negative only when it has negative buckets
    if (openMetrics && point.sum != null && point.negativeBucket && type == FamilyType.HISTOGRAM) {
      throw new ExpositionParseException(point.sum.lineNumber(),
          series + " has negative buckets, so it must not have " + name + sumName);
    }
    if (openMetrics && point.sum != null && !point.negativeBucket
        && type == FamilyType.GAUGE_HISTOGRAM && point.sum.value() < 0) {
      throw new ExpositionParseException(point.sum.lineNumber(), series + " has no negative"
          + " buckets, so " + name + sumName + " must not be negative: "
          + LabelText.formatValue(point.sum.value()));
    }
  }
}
