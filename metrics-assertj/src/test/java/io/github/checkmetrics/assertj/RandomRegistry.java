package io.github.checkmetrics.assertj;

import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A registry filled from a seed: checks with awkward names, tags and regions (quotes, backslashes,
 * newlines, carriage returns, tabs, non-ASCII, emoji, exposition syntax), random outcomes and
 * durations, some updated or removed; plus raw client_java metrics of every type with special values,
 * and random constant labels on the writer. What it did is kept for the domain assertions.
 */
final class RandomRegistry {
  private static final String[] PIECES = {
    "\"", "\\", "\n", "\\n", "\\\"", "\r", "\t", " ", "ë", "Grüße", "日本", "🚀", "{", "}", "=", "#",
    "# EOF", "le", "a", "db", "eu-west-1", "_total", "NaN", "+Inf", "\u00a0", "\u2028", "x"
  };
  private static final double[] DURATIONS = {0, 0.005, 0.0051, 0.5, 1, 9.99, 60, 61, 1e-9, 3600};

  final PrometheusRegistry registry = new PrometheusRegistry();
  final String namespace;
  final ExpositionWriter writer;
  /** Live checks to (region to [successes, failures, duration sum]). */
  final Map<Check, Map<String, double[]>> runs = new LinkedHashMap<>();
  final List<String> removed = new ArrayList<>();
  final Map<String, String> constantLabels = new LinkedHashMap<>();

  RandomRegistry(long seed) {
    Random random = new Random(seed);
    namespace = random.nextBoolean() ? "check" : "app_checks";
    CheckMetrics metrics = CheckMetrics.builder()
            .registry(registry)
            .schema(CheckSchema.DEFAULT.toBuilder().namespace(namespace).build())
            .build();
    int checks = random.nextInt(6);
    for (int i = 0; i < checks; i++) {
      Check check = Check.builder("c" + i + "." + random.nextInt(1000) + ":x-" + i)
          .name(text(random, 256))
          .type(random.nextBoolean() ? "http" : "tcp")
          .tags(tags(random))
          .muted(random.nextBoolean())
          .activated(random.nextBoolean())
          .build();
      metrics.register(check);
      Map<String, double[]> regions = new LinkedHashMap<>();
      int regionCount = random.nextInt(4);
      for (int r = 0; r < regionCount; r++) {
        String region = text(random, 128);
        double[] totals = regions.computeIfAbsent(region, k -> new double[3]);
        int results = 1 + random.nextInt(4);
        for (int n = 0; n < results; n++) {
          Outcome outcome = Outcome.values()[random.nextInt(Outcome.values().length)];
          double seconds = DURATIONS[random.nextInt(DURATIONS.length)] + (random.nextBoolean() ? 0 : random.nextDouble());
          metrics.record(CheckResult.builder(check.id(), region)
              .outcome(outcome)
              .duration(Duration.ofNanos(Math.round(seconds * 1e9)))
              .finishedAt(Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000_000)))
              .build());
          totals[outcome.isSuccess() ? 0 : 1]++;
          totals[2] += Math.round(seconds * 1e9) / 1e9;
        }
      }
      if (random.nextInt(4) == 0) {
        metrics.remove(check.id());
        removed.add(check.id());
        continue;
      }
      if (random.nextInt(3) == 0) { // re-tag, mute or activate; the name stays so counters continue
        check = check.toBuilder().tags(tags(random)).muted(random.nextBoolean()).activated(random.nextBoolean()).build();
        metrics.update(check);
      }
      runs.put(check, regions);
    }
    if (random.nextBoolean()) {
      rawMetrics(random);
    }
    ExpositionWriter.Builder builder = ExpositionWriter.builder().registry(registry);
    if (random.nextBoolean()) {
      constantLabels.put("instance", text(random, 64));
      if (random.nextBoolean()) {
        constantLabels.put("zone", text(random, 64));
      }
      builder.constantLabels(constantLabels);
    }
    writer = builder.build();
  }

  private void rawMetrics(Random random) {
    Counter counter = Counter.builder().name("raw_events").help(text(random, 40)).labelNames("path").register(registry);
    counter.labelValues(text(random, 30)).incWithExemplar(1 + random.nextInt(9),
        Labels.of("trace_id", Long.toHexString(random.nextLong()), "span_id", text(random, 10)));
    counter.labelValues("plain").inc(random.nextDouble() * 1e6);
    Gauge gauge = Gauge.builder().name("raw_value").help("special values").labelNames("kind").register(registry);
    double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
        Double.MAX_VALUE, 1e-7, -1e22, random.nextDouble()};
    for (int i = 0; i < specials.length; i++) {
      gauge.labelValues("k" + i).set(specials[i]);
    }
    Histogram histogram = Histogram.builder().name("raw_size_bytes").help("h").unit(Unit.BYTES)
        .classicOnly().classicUpperBounds(1e-5, 0.1, 1, 100000, 1e6).labelNames("x").register(registry);
    for (int i = 0; i < 5; i++) {
      histogram.labelValues(text(random, 8)).observe(random.nextDouble() * 1e6);
    }
    Summary summary = Summary.builder().name("raw_latency_seconds").help("s").unit(Unit.SECONDS)
        .quantile(0.5, 0.01).quantile(0.99, 0.001).register(registry);
    if (random.nextBoolean()) {
      summary.observe(random.nextDouble());
    }
    Info info = Info.builder().name("raw_build_info").help("i").labelNames("version").register(registry);
    info.setLabelValues(text(random, 20));
    StateSet stateSet = StateSet.builder().name("raw_feature").help("f").states("on", "off").labelNames("env")
        .register(registry);
    stateSet.labelValues(text(random, 12)).setTrue(random.nextBoolean() ? "on" : "off");
  }

  static String text(Random random, int maxLength) {
    StringBuilder out = new StringBuilder();
    int pieces = 1 + random.nextInt(4);
    for (int i = 0; i < pieces; i++) {
      out.append(PIECES[random.nextInt(PIECES.length)]);
    }
    String text = out.toString();
    if (text.length() <= maxLength) {
      return text;
    }
    // never split a surrogate pair: a lone surrogate is not text (UTF-8 writes it as "?")
    int end = Character.isLowSurrogate(text.charAt(maxLength)) ? maxLength - 1 : maxLength;
    return text.substring(0, end);
  }

  private static List<String> tags(Random random) {
    List<String> tags = new ArrayList<>();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      tags.add(text(random, 128).replace(",", ";"));
    }
    return tags;
  }
}
