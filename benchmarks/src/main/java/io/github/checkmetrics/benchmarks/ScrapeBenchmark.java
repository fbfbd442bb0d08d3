package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ExpositionWriter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one whole scrape of {@code checks} checks × 3 regions written to a discarding stream:
 * checkmetrics' {@link ExpositionWriter} against client_java's writer on the same registry and
 * against Micrometer's {@code scrape} of an equivalent registry, in each exposition format. Each
 * method returns the bytes written (see {@link ScrapeSizes} for the sizes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ScrapeBenchmark {

  /** The number of checks; each ran in 3 regions. */
  @Param("1000")
  public int checks;

  private Scrapes scrapes;

  /** Fills the registries. */
  @Setup
  public void setUp() {
    scrapes = new Scrapes(checks);
  }

  private long write(Scrapes.Peer peer, ExpositionFormat format) throws IOException {
    CountingOutputStream out = new CountingOutputStream();
    peer.write(scrapes, out, format);
    return out.count();
  }

  /** checkmetrics, Prometheus text 0.0.4. */
  @Benchmark
  public long checkMetricsText() throws IOException {
    return write(Scrapes::checkMetrics, ExpositionFormat.PROMETHEUS_TEXT);
  }

  /** client_java's writer, Prometheus text 0.0.4. */
  @Benchmark
  public long clientJavaText() throws IOException {
    return write(Scrapes::clientJava, ExpositionFormat.PROMETHEUS_TEXT);
  }

  /** Micrometer, Prometheus text 0.0.4. */
  @Benchmark
  public long micrometerText() throws IOException {
    return write(Scrapes::micrometer, ExpositionFormat.PROMETHEUS_TEXT);
  }

  /** checkmetrics, OpenMetrics 1.0. */
  @Benchmark
  public long checkMetricsOpenMetrics() throws IOException {
    return write(Scrapes::checkMetrics, ExpositionFormat.OPENMETRICS);
  }

  /** client_java's writer, OpenMetrics 1.0. */
  @Benchmark
  public long clientJavaOpenMetrics() throws IOException {
    return write(Scrapes::clientJava, ExpositionFormat.OPENMETRICS);
  }

  /** Micrometer, OpenMetrics 1.0. */
  @Benchmark
  public long micrometerOpenMetrics() throws IOException {
    return write(Scrapes::micrometer, ExpositionFormat.OPENMETRICS);
  }

  /** checkmetrics, protobuf. */
  @Benchmark
  public long checkMetricsProtobuf() throws IOException {
    return write(Scrapes::checkMetrics, ExpositionFormat.PROTOBUF);
  }

  /** client_java's writer, protobuf. */
  @Benchmark
  public long clientJavaProtobuf() throws IOException {
    return write(Scrapes::clientJava, ExpositionFormat.PROTOBUF);
  }

  /** Micrometer, protobuf. */
  @Benchmark
  public long micrometerProtobuf() throws IOException {
    return write(Scrapes::micrometer, ExpositionFormat.PROTOBUF);
  }
}
