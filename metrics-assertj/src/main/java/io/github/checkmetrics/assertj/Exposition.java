package io.github.checkmetrics.assertj;

import io.github.checkmetrics.exposition.ExpositionFormat;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed exposition: the metric families and samples of one Prometheus text 0.0.4 or OpenMetrics
 * 1.0 document, read by a strict parser.
 *
 * <pre>{@code
 * Exposition exposition = Exposition.parse(body);
 * double up = exposition.family("check_status").orElseThrow().samples().get(0).value();
 * }</pre>
 *
 * <p>The parser follows the <a
 * href="https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format">text format
 * 0.0.4</a> and the <a href="https://prometheus.io/docs/specs/om/open_metrics_spec/">OpenMetrics 1.0
 * specification</a>, and fails on the first line that breaks them with an {@link
 * ExpositionParseException} naming the line and the rule. Where Prometheus's own parser is more
 * lenient than its specification (an upper-case {@code # TYPE}, a {@code # TYPE} line without a
 * type, a {@code # HELP} line after the samples), this parser follows the specification. Beyond the
 * syntax it checks: no label names starting with {@code __} (reserved), families and series not
 * interleaved, no duplicate series, histogram buckets with
 * {@code le} in increasing order, cumulative counts, a {@code +Inf} bucket equal to {@code _count},
 * summary quantiles between 0 and 1 and, in OpenMetrics, {@code # EOF} last, the {@code # UNIT} as the
 * name's suffix, exemplars only on counter totals and buckets, counts never negative. Quoted UTF-8
 * metric names (a Prometheus 3 extension) are rejected; UTF-8 label values and help texts are read.
 *
 * <p>Immutable and thread-safe.
 */
final class Exposition {
  private final ExpositionFormat format;
  private final List<MetricFamily> families;
  private final List<Sample> samples;

  private Exposition(ExpositionFormat format, List<MetricFamily> families) {
    this.format = format;
    this.families = List.copyOf(families);
    List<Sample> all = new ArrayList<>();
    families.forEach(family -> all.addAll(family.samples()));
    this.samples = List.copyOf(all);
  }

  /**
   * Parses text, detecting its format: OpenMetrics when a line reads exactly {@code # EOF}, Prometheus
   * text 0.0.4 otherwise. State the format ({@link #parse(String, ExpositionFormat)}) to check that
   * OpenMetrics text has its {@code # EOF}.
   *
   * @param text the whole exposition
   * @return the parsed exposition
   * @throws NullPointerException if text is null
   * @throws ExpositionParseException at the first line that breaks a rule of the format
   */
  public static Exposition parse(String text) {
    Objects.requireNonNull(text, "text");
    return parse(text,
        ExpositionParser.looksLikeOpenMetrics(text) ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT);
  }

  /**
   * Parses text in the given format.
   *
   * @param text the whole exposition
   * @param format {@link ExpositionFormat#PROMETHEUS_TEXT} or {@link ExpositionFormat#OPENMETRICS}
   * @return the parsed exposition
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the format is not a text format
   * @throws ExpositionParseException at the first line that breaks a rule of the format
   */
  public static Exposition parse(String text, ExpositionFormat format) {
    Objects.requireNonNull(text, "text");
    checkText(format);
    return new Exposition(format, ExpositionParser.parse(text, format == ExpositionFormat.OPENMETRICS));
  }

  /**
   * Parses UTF-8 bytes in the given format, such as a scrape's response body; invalid UTF-8 is an
   * error of the line it is on.
   *
   * @param utf8 the whole exposition, UTF-8 encoded
   * @param format {@link ExpositionFormat#PROMETHEUS_TEXT} or {@link ExpositionFormat#OPENMETRICS}
   * @return the parsed exposition
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the format is not a text format
   * @throws ExpositionParseException for invalid UTF-8 or at the first line that breaks a rule
   */
  public static Exposition parse(byte[] utf8, ExpositionFormat format) {
    Objects.requireNonNull(utf8, "utf8");
    checkText(format);
    return parse(decode(utf8), format);
  }

  private static void checkText(ExpositionFormat format) {
    Objects.requireNonNull(format, "format");
    if (!format.isText()) {
      throw new IllegalArgumentException(
          "format must be PROMETHEUS_TEXT or OPENMETRICS: " + format);
    }
  }

  private static String decode(byte[] utf8) {
    ByteBuffer in = ByteBuffer.wrap(utf8);
    CharBuffer out = CharBuffer.allocate(utf8.length); // UTF-8 never yields more chars than bytes
    CoderResult result = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(in, out, true);
    if (result.isError()) {
      int offset = in.position(); // the decoder stops at the first byte of the bad sequence
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (utf8[i] == '\n') {
          line++;
        }
      }
      throw new ExpositionParseException(line, "invalid UTF-8 at byte offset " + offset);
    }
    return out.flip().toString();
  }

  /**
   * The format the text was parsed as.
   *
   * @return {@link ExpositionFormat#PROMETHEUS_TEXT} or {@link ExpositionFormat#OPENMETRICS}
   */
  public ExpositionFormat format() {
    return format;
  }

  /**
   * The metric families in exposition order.
   *
   * @return the families, unmodifiable
   */
  public List<MetricFamily> families() {
    return families;
  }

  /**
   * Finds a family by name. A counter is found by its name with or without {@code _total} and an
   * info family with or without {@code _info}, so the same name finds it in both formats.
   *
   * @param name the family name, for example {@code check_runs_total} or {@code check_status}
   * @return the family, or empty
   * @throws NullPointerException if name is null
   */
  public Optional<MetricFamily> family(String name) {
    Objects.requireNonNull(name, "name");
    for (MetricFamily family : families) {
      if (family.name().equals(name)) {
        return Optional.of(family);
      }
    }
    for (MetricFamily family : families) {
      boolean counter = family.type() == FamilyType.COUNTER
          && (name.equals(family.name() + "_total") || family.name().equals(name + "_total"));
      boolean info = family.type() == FamilyType.INFO && name.equals(family.name() + "_info");
      if (counter || info) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }

  /**
   * Every sample in exposition order.
   *
   * @return the samples, unmodifiable
   */
  public List<Sample> samples() {
    return samples;
  }

  /**
   * The samples with this exact name, such as {@code check_duration_seconds_bucket}.
   *
   * @param sampleName the sample name, suffix included
   * @return the matching samples in exposition order; empty when none
   * @throws NullPointerException if sampleName is null
   */
  public List<Sample> samples(String sampleName) {
    Objects.requireNonNull(sampleName, "sampleName");
    List<Sample> matching = new ArrayList<>();
    for (Sample sample : samples) {
      if (sample.name().equals(sampleName)) {
        matching.add(sample);
      }
    }
    return List.copyOf(matching);
  }

  @Override
  public String toString() {
    return format + " exposition with " + families.size() + " families and " + samples.size() + " samples";
  }
}
