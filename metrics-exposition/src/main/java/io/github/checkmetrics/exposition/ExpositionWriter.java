package io.github.checkmetrics.exposition;

import io.github.checkmetrics.model.internal.SetOnce;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Writes every metric family of a client_java {@link PrometheusRegistry} (check metrics and any
 * other metric in it) to an {@link OutputStream}, in any {@link ExpositionFormat}.
 *
 * <pre>{@code
 * ExpositionWriter writer = ExpositionWriter.builder()
 *     .registry(registry)
 *     .constantLabel("service", "orders")
 *     .build();
 * writer.write(System.out, ExpositionFormat.PROMETHEUS_TEXT);
 * }</pre>
 *
 * <p>Constant labels are added to every series at exposition time, as Infini Gateway does. A
 * constant label must not be a label that a family of the registry has: {@link Builder#build()}
 * refuses one that clashes with a family registered by then (the check families of every open
 * {@code CheckMetrics} in the registry, with or without series, and every family with a series of
 * that label, such as client_java's JVM metrics). A clash that appears later (a family registered
 * afterwards, or one of the application's without series at build time) fails each scrape that
 * holds it ({@link IllegalStateException} with the same message), never a silently duplicated
 * label. The formats themselves are written by client_java's writers.
 *
 * <p>Instances are immutable and thread-safe; every call scrapes the registry anew.
 */
public final class ExpositionWriter {

  private static final List<String> SUFFIXES =
      List.of("_total", "_created", "_bucket", "_count", "_sum", "_info", "_gcount", "_gsum");

  private final PrometheusRegistry registry;
  private final ConstantLabels constantLabels;

  private ExpositionWriter(Builder builder) {
    this.registry =
        builder.registry != null ? builder.registry : PrometheusRegistry.defaultRegistry;
    this.constantLabels = new ConstantLabels(builder.constantLabels);
  }

  /**
   * Starts a builder over client_java's default registry, without constant labels.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A writer of the given registry, without constant labels.
   *
   * @param registry the registry to scrape
   * @return the writer
   */
  public static ExpositionWriter of(PrometheusRegistry registry) {
    return builder().registry(registry).build();
  }

  /**
   * Scrapes the registry and writes every family in the given format. The stream is flushed, not
   * closed.
   *
   * @param out where the exposition goes
   * @param format the exposition format
   * @throws IOException if writing to {@code out} fails
   * @throws IllegalStateException if a constant label collides with a label of a family
   * @throws RuntimeException whatever a collector of the registry throws while collecting
   */
  public void write(OutputStream out, ExpositionFormat format) throws IOException {
    write(out, format, null);
  }

  /**
   * Scrapes the families the filter accepts and writes them in the given format. The stream is
   * flushed, not closed.
   *
   * @param out where the exposition goes
   * @param format the exposition format
   * @param familyFilter accepts the client_java names of the families to write (such as {@code
   *     check_runs} for {@code check_runs_total}), or {@code null} for every family; see {@link
   *     #familyNames(Collection)}
   * @throws IOException if writing to {@code out} fails
   * @throws IllegalStateException if a constant label collides with a label of a family
   * @throws RuntimeException whatever a collector of the registry throws while collecting
   */
  public void write(OutputStream out, ExpositionFormat format, Predicate<String> familyFilter)
      throws IOException {
    write(out, format, EscapingScheme.UNDERSCORE_ESCAPING, familyFilter);
  }

  /**
   * Scrapes the families the filter accepts and writes them in the given format, with names
   * outside the legacy character set {@code [a-zA-Z_:][a-zA-Z0-9_:]*} written as {@code escaping}
   * says: {@link EscapingScheme#ALLOW_UTF8} quotes them ({@code {"my.metric",...}}), which
   * Prometheus 3 reads from text 1.0.0 and OpenMetrics 1.0.0; the others rewrite them into the
   * legacy set as the <a href="https://prometheus.io/docs/instrumenting/escaping_schemes/">escaping
   * schemes</a> specify. The writing is client_java's. The stream is flushed, not closed.
   *
   * @param out where the exposition goes
   * @param format the exposition format
   * @param escaping how names outside the legacy character set are written; the other {@code
   *     write} methods use {@link EscapingScheme#UNDERSCORE_ESCAPING}
   * @param familyFilter as in {@link #write(OutputStream, ExpositionFormat, Predicate)}, or {@code
   *     null} for every family
   * @throws IOException if writing to {@code out} fails
   * @throws IllegalStateException if a constant label collides with a label of a family
   * @throws RuntimeException whatever a collector of the registry throws while collecting
   */
  public void write(
      OutputStream out,
      ExpositionFormat format,
      EscapingScheme escaping,
      Predicate<String> familyFilter)
      throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(escaping, "escaping");
    format.writer().write(out, collect(familyFilter), escaping);
    out.flush();
  }

  /**
   * Scrapes the registry, with the constant labels added.
   *
   * @param familyFilter as in {@link #write(OutputStream, ExpositionFormat, Predicate)}, or {@code
   *     null} for every family
   * @return the snapshots of the accepted families
   * @throws IllegalStateException if a constant label collides with a label of a family
   */
  public MetricSnapshots collect(Predicate<String> familyFilter) {
    MetricSnapshots snapshots =
        familyFilter == null ? registry.scrape() : registry.scrape(familyFilter);
    return constantLabels.apply(snapshots);
  }

  /** {@code snapshots}, collected elsewhere (a tenant's view), with the constant labels added. */
  MetricSnapshots withConstantLabels(MetricSnapshots snapshots) {
    return constantLabels.apply(snapshots);
  }

  /** The registry this writer scrapes. */
  PrometheusRegistry registry() {
    return registry;
  }

  /**
   * Scrapes the registry and returns the exposition as a string.
   *
   * @param format a text format: {@link ExpositionFormat#PROMETHEUS_TEXT} or {@link
   *     ExpositionFormat#OPENMETRICS}
   * @return the whole exposition
   * @throws IllegalArgumentException for {@link ExpositionFormat#PROTOBUF}, which is binary
   * @throws IllegalStateException if a constant label collides with a label of a family
   */
  public String toString(ExpositionFormat format) {
    Objects.requireNonNull(format, "format");
    if (!format.isText()) {
      throw new IllegalArgumentException("format must be a text format: " + format);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, format);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * A family filter accepting the families with the given names, as the {@code name[]} parameter
   * of a scrape names them: a family's own name or any of its sample names ({@code
   * check_runs_total} selects the counter family {@code check_runs}).
   *
   * @param names the names to accept
   * @return a predicate over client_java family names
   */
  public static Predicate<String> familyNames(Collection<String> names) {
    Set<String> wanted = Set.copyOf(names);
    return family -> {
      if (wanted.contains(family)) {
        return true;
      }
      for (String suffix : SUFFIXES) {
        if (wanted.contains(family + suffix)) {
          return true;
        }
      }
      return false;
    };
  }

  /**
   * Refuses a constant label that a family of the registry has now, as {@link Builder#build()}
   * does.
   *
   * @throws IllegalArgumentException naming the label and the family
   */
  void checkConstantLabels() {
    constantLabels.requireNoClash(registry);
  }

  /** Builds an {@link ExpositionWriter}; not thread-safe. */
  public static final class Builder {
    private PrometheusRegistry registry;
    private final Map<String, String> constantLabels = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the registry to write.
     *
     * @param registry the registry to scrape; default: client_java's {@link
     *     PrometheusRegistry#defaultRegistry}
     * @return this builder
     * @throws NullPointerException when {@code registry} is null
     * @throws IllegalStateException when the registry was already set
     */
    public Builder registry(PrometheusRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      this.registry = SetOnce.set("registry", this.registry, registry);
      return this;
    }

    /**
     * Adds a label to every series written.
     *
     * @param name a legal label name {@code [a-zA-Z_][a-zA-Z0-9_]*} not starting with {@code __}
     *     (reserved for internal use by the <a
     *     href="https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels">Prometheus
     *     data model</a>)
     * @param value any string
     * @return this builder
     * @throws IllegalArgumentException if the name is not a legal constant label name: {@code
     *     constant label name must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ (reserved) and
     *     not be le or quantile (histogram buckets, summary quantiles): "__name__"}
     * @throws IllegalStateException if the name was already given
     */
    public Builder constantLabel(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      ConstantLabels.put(constantLabels, name, value);
      return this;
    }

    /**
     * Adds labels to every series written, as {@link #constantLabel(String, String)} does for
     * each entry.
     *
     * @param labels label names to values
     * @return this builder
     */
    public Builder constantLabels(Map<String, String> labels) {
      Objects.requireNonNull(labels, "labels");
      labels.forEach(this::constantLabel);
      return this;
    }

    /**
     * Builds the writer, checking the constant labels against the families of the registry (one
     * scrape of it, only when there are constant labels).
     *
     * @return the immutable writer
     * @throws IllegalArgumentException when a constant label is a label of a family of the
     *     registry: a check family of an open {@code CheckMetrics}, or a family with a series of
     *     that label, such as {@code constant label region collides with a label of metric family
     *     check_last_duration_seconds}
     */
    public ExpositionWriter build() {
      ExpositionWriter writer = new ExpositionWriter(this);
      writer.checkConstantLabels();
      return writer;
    }
  }
}
