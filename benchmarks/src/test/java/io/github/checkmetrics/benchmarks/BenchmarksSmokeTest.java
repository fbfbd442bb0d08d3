package io.github.checkmetrics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, briefly (one fork, no warm-up, one short iteration, a small scrape,
 * 10 tenants for the tenant scrape), so that none of them rots between real runs. It checks that
 * each one ran and produced a score; it never looks at how fast.
 */
class BenchmarksSmokeTest {

  private static final List<Class<?>> BENCHMARKS =
      List.of(
          RecordBenchmark.class,
          ScrapeBenchmark.class,
          LookupBenchmark.class,
          TenantScrapeBenchmark.class);
  private static final int SMOKE_BATCH = 50;

  @Test
  void everyBenchmarkShouldRunOnceAndScore() throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(RecordBenchmark.class.getPackageName() + "\\..*Benchmark\\..*")
            .forks(1)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            // single-shot benchmarks: a small batch, scored per operation as in the real run
            .warmupBatchSize(SMOKE_BATCH)
            .measurementBatchSize(SMOKE_BATCH)
            .operationsPerInvocation(SMOKE_BATCH)
            .param("checks", "10")
            .param("tenants", "10")
            .jvmArgsAppend("-Xmx256m")
            .shouldFailOnError(true)
            .build();

    Collection<RunResult> results = new Runner(options).run();

    List<String> ran =
        results.stream()
            .map(r -> r.getParams().getBenchmark())
            .sorted()
            .collect(Collectors.toList());
    assertThat(ran).containsExactlyElementsOf(benchmarkNames());
    assertThat(results)
        .allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isFinite().isPositive());
  }

  private static List<String> benchmarkNames() {
    return BENCHMARKS.stream()
        .flatMap(
            type ->
                Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Benchmark.class))
                    .map(Method::getName)
                    .map(name -> type.getName() + "." + name))
        .sorted()
        .collect(Collectors.toList());
  }
}
