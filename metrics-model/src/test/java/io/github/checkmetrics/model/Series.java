package io.github.checkmetrics.model;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;

/** Reads series of a registry back for assertions: family name to "labels value" lines. */
final class Series {

  private Series() {}

  /** Every series of a family as {@code {a="1", b="2"} value} strings, sorted by labels. */
  static List<String> of(PrometheusRegistry registry, String family) {
    List<String> result = new ArrayList<>();
    for (MetricSnapshot snapshot : registry.scrape()) {
      if (!snapshot.getMetadata().getPrometheusName().equals(family)) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        result.add(render(point.getLabels()) + " " + value(point));
      }
    }
    return result;
  }

  private static String render(Labels labels) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < labels.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(labels.getName(i)).append("=\"");
      out.append(labels.getValue(i)).append('"');
    }
    return out.append('}').toString();
  }

  private static String value(DataPointSnapshot point) {
    if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot) {
      return String.valueOf(((GaugeSnapshot.GaugeDataPointSnapshot) point).getValue());
    }
    if (point instanceof CounterSnapshot.CounterDataPointSnapshot) {
      return String.valueOf(((CounterSnapshot.CounterDataPointSnapshot) point).getValue());
    }
    if (point instanceof HistogramSnapshot.HistogramDataPointSnapshot) {
      HistogramSnapshot.HistogramDataPointSnapshot histogram =
          (HistogramSnapshot.HistogramDataPointSnapshot) point;
      return "count=" + histogram.getCount() + " sum=" + histogram.getSum();
    }
    throw new IllegalArgumentException("unexpected data point " + point);
  }
}
