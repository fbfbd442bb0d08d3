package io.github.checkmetrics.exposition;

import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.internal.SetOnce;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a fixed label set to every data point of a scrape, at exposition time (client_java only
 * knows constant labels per metric, fixed when the metric is built), and owns every rule of
 * constant labels: the legal names, their text form {@code name=value,name=value}, and the clash
 * with a label a family already has, each with its one message.
 */
final class ConstantLabels {

  private static final Logger LOG = LoggerFactory.getLogger(ExpositionWriter.class);

  /** The legacy label-name rule, checked by client_java's {@link PrometheusNaming}. */
  static final String NAME_RULE = "[a-zA-Z_][a-zA-Z0-9_]*";

  /** A constant label that a family of a scrape already has: the scrape fails with it. */
  static final class Clash extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Clash(String message) {
      super(message);
    }
  }

  private final Labels labels;

  ConstantLabels(Map<String, String> labels) {
    this.labels =
        Labels.of(labels.keySet().toArray(new String[0]), labels.values().toArray(new String[0]));
  }

  boolean isEmpty() {
    return labels.isEmpty();
  }

  /**
   * Adds a constant label to {@code labels}.
   *
   * @throws IllegalArgumentException when the name is not a legal constant label name
   * @throws IllegalStateException when {@code labels} has the name already (the set-once policy)
   */
  static void put(Map<String, String> labels, String name, String value) {
    if (!PrometheusNaming.isValidLegacyLabelName(name)
        || name.startsWith("__")
        || isReservedForSamples(name)) {
      throw new IllegalArgumentException(
          "constant label name must match " + NAME_RULE + ", not start with __ (reserved) and"
              + " not be le or quantile (histogram buckets, summary quantiles): \"" + name + "\"");
    }
    labels.put(name, SetOnce.set("constantLabel(" + name + ")", labels.get(name), value));
  }

  /**
   * Parses constant labels written as text: {@code name=value} pairs separated by commas, blanks
   * around names and values trimmed; blank text is no label.
   *
   * @throws IllegalArgumentException when the text is not such pairs or a name is not legal
   * @throws IllegalStateException when a name is given twice
   */
  static Map<String, String> parse(String text) {
    Objects.requireNonNull(text, "text");
    Map<String, String> labels = new LinkedHashMap<>();
    if (text.isBlank()) {
      return labels;
    }
    for (String pair : text.split(",", -1)) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(
            "constant labels must be name=value pairs separated by commas: \"" + text + "\"");
      }
      put(labels, pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
    }
    return labels;
  }

  /**
   * Whether a label name is reserved for the samples of a family: {@code le} (histogram buckets)
   * and {@code quantile} (summaries), as the <a
   * href="https://github.com/prometheus/OpenMetrics/blob/main/specification/OpenMetrics.md">OpenMetrics
   * specification</a> reserves them.
   */
  private static boolean isReservedForSamples(String labelName) {
    return labelName.equals("le") || labelName.equals("quantile");
  }

  /** The one message of a clash, at configuration and at scrape time. */
  private static String clash(String label, String family) {
    return "constant label " + label + " collides with a label of metric family " + family;
  }

  /**
   * Refuses a constant label that a family of {@code registry} has now: a family of an open {@code
   * CheckMetrics} (with or without series), or any family with a series of that label in a
   * scrape. A family registered later, or one without series and not a check family, is only
   * found by the scrape it fails.
   *
   * @throws IllegalArgumentException naming the first label that clashes and its family
   */
  void requireNoClash(PrometheusRegistry registry) {
    if (labels.isEmpty()) {
      return;
    }
    Map<String, Set<String>> scraped = null;
    try {
      scraped = labelNames(registry.scrape());
    } catch (RuntimeException e) {
      // Its scrapes fail too, and log why; the check families are checked all the same.
      LOG.debug("Could not scrape the registry to check the constant labels against it", e);
    }
    // By name, as a scrape orders them, so that both name the same family.
    Map<String, Set<String>> families = new TreeMap<>(scraped == null ? Map.of() : scraped);
    for (MetricFamilyDescriptor family : CheckMetrics.registeredFamilies(registry)) {
      // A scrape lists a check family even without series, unless the registry was cleared.
      if (scraped == null || scraped.containsKey(family.getPrometheusName())) {
        add(families, family.getPrometheusName(), family.getLabelNames());
      }
    }
    requireNoClash(families);
  }

  /**
   * The label names of the series of each family, by client_java family name, sorted by name (a
   * registry scrapes its collectors in no fixed order; the message of a clash names the same
   * family every time, the first by name).
   */
  static Map<String, Set<String>> labelNames(MetricSnapshots snapshots) {
    Map<String, Set<String>> families = new TreeMap<>();
    for (MetricSnapshot snapshot : snapshots) {
      Set<String> names = new LinkedHashSet<>();
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        Labels own = point.getLabels();
        for (int i = 0; i < own.size(); i++) {
          names.add(own.getName(i));
        }
      }
      add(families, snapshot.getMetadata().getPrometheusName(), names);
    }
    return families;
  }

  /**
   * Refuses a constant label that one of {@code families} (client_java family names to label
   * names) has.
   *
   * @throws IllegalArgumentException naming the first label that clashes and its family
   */
  void requireNoClash(Map<String, Set<String>> families) {
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.getName(i);
      for (Map.Entry<String, Set<String>> family : families.entrySet()) {
        if (family.getValue().contains(label)) {
          throw new IllegalArgumentException(clash(label, family.getKey()));
        }
      }
    }
  }

  private static void add(Map<String, Set<String>> families, String family, Set<String> names) {
    families.computeIfAbsent(family, f -> new LinkedHashSet<>()).addAll(names);
  }

  MetricSnapshots apply(MetricSnapshots snapshots) {
    if (labels.isEmpty()) {
      return snapshots;
    }
    MetricSnapshots.Builder result = MetricSnapshots.builder();
    for (MetricSnapshot snapshot : snapshots) {
      result.metricSnapshot(apply(snapshot));
    }
    return result.build();
  }

  private MetricSnapshot apply(MetricSnapshot snapshot) {
    MetricMetadata metadata = snapshot.getMetadata();
    if (snapshot instanceof CounterSnapshot) {
      return new CounterSnapshot(metadata, map(metadata, ((CounterSnapshot) snapshot).getDataPoints(),
          (p, l) -> new CounterDataPointSnapshot(p.getValue(), l, p.getExemplar(),
              p.getCreatedTimestampMillis(), p.getScrapeTimestampMillis())));
    } else if (snapshot instanceof GaugeSnapshot) {
      return new GaugeSnapshot(metadata, map(metadata, ((GaugeSnapshot) snapshot).getDataPoints(),
          (p, l) -> new GaugeDataPointSnapshot(p.getValue(), l, p.getExemplar(),
              p.getScrapeTimestampMillis())));
    } else if (snapshot instanceof HistogramSnapshot) {
      HistogramSnapshot histogram = (HistogramSnapshot) snapshot;
      return new HistogramSnapshot(histogram.isGaugeHistogram(), metadata,
          map(metadata, histogram.getDataPoints(),
              (p, l) -> new HistogramDataPointSnapshot(p.getClassicBuckets(), p.getNativeSchema(),
                  p.getNativeZeroCount(), p.getNativeZeroThreshold(),
                  p.getNativeBucketsForPositiveValues(), p.getNativeBucketsForNegativeValues(),
                  p.getSum(), l, p.getExemplars(), p.getCreatedTimestampMillis(),
                  p.getScrapeTimestampMillis())));
    } else if (snapshot instanceof SummarySnapshot) {
      return new SummarySnapshot(metadata, map(metadata, ((SummarySnapshot) snapshot).getDataPoints(),
          (p, l) -> new SummaryDataPointSnapshot(p.getCount(), p.getSum(), p.getQuantiles(), l,
              p.getExemplars(), p.getCreatedTimestampMillis(), p.getScrapeTimestampMillis())));
    } else if (snapshot instanceof InfoSnapshot) {
      return new InfoSnapshot(metadata, map(metadata, ((InfoSnapshot) snapshot).getDataPoints(),
          (p, l) -> new InfoDataPointSnapshot(l, p.getScrapeTimestampMillis())));
    } else if (snapshot instanceof StateSetSnapshot) {
      return new StateSetSnapshot(metadata, map(metadata,
          ((StateSetSnapshot) snapshot).getDataPoints(), ConstantLabels::stateSet));
    } else if (snapshot instanceof UnknownSnapshot) {
      return new UnknownSnapshot(metadata, map(metadata, ((UnknownSnapshot) snapshot).getDataPoints(),
          (p, l) -> new UnknownDataPointSnapshot(p.getValue(), l, p.getExemplar(),
              p.getScrapeTimestampMillis())));
    }
    throw new IllegalStateException(
        "cannot add constant labels to metric family " + metadata.getPrometheusName()
            + " of unknown type " + snapshot.getClass().getName());
  }

  private static StateSetDataPointSnapshot stateSet(StateSetDataPointSnapshot point, Labels labels) {
    String[] names = new String[point.size()];
    boolean[] values = new boolean[point.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = point.getName(i);
      values[i] = point.isTrue(i);
    }
    return new StateSetDataPointSnapshot(names, values, labels, point.getScrapeTimestampMillis());
  }

  private <P extends DataPointSnapshot> List<P> map(
      MetricMetadata metadata, List<P> points, BiFunction<P, Labels, P> copy) {
    List<P> result = new ArrayList<>(points.size());
    for (P point : points) {
      result.add(copy.apply(point, merge(metadata, point.getLabels())));
    }
    return result;
  }

  private Labels merge(MetricMetadata metadata, Labels own) {
    for (int i = 0; i < labels.size(); i++) {
      if (own.contains(labels.getName(i))) {
        throw new Clash(clash(labels.getName(i), metadata.getPrometheusName()));
      }
    }
    return own.merge(labels);
  }
}
