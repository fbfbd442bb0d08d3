package io.github.checkmetrics.assertj;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.assertj.core.data.Offset;

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
 * <p>Series are picked by name and client_java {@link Labels}: {@code labels(...)} matches a subset of
 * a series' labels ({@link #matchingLabelsExactly()} for the whole set). An assertion that needs one
 * series fails when none matches, listing the nearest series of that name (same family, differing
 * labels), and when several match, listing them. The text is read by a strict parser that follows the
 * <a href="https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format">text format
 * 0.0.4</a> and the <a href="https://prometheus.io/docs/specs/om/open_metrics_spec/">OpenMetrics 1.0
 * specification</a>; when the text breaks a rule, every assertion fails with the line and the rule.
 *
 * <p>The actual value ({@link #actual()}) is the exposition text. Not thread-safe, like every AssertJ
 * assertion object.
 */
public final class ExpositionAssert extends AbstractAssert<ExpositionAssert, String> {
  private final Exposition exposition;
  private final ExpositionParseException parseError;
  private final ExpositionFormat format;
  private final boolean exactLabels;

  private ExpositionAssert(String text, Exposition exposition, ExpositionParseException parseError,
      ExpositionFormat format, boolean exactLabels) {
    super(text, ExpositionAssert.class);
    this.exposition = exposition;
    this.parseError = parseError;
    this.format = format;
    this.exactLabels = exactLabels;
  }

  /** Parses the text; a parse error is kept and fails every assertion. */
  static ExpositionAssert parse(String text, ExpositionFormat format) {
    try {
      return new ExpositionAssert(text, Exposition.parse(text, format), null, format, false);
    } catch (ExpositionParseException e) {
      return new ExpositionAssert(text, null, e, format, false);
    }
  }

  /** Parses UTF-8 bytes, such as a scrape; invalid UTF-8 is a parse error of its line. */
  static ExpositionAssert parse(byte[] utf8, ExpositionFormat format) {
    try {
      Exposition exposition = Exposition.parse(utf8, format);
      return new ExpositionAssert(new String(utf8, java.nio.charset.StandardCharsets.UTF_8), exposition,
          null, format, false);
    } catch (ExpositionParseException e) {
      return new ExpositionAssert(new String(utf8, java.nio.charset.StandardCharsets.UTF_8), null, e,
          format, false);
    }
  }

  AssertionError fail(String message) {
    return failure("%s", message);
  }

  private Exposition exposition() {
    if (parseError != null) {
      String formatName = format == ExpositionFormat.OPENMETRICS ? "OpenMetrics" : "Prometheus text";
      throw fail("Expecting a valid " + formatName + " exposition but parsing failed at "
          + parseError.getMessage());
    }
    return exposition;
  }

  private LabelMatcher matcher(Labels labels) {
    return LabelMatcher.of(labels, exactLabels);
  }

  /**
   * Returns assertions on the same exposition that pick series by their whole label set: {@code
   * labels("check_id", "db")} then matches {@code {check_id="db"}} and no series with more labels.
   * This assertion object keeps matching subsets.
   *
   * <pre>{@code
   * assertThat(text).matchingLabelsExactly()
   *     .doesNotHaveSeries("check_status", labels("check_id", "db"));
   * }</pre>
   *
   * @return assertions with exact label matching, with this one's description
   */
  public ExpositionAssert matchingLabelsExactly() {
    return new ExpositionAssert(actual, exposition, parseError, format, true)
        .describedAs(info.description());
  }

  /**
   * Verifies that the text parsed: every line follows the rules of its format.
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
   * @param name the family name; a counter is found with or without {@code _total}, an info family
   *     with or without {@code _info}
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
   * @param labels the labels to match, for example {@code labels("check_id", "db")}
   * @param value the expected value; NaN matches NaN, 0.0 matches -0.0
   * @return this assertion
   * @throws AssertionError if no series or several match, or the value differs
   * @throws NullPointerException if an argument is null
   */
  public ExpositionAssert hasSample(String sampleName, Labels labels, double value) {
    return hasSample(sampleName, labels, ValueMatcher.exactly(value));
  }

  /**
   * Verifies that exactly one series of a sample name matches the labels, with a value within an
   * offset of the expected one.
   *
   * @param sampleName the name on the sample's line
   * @param labels the labels to match, for example {@code labels("check_id", "db")}
   * @param value the expected value, finite
   * @param offset the accepted difference, for example AssertJ's {@code within(1e-9)}
   * @return this assertion
   * @throws AssertionError if no series or several match, or the value is farther than the offset
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if value is not finite
   */
  public ExpositionAssert hasSample(String sampleName, Labels labels, double value, Offset<Double> offset) {
    return hasSample(sampleName, labels, ValueMatcher.closeTo(value, offset));
  }

  private ExpositionAssert hasSample(String sampleName, Labels labels, ValueMatcher value) {
    Objects.requireNonNull(labels, "labels");
    LabelMatcher matcher = matcher(labels);
    String expectation = "to have a sample:\n  " + sampleName + matcher + " " + value;
    Sample sample = selectOne(sampleName, exposition().samples(sampleName), matcher, expectation);
    if (!value.matches(sample.value())) {
      throw fail("Expecting exposition " + expectation + "\nbut its value was "
          + LabelText.formatValue(sample.value()) + ":\n"
          + Messages.line(sample));
    }
    return this;
  }

  /**
   * Verifies that a counter series exists and returns assertions on it.
   *
   * @param name the counter's name, with or without {@code _total}
   * @param labels the labels to match, for example {@code labels("check_id", "db")}
   * @return assertions on the series' {@code _total} sample
   * @throws AssertionError if the family is missing or not a counter, or not exactly one series matches
   */
  public SeriesAssert hasCounter(String name, Labels labels) {
    return single(name, labels, FamilyType.COUNTER);
  }

  /**
   * Verifies that a gauge series exists and returns assertions on it.
   *
   * @param name the gauge's name
   * @param labels the labels to match, for example {@code labels("check_id", "db")}
   * @return assertions on the series
   * @throws AssertionError if the family is missing or not a gauge, or not exactly one series matches
   */
  public SeriesAssert hasGauge(String name, Labels labels) {
    return single(name, labels, FamilyType.GAUGE);
  }

  private SeriesAssert single(String name, Labels labels, FamilyType type) {
    Objects.requireNonNull(labels, "labels");
    LabelMatcher matcher = matcher(labels);
    String kind = type.openMetricsName();
    String expectation = "to have a " + kind + " " + name + matcher;
    MetricFamily family = family(name, expectation);
    checkType(family, type, expectation);
    String sampleName = type == FamilyType.COUNTER && format == ExpositionFormat.OPENMETRICS
        ? family.name() + "_total" : family.name();
    List<Sample> candidates = new ArrayList<>();
    family.samples().forEach(sample -> {
      if (sample.name().equals(sampleName)) {
        candidates.add(sample);
      }
    });
    Sample sample = selectOne(sampleName, candidates, matcher, expectation);
    return new SeriesAssert(family, sample.labels(), List.of(sample), this);
  }

  private void checkType(MetricFamily family, FamilyType type, String expectation) {
    if (family.type() != type) {
      throw fail("Expecting exposition " + expectation + "\nbut " + family.name() + " is a "
          + family.type().openMetricsName() + " (line " + family.lineNumber() + ")");
    }
  }

  /**
   * Verifies that a histogram series exists and returns assertions on its count, sum and buckets.
   *
   * @param name the histogram family's name, such as {@code check_duration_seconds}
   * @param labels the labels to match, without {@code le}
   * @return assertions on the series
   * @throws AssertionError if the family is missing or not a histogram, or not exactly one series
   *     matches
   */
  public SeriesAssert hasHistogram(String name, Labels labels) {
    Objects.requireNonNull(labels, "labels");
    LabelMatcher matcher = matcher(labels);
    String expectation = "to have a histogram " + name + matcher;
    MetricFamily family = family(name, expectation);
    checkType(family, FamilyType.HISTOGRAM, expectation);
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
      if (matcher.matches(entry.getKey())) {
        matching.add(entry.getValue());
      }
    }
    Sample chosen = choose(family.name(), representatives, matching, matcher, expectation);
    LabelSet key = chosen.labels().without("le");
    return new SeriesAssert(family, key, series.get(key), this);
  }

  /**
   * Verifies that at least one series of a family (or of a sample name) matches the labels.
   *
   * @param name a family name (any of its samples counts) or a sample name
   * @param labels the labels to match, for example {@code labels("check_id", "db")}
   * @return this assertion
   * @throws AssertionError if none matches, listing the nearest series
   */
  public ExpositionAssert hasSeries(String name, Labels labels) {
    Objects.requireNonNull(labels, "labels");
    LabelMatcher matcher = matcher(labels);
    List<Sample> candidates = seriesOf(name);
    if (candidates.stream().noneMatch(sample -> matcher.matches(sample.labels()))) {
      String expectation = "to have a series " + name + matcher;
      choose(name, candidates, List.of(), matcher, expectation);
    }
    return this;
  }

  /**
   * Verifies that no series of a family (or of a sample name) matches the labels, such as the
   * series of a removed check.
   *
   * @param name a family name (any of its samples counts) or a sample name
   * @param labels the labels to match, for example {@code labels("check_id", "db")}
   * @return this assertion
   * @throws AssertionError listing the series that match
   */
  public ExpositionAssert doesNotHaveSeries(String name, Labels labels) {
    Objects.requireNonNull(labels, "labels");
    LabelMatcher matcher = matcher(labels);
    List<Sample> found = new ArrayList<>();
    for (Sample sample : seriesOf(name)) {
      if (matcher.matches(sample.labels())) {
        found.add(sample);
      }
    }
    if (!found.isEmpty()) {
      throw fail("Expecting exposition not to have a series " + name + matcher + "\nbut found "
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

  /**
   * Returns assertions on the values of every sample of a name, in exposition order, for what the
   * methods above do not say, such as a sum over series.
   *
   * <pre>{@code
   * double runs = assertThat(text).extractingValues("check_runs_total")
   *     .isNotEmpty().actual().stream().mapToDouble(Double::doubleValue).sum();
   * }</pre>
   *
   * @param sampleName the name on the samples' lines, such as {@code check_runs_total}
   * @return AssertJ's list assertions on the values, empty when no sample has the name; NaN and
   *     infinities as read
   * @throws AssertionError if the text is not a valid exposition
   * @throws NullPointerException if sampleName is null
   */
  public ListAssert<Double> extractingValues(String sampleName) {
    List<Double> values = new ArrayList<>();
    exposition().samples(sampleName).forEach(sample -> values.add(sample.value()));
    return Assertions.assertThat(values).as(info.description());
  }

  private Sample selectOne(String sampleName, List<Sample> candidates, LabelMatcher labels,
      String expectation) {
    Objects.requireNonNull(sampleName, "sampleName");
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
