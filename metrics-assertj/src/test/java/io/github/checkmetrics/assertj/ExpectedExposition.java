package io.github.checkmetrics.assertj;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an exposition of client_java snapshots must read back as, built from the snapshots alone (the
 * naming rules of each format as client_java applies them), never from the parser. Values compare
 * by {@link Double#compare}; {@code le} and {@code quantile} compare as numbers.
 */
final class ExpectedExposition {
  record Family(String name, FamilyType type, String help, String unit, List<Point> samples) {}

  record Point(String name, Map<String, String> labels, double value, String exemplar) {}

  private ExpectedExposition() {}

  static List<Family> of(MetricSnapshots snapshots, ExpositionFormat format) {
    boolean om = format == ExpositionFormat.OPENMETRICS;
    List<Family> families = new ArrayList<>();
    for (MetricSnapshot snapshot : snapshots) {
      if (snapshot.getDataPoints().isEmpty()) {
        continue; // client_java's writers leave out families without data points
      }
      MetricMetadata meta = snapshot.getMetadata();
      String name = meta.getPrometheusName();
      String help = meta.getHelp() == null ? "" : meta.getHelp();
      if (!om) {
        // Prometheus text separates tokens by any run of blanks, so a help text's leading blanks
        // are lost by every reader of 0.0.4, Prometheus's own included; OpenMetrics keeps them.
        help = help.replaceFirst("^[ \t]+", "");
      }
      String unit = om && meta.hasUnit() ? meta.getUnit().toString() : "";
      List<Point> points = new ArrayList<>();
      if (snapshot instanceof CounterSnapshot counter) {
        for (CounterSnapshot.CounterDataPointSnapshot p : counter.getDataPoints()) {
          String exemplar = om && p.getExemplar() != null ? exemplar(p.getExemplar()) : null;
          points.add(new Point(name + "_total", map(p.getLabels()), p.getValue(), exemplar));
        }
        families.add(new Family(om ? name : name + "_total", FamilyType.COUNTER, help, unit, points));
      } else if (snapshot instanceof GaugeSnapshot gauge) {
        gauge.getDataPoints().forEach(p -> points.add(new Point(name, map(p.getLabels()), p.getValue(), null)));
        families.add(new Family(name, FamilyType.GAUGE, help, unit, points));
      } else if (snapshot instanceof HistogramSnapshot histogram) {
        for (HistogramSnapshot.HistogramDataPointSnapshot p : histogram.getDataPoints()) {
          long cumulative = 0;
          for (int i = 0; i < p.getClassicBuckets().size(); i++) {
            cumulative += p.getClassicBuckets().getCount(i);
            Map<String, String> labels = map(p.getLabels());
            labels.put("le", canonical(p.getClassicBuckets().getUpperBound(i)));
            points.add(new Point(name + "_bucket", labels, cumulative, null));
          }
          points.add(new Point(name + "_count", map(p.getLabels()), p.getCount(), null));
          points.add(new Point(name + "_sum", map(p.getLabels()), p.getSum(), null));
        }
        families.add(new Family(name, FamilyType.HISTOGRAM, help, unit, points));
      } else if (snapshot instanceof SummarySnapshot summary) {
        for (SummarySnapshot.SummaryDataPointSnapshot p : summary.getDataPoints()) {
          for (Quantile q : p.getQuantiles()) {
            Map<String, String> labels = map(p.getLabels());
            labels.put("quantile", canonical(q.getQuantile()));
            points.add(new Point(name, labels, q.getValue(), null));
          }
          points.add(new Point(name + "_count", map(p.getLabels()), p.getCount(), null));
          points.add(new Point(name + "_sum", map(p.getLabels()), p.getSum(), null));
        }
        families.add(new Family(name, FamilyType.SUMMARY, help, unit, points));
      } else if (snapshot instanceof InfoSnapshot info) {
        info.getDataPoints().forEach(p -> points.add(new Point(name + "_info", map(p.getLabels()), 1, null)));
        families.add(new Family(om ? name : name + "_info", om ? FamilyType.INFO : FamilyType.GAUGE, help, unit, points));
      } else if (snapshot instanceof StateSetSnapshot stateSet) {
        for (StateSetSnapshot.StateSetDataPointSnapshot p : stateSet.getDataPoints()) {
          for (int i = 0; i < p.size(); i++) {
            Map<String, String> labels = map(p.getLabels());
            labels.put(name, p.getName(i));
            points.add(new Point(name, labels, p.isTrue(i) ? 1 : 0, null));
          }
        }
        families.add(new Family(name, om ? FamilyType.STATESET : FamilyType.GAUGE, help, unit, points));
      } else if (snapshot instanceof UnknownSnapshot unknown) {
        unknown.getDataPoints().forEach(p -> points.add(new Point(name, map(p.getLabels()), p.getValue(), null)));
        families.add(new Family(name, FamilyType.UNKNOWN, help, unit, points));
      } else {
        throw new IllegalArgumentException("unexpected snapshot type: " + snapshot.getClass());
      }
    }
    return families;
  }

  /** The parsed families in the same shape, with {@code le} and {@code quantile} made canonical. */
  static List<Family> of(Exposition exposition) {
    List<Family> families = new ArrayList<>();
    for (MetricFamily family : exposition.families()) {
      List<Point> points = new ArrayList<>();
      for (Sample sample : family.samples()) {
        Map<String, String> labels = new LinkedHashMap<>(sample.labels().asMap());
        labels.computeIfPresent("le", (k, v) -> canonical(Double.parseDouble(v.replace("Inf", "Infinity"))));
        labels.computeIfPresent("quantile", (k, v) -> canonical(Double.parseDouble(v)));
        String exemplar = sample.exemplar().map(e -> e.labels().asMap() + " " + e.value()
            + " " + e.timestamp().map(Instant::toEpochMilli).orElse(null)).orElse(null);
        points.add(new Point(sample.name(), labels, sample.value(), exemplar));
      }
      families.add(new Family(family.name(), family.type(), family.help(), family.unit(), points));
    }
    return families;
  }

  private static String exemplar(io.prometheus.metrics.model.snapshots.Exemplar exemplar) {
    return map(exemplar.getLabels()) + " " + exemplar.getValue() + " "
        + (exemplar.hasTimestamp() ? exemplar.getTimestampMillis() : null);
  }

  private static String canonical(double value) {
    return Double.toString(value);
  }

  private static Map<String, String> map(Labels labels) {
    Map<String, String> map = new LinkedHashMap<>();
    labels.forEach(label -> map.put(label.getName(), label.getValue()));
    return map;
  }
}
