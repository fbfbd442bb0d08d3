package io.github.checkmetrics.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.runner.CheckRunner;
import io.github.checkmetrics.runner.HttpProbe;
import io.github.checkmetrics.runner.ScheduledCheck;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runner at scale (a harness, run by {@code benchmarks/runner-scale.sh}, never a test).
 *
 * <pre>
 * RunnerScale target PORT DELAY_MS            a loopback HTTP target answering 200 after DELAY_MS
 * RunnerScale runner URL CHECKS INTERVAL_S SECONDS WARMUP_S
 *                                             CHECKS HTTP checks of URL on default settings
 * </pre>
 *
 * <p>The runner side prints one line of {@code key=value} pairs, measured after the warm-up:
 * runs delivered and expected, the share that started within 1 s of schedule (from {@code
 * check_runner_schedule_lag_seconds}), skipped runs, process CPU seconds, peak heap after the
 * warm-up (sampled every 500 ms) and the RSS at the end.
 */
public final class RunnerScale {

  private RunnerScale() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("target")) {
      target(Integer.parseInt(args[1]), Long.parseLong(args[2]));
    } else if (args.length >= 6 && args[0].equals("runner")) {
      runner(
          args[1],
          Integer.parseInt(args[2]),
          Integer.parseInt(args[3]),
          Integer.parseInt(args[4]),
          Integer.parseInt(args[5]));
    } else {
      System.err.println(
          "usage: RunnerScale target PORT DELAY_MS | runner URL CHECKS INTERVAL_S SECONDS WARMUP_S");
      System.exit(2);
    }
  }

  /** Answers every request after a delay without holding a thread while it waits. */
  private static void target(int port, long delayMillis) throws IOException {
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
    byte[] body = "UP\n".getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          timer.schedule(() -> answer(exchange, body), delayMillis, TimeUnit.MILLISECONDS);
        });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    System.out.println("target listening on 127.0.0.1:" + port);
  }

  private static void answer(HttpExchange exchange, byte[] body) {
    try {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      // the prober left
    } finally {
      exchange.close();
    }
  }

  private static void runner(String url, int checks, int intervalSeconds, int seconds, int warmup)
      throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    AtomicLong results = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong durationMicros = new AtomicLong();
    java.util.Map<String, AtomicLong> reasons = new java.util.concurrent.ConcurrentHashMap<>();
    Duration interval = Duration.ofSeconds(intervalSeconds);
    try (CheckRunner runner =
        CheckRunner.builder(metrics)
            .onResult(
                r -> {
                  results.incrementAndGet();
                  durationMicros.addAndGet((long) (r.durationSeconds() * 1e6));
                  if (r.failureReason().isPresent()) {
                    failures.incrementAndGet();
                    reasons.computeIfAbsent(r.failureReason().get(), k -> new AtomicLong()).incrementAndGet();
                  }
                })
            .build()) {
      for (int i = 0; i < checks; i++) {
        // Default settings: no tuning of the runner, the default timeout (half a 10 s interval).
        runner.add(
            ScheduledCheck.builder(
                    Check.builder("check-" + i).type("http").build(),
                    HttpProbe.builder(url + "?check=" + i).build())
                .interval(interval)
                .build());
      }
      runner.start();
      Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));

      long results0 = results.get();
      long micros0 = durationMicros.get();
      long failures0 = failures.get();
      double[] lag0 = lag(registry);
      long cpu0 = cpuNanos();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long peakHeap = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        Thread.sleep(500);
      }
      long cpu = cpuNanos() - cpu0;
      long delivered = results.get() - results0;
      long failed = failures.get() - failures0;
      double[] lag1 = lag(registry);
      double started = lag1[1] - lag0[1];
      double onTime = lag1[0] - lag0[0];
      long expected = (long) checks * seconds / intervalSeconds;
      System.out.println(
          String.format(
              Locale.ROOT,
              "side=checkmetrics checks=%d interval_s=%d window_s=%d expected=%d delivered=%d"
                  + " failed=%d started=%.0f on_time_pct=%.2f cpu_s=%.2f cpu_s_per_1000=%.3f"
                  + " peak_heap_mb=%.0f rss_mb=%.0f",
              checks,
              intervalSeconds,
              seconds,
              expected,
              delivered,
              failed,
              started,
              started == 0 ? 0 : 100.0 * onTime / started,
              cpu / 1e9,
              delivered == 0 ? 0 : cpu / 1e9 / delivered * 1000,
              peakHeap / 1048576.0,
              rssKb() / 1024.0)
              + String.format(
                  Locale.ROOT,
                  " mean_run_s=%.3f",
                  delivered == 0 ? 0 : (durationMicros.get() - micros0) / 1e6 / delivered)
              + " skipped_since_start=" + skipped(registry)
              + " failure_reasons_since_start=" + reasons);
    }
  }

  /** Runs that started within 1 s of schedule, and all started runs, so far. */
  private static double[] lag(PrometheusRegistry registry) {
    for (MetricSnapshot snapshot : registry.scrape(n -> n.equals("check_runner_schedule_lag_seconds"))) {
      HistogramSnapshot histogram = (HistogramSnapshot) snapshot;
      var point = histogram.getDataPoints().get(0);
      ClassicHistogramBuckets buckets = point.getClassicBuckets();
      long cumulative = 0;
      long withinOneSecond = 0;
      for (int i = 0; i < buckets.size(); i++) {
        cumulative += buckets.getCount(i);
        if (buckets.getUpperBound(i) <= 1.0) {
          withinOneSecond = cumulative;
        }
      }
      return new double[] {withinOneSecond, point.getCount()};
    }
    return new double[] {0, 0};
  }

  /** The runner's skipped runs by reason, such as {@code {saturated=12, still_running=0}}. */
  private static java.util.Map<String, Double> skipped(PrometheusRegistry registry) {
    java.util.Map<String, Double> byReason = new java.util.TreeMap<>();
    for (MetricSnapshot snapshot : registry.scrape(n -> n.equals("check_runner_skipped_runs"))) {
      for (var point : ((io.prometheus.metrics.model.snapshots.CounterSnapshot) snapshot).getDataPoints()) {
        byReason.put(point.getLabels().get("reason"), point.getValue());
      }
    }
    return byReason;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
