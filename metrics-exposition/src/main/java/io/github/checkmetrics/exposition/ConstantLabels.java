package io.github.checkmetrics.exposition;

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
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Adds a fixed label set to every data point of a scrape, at exposition time (client_java only
 * knows constant labels per metric, fixed when the metric is built).
 */
final class ConstantLabels {

  private final Labels labels;

  ConstantLabels(Labels labels) {
    this.labels = labels;
  }

  boolean isEmpty() {
    return labels.isEmpty();
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
        throw new IllegalStateException(
            "constant label "
                + labels.getName(i)
                + " collides with a label of metric family "
                + metadata.getPrometheusName());
      }
    }
    return own.merge(labels);
  }
}
