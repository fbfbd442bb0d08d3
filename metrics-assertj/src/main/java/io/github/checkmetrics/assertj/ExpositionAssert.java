package io.github.checkmetrics.assertj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an exposition, in the words of metrics: families, series, samples, counters and
 * histograms. Get one from {@link ExpositionAssertions}.
 *
 * <pre>{@code
 * assertThat(registry)
 *     .hasFamily("check_status").ofType(GAUGE).and()
 *     .hasSample("check_status", labels("check_id", "db"), 1.0)
 *     .doesNotHaveSeries("check_status", labels("check_id", "removed"));
 * }</pre>
 *
 * <p>Series are picked by name and a {@link LabelMatcher}; {@code labels(...)} matches a subset of a
 * series' labels. An assertion that needs one series fails when none matches, listing the nearest
 * series of that name (same family, differing labels), and when several match, listing them. When
 * the text could not be parsed, every assertion fails with the parse error.
 *
 * <p>Not thread-safe, like every AssertJ assertion object; the exposition it wraps is immutable.
 */
public final class ExpositionAssert extends AbstractAssert<ExpositionAssert, Exposition> {
  private final ExpositionParseException parseError;
  private final String formatName;

  ExpositionAssert(Exposition actual) {
    super(Objects.requireNonNull(actual, "exposition"), ExpositionAssert.class);
    this.parseError = null;
    this.formatName = formatName(actual.format());
  }

  ExpositionAssert(ExpositionParseException parseError, String formatName) {
    super(null, ExpositionAssert.class);
    this.parseError = parseError;
    this.formatName = formatName;
  }

  static String formatName(io.github.checkmetrics.exposition.ExpositionFormat format) {
    return format == io.github.checkmetrics.exposition.ExpositionFormat.OPENMETRICS
        ? "OpenMetrics" : "Prometheus text";
  }

  AssertionError fail(String message) {
    return failure("%s", message);
  }

  private Exposition exposition() {
    if (parseError != null) {
      throw fail("Expecting a valid " + formatName + " exposition but parsing failed at "
          + parseError.getMessage());
    }
    return actual;
  }

  /**
   * Verifies that the text parsed: every line follows the rules of its format (see {@link
   * Exposition}).
   *
   * @return this assertion
   * @throws AssertionError naming the first bad line and the rule it breaks
   */
  public ExpositionAssert isValidExposition() {
    exposition();
    return this;
  }

  /**
   * Verifies that a family exists and returns assertions on it.
   *
   * @param name the family name; a counter is found with or without {@code _total}
   * @return assertions on the family
   * @throws AssertionError if there is no such family, listing similar names
   */
  public MetricFamilyAssert hasFamily(String name) {
    return new MetricFamilyAssert(family(name, "to have a family named " + name), this);
  }

  /**
   * Verifies that no family has this name.
   *
   * @param name the family name; a counter is found with or without {@code _total}
   * @return this assertion
   * @throws AssertionError if the family exists
   */
  public ExpositionAssert doesNotHaveFamily(String name) {
    Objects.requireNonNull(name, "name");
    exposition().family(name).ifPresent(family -> {
      throw fail("Expecting exposition not to have a family named " + name + " but it has "
          + family.type().openMetricsName() + " " + family.name() + " (line " + family.lineNumber()
          + ") with " + family.samples().size() + " samples");
    });
    return this;
  }

  MetricFamily family(String name, String expectation) {
    Objects.requireNonNull(name, "name");
    Exposition exposition = exposition();
    return exposition.family(name).orElseThrow(() -> fail("Expecting exposition " + expectation
        + "\nbut it has no such family" + Messages.similar(name, familyNames(exposition))));
  }

  private static Set<String> familyNames(Exposition exposition) {
    Set<String> names = new LinkedHashSet<>();
    exposition.families().forEach(family -> names.add(family.name()));
    return names;
  }

  /**
   * Verifies that exactly one series of a sample name matches the labels, with this value.
   *
   * @param sampleName the name on the sample's line, such as {@code check_runs_total} or {@code
   *     check_duration_seconds_bucket}
   * @param labels the labels to match; {@code labels(...)} matches a subset
   * @param value the expected value; NaN matches NaN
   * @return this assertion
   * @throws AssertionError if no series or several match, or the value differs
   */
  public ExpositionAssert hasSample(String sampleName, LabelMatcher labels, double value) {
    return hasSample(sampleName, labels, ValueMatcher.exactly(value));
  }

  /**
   * Verifies that exactly one series of a sample name matches the labels, with a matching value.
   *
   * @param sampleName the name on the sample's line
   * @param labels the labels to match; {@code labels(...)} matches a subset
   * @param value the expected value, for example {@code closeTo(0.6, 1e-9)}
   * @return this assertion
   * @throws AssertionError if no series or several match, or the value does not match
   */
  public ExpositionAssert hasSample(String sampleName, LabelMatcher labels, ValueMatcher value) {
    Objects.requireNonNull(value, "value");
    String expectation = "to have a sample:\n  " + sampleName + labels + " " + value;
    Sample sample = selectOne(sampleName, exposition().samples(sampleName), labels, expectation);
    if (!value.matches(sample.value())) {
      throw fail("Expecting exposition " + expectation + "\nbut its value was "
          + Labels.formatValue(sample.value()) + ":\n" + Messages.line(sample));
    }
    return this;
  }

  /**
   * Verifies that a counter series exists and returns assertions on it.
   *
   * @param name the counter's name, with or without {@code _total}
   * @param labels the labels to match; {@code labels(...)} matches a subset
   * @return assertions on the series' {@code _total} sample
   * @throws AssertionError if the family is missing or not a counter, or not exactly one series matches
   */
  public SeriesAssert hasCounter(String name, LabelMatcher labels) {
    return typed(name, labels, MetricType.COUNTER);
  }

  /**
   * Verifies that a gauge series exists and returns assertions on it.
   *
   * @param name the gauge's name
   * @param labels the labels to match; {@code labels(...)} matches a subset
   * @return assertions on the series
   * @throws AssertionError if the family is missing or not a gauge, or not exactly one series matches
   */
  public SeriesAssert hasGauge(String name, LabelMatcher labels) {
    return typed(name, labels, MetricType.GAUGE);
  }

  private SeriesAssert typed(String name, LabelMatcher labels, MetricType type) {
    Objects.requireNonNull(labels, "labels");
    String kind = type.openMetricsName();
    String expectation = "to have a " + kind + " " + name + labels;
    MetricFamily family = family(name, expectation);
    checkType(family, type, expectation);
    String sampleName = type == MetricType.COUNTER && exposition().format()
        == io.github.checkmetrics.exposition.ExpositionFormat.OPENMETRICS
        ? family.name() + "_total" : family.name();
    List<Sample> candidates = new ArrayList<>();
    family.samples().forEach(sample -> {
      if (sample.name().equals(sampleName)) {
        candidates.add(sample);
      }
    });
    Sample sample = selectOne(sampleName, candidates, labels, expectation);
    return new SeriesAssert(sample, kind, this);
  }

  void checkType(MetricFamily family, MetricType type, String expectation) {
    if (family.type() != type) {
      throw fail("Expecting exposition " + expectation + "\nbut " + family.name() + " is a "
          + family.type().openMetricsName() + " (line " + family.lineNumber() + ")");
    }
  }

  /**
   * Verifies that a histogram series exists and returns assertions on its count, sum and buckets.
   *
   * @param name the histogram family's name, such as {@code check_duration_seconds}
   * @param labels the labels to match, without {@code le}; {@code labels(...)} matches a subset
   * @return assertions on the series
   * @throws AssertionError if the family is missing or not a histogram, or not exactly one series
   *     matches
   */
  public HistogramAssert hasHistogram(String name, LabelMatcher labels) {
    Objects.requireNonNull(labels, "labels");
    String expectation = "to have a histogram " + name + labels;
    MetricFamily family = family(name, expectation);
    checkType(family, MetricType.HISTOGRAM, expectation);
    Map<LabelSet, List<Sample>> series = new LinkedHashMap<>();
    Map<LabelSet, Sample> first = new LinkedHashMap<>();
    for (Sample sample : family.samples()) {
      LabelSet key = sample.labels().without("le");
      series.computeIfAbsent(key, k -> new ArrayList<>()).add(sample);
      // the _count line stands for its series in messages; else the first bucket
      if (sample.name().equals(family.name() + "_count")) {
        first.put(key, sample);
      } else {
        first.putIfAbsent(key, sample);
      }
    }
    List<Sample> representatives = new ArrayList<>(first.values());
    List<Sample> matching = new ArrayList<>();
    for (Map.Entry<LabelSet, Sample> entry : first.entrySet()) {
      if (labels.matches(entry.getKey())) {
        matching.add(entry.getValue());
      }
    }
    Sample chosen = choose(family.name(), representatives, matching, labels, expectation);
    LabelSet key = chosen.labels().without("le");
    return new HistogramAssert(family, key, series.get(key), this);
  }

  /**
   * Verifies that at least one series of a family (or of a sample name) matches the labels.
   *
   * @param name a family name (any of its samples counts) or a sample name
   * @param labels the labels to match; {@code labels(...)} matches a subset
   * @return this assertion
   * @throws AssertionError if none matches, listing the nearest series
   */
  public ExpositionAssert hasSeries(String name, LabelMatcher labels) {
    Objects.requireNonNull(labels, "labels");
    List<Sample> candidates = seriesOf(name);
    if (candidates.stream().noneMatch(sample -> labels.matches(sample.labels()))) {
      String expectation = "to have a series " + name + labels;
      choose(name, candidates, List.of(), labels, expectation);
    }
    return this;
  }

  /**
   * Verifies that no series of a family (or of a sample name) matches the labels, such as the
   * series of a removed check.
   *
   * @param name a family name (any of its samples counts) or a sample name
   * @param labels the labels to match; {@code labels(...)} matches a subset
   * @return this assertion
   * @throws AssertionError listing the series that match
   */
  public ExpositionAssert doesNotHaveSeries(String name, LabelMatcher labels) {
    Objects.requireNonNull(labels, "labels");
    List<Sample> found = new ArrayList<>();
    for (Sample sample : seriesOf(name)) {
      if (labels.matches(sample.labels())) {
        found.add(sample);
      }
    }
    if (!found.isEmpty()) {
      throw fail("Expecting exposition not to have a series " + name + labels + "\nbut found "
          + found.size() + (found.size() == 1 ? " sample:" : " samples:") + Messages.lines(found));
    }
    return this;
  }

  private List<Sample> seriesOf(String name) {
    Objects.requireNonNull(name, "name");
    Exposition exposition = exposition();
    Set<Sample> samples = new LinkedHashSet<>();
    exposition.family(name).ifPresent(family -> samples.addAll(family.samples()));
    samples.addAll(exposition.samples(name));
    return new ArrayList<>(samples);
  }

  /**
   * Verifies that every sample carries a label, such as a constant label added at exposition time.
   *
   * @param labelName the label name
   * @return this assertion
   * @throws AssertionError listing samples without it
   */
  public ExpositionAssert everySeriesHasLabel(String labelName) {
    Objects.requireNonNull(labelName, "labelName");
    List<Sample> samples = exposition().samples();
    List<Sample> missing = new ArrayList<>();
    for (Sample sample : samples) {
      if (!sample.labels().contains(labelName)) {
        missing.add(sample);
      }
    }
    if (!missing.isEmpty()) {
      throw fail("Expecting every series to have a label named " + labelName + "\nbut "
          + missing.size() + " of " + samples.size() + " samples have none:" + Messages.lines(missing));
    }
    return this;
  }

  private Sample selectOne(String sampleName, List<Sample> candidates, LabelMatcher labels,
      String expectation) {
    Objects.requireNonNull(sampleName, "sampleName");
    Objects.requireNonNull(labels, "labels");
    List<Sample> matching = new ArrayList<>();
    for (Sample sample : candidates) {
      if (labels.matches(sample.labels())) {
        matching.add(sample);
      }
    }
    return choose(sampleName, candidates, matching, labels, expectation);
  }

  private Sample choose(String name, List<Sample> candidates, List<Sample> matching,
      LabelMatcher labels, String expectation) {
    if (matching.size() == 1) {
      return matching.get(0);
    }
    String start = "Expecting exposition " + expectation + "\n";
    if (candidates.isEmpty()) {
      Set<String> names = familyNames(exposition());
      exposition().samples().forEach(sample -> names.add(sample.name()));
      throw fail(start + "but it has no series named " + name + Messages.similar(name, names));
    }
    if (matching.isEmpty()) {
      throw fail(start + "but no series of " + name + " has labels " + labels
          + "; the nearest series are:" + Messages.lines(Messages.nearest(candidates, labels)));
    }
    throw fail(start + "but labels " + labels + " match " + matching.size() + " series of " + name
        + "; add labels to pick one:" + Messages.lines(matching));
  }
}
