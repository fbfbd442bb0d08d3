package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.exposition.ExpositionFormat;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the bytes one scrape of each peer writes in each format, for {@link ScrapeBenchmark}'s
 * table: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.checkmetrics.benchmarks.ScrapeSizes [checks]}.
 */
public final class ScrapeSizes {

  private ScrapeSizes() {}

  /**
   * Prints the sizes.
   *
   * @param args optionally the number of checks, default 1000
   */
  public static void main(String[] args) {
    int checks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    print(new Scrapes(checks), checks, System.out);
  }

  static void print(Scrapes scrapes, int checks, PrintStream out) {
    out.printf(Locale.ROOT, "bytes per scrape, %d checks x %d regions%n", checks,
        Fixtures.REGIONS.length);
    out.printf(Locale.ROOT, "%-16s %14s %14s %14s%n", "format", "checkmetrics", "client_java",
        "micrometer");
    for (ExpositionFormat format : ExpositionFormat.values()) {
      out.printf(Locale.ROOT, "%-16s %,14d %,14d %,14d%n", format,
          scrapes.size(Scrapes::checkMetrics, format),
          scrapes.size(Scrapes::clientJava, format),
          scrapes.size(Scrapes::micrometer, format));
    }
  }
}
