package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/architecture.md} true: every class it names in backticks exists in the
 * sources of the project (main or test) (or, for the few JDK and client_java classes it names, on the class path),
 * every method it names on a class is in that class's source, and each of its two paths passes
 * through at most 8 classes, as issue 14 asks.
 */
class ArchitectureDocTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DOC = ROOT.resolve("docs/architecture.md");

  /**
   * A backticked class reference: {@code CheckMetrics}, {@code ScrapeHandler.Builder}, {@code
   * ScrapeHandler.Builder.config}, {@code CheckMetrics.record(CheckResult)}.
   */
  private static final Pattern CLASS_REFERENCE =
      Pattern.compile("`([A-Z][A-Za-z0-9]*(?:\\.[A-Z][A-Za-z0-9]*)*)(?:[.#]([a-z][A-Za-z0-9]*)(?:\\([^`]*\\))?)?`");

  /** The classes of others the page names, by their simple name. */
  private static final Map<String, String> EXTERNAL = Map.ofEntries(
      Map.entry("HttpServer", "com.sun.net.httpserver.HttpServer"),
      Map.entry("OutputStream", "java.io.OutputStream"),
      Map.entry("Error", "java.lang.Error"),
      Map.entry("Histogram", "io.prometheus.metrics.core.metrics.Histogram"),
      Map.entry("Counter", "io.prometheus.metrics.core.metrics.Counter"),
      Map.entry("PrometheusRegistry", "io.prometheus.metrics.model.registry.PrometheusRegistry"),
      Map.entry("ExpositionFormatWriter", "io.prometheus.metrics.expositionformats.ExpositionFormatWriter"),
      Map.entry("PrometheusTextFormatWriter", "io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter"),
      Map.entry("OpenMetricsTextFormatWriter", "io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter"),
      Map.entry("PrometheusProtobufWriter", "io.prometheus.metrics.expositionformats.PrometheusProtobufWriter"));

  @Test
  void everyClassTheArchitectureNamesShouldExist() throws IOException {
    List<String> missing = missingReferences(Files.readString(DOC, StandardCharsets.UTF_8));

    assertThat(missing).as("names in docs/architecture.md without a class or method").isEmpty();
  }

  @Test
  void eachPathShouldPassThroughAtMostEightClasses() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);

    assertThat(steps(doc, "result-path")).hasSizeBetween(3, 8);
    assertThat(steps(doc, "request-path")).hasSizeBetween(3, 8);
  }

  @Test
  void aNameWithoutAClassOrMethodShouldBeReported() {
    List<String> missing = missingReferences(
        "`CheckMetrics` then `CheckMetrics.record(CheckResult)` then `CheckMetrics.noSuchMethod`,"
            + " `NoSuchClass`, `ScrapeHandler.NoSuchBuilder` and `HttpServer`.");

    assertThat(missing).containsExactly(
        "CheckMetrics.noSuchMethod: no method noSuchMethod in CheckMetrics",
        "NoSuchClass: no class NoSuchClass in the sources",
        "ScrapeHandler.NoSuchBuilder: no type NoSuchBuilder in ScrapeHandler");
  }

  private static List<String> steps(String doc, String marker) {
    int start = doc.indexOf("<!-- " + marker + " -->");
    int end = doc.indexOf("<!-- /" + marker + " -->");
    assertThat(start).as(marker + " marker").isNotNegative();
    assertThat(end).as("/" + marker + " marker").isGreaterThan(start);
    return doc.substring(start, end).lines().filter(line -> line.matches("\\d+\\. .*")).toList();
  }

  private static List<String> missingReferences(String text) {
    Map<String, Path> sources = mainSources();
    List<String> missing = new ArrayList<>();
    Matcher matcher = CLASS_REFERENCE.matcher(text);
    while (matcher.find()) {
      String[] types = matcher.group(1).split("\\.");
      String method = matcher.group(2);
      String reference = matcher.group(1) + (method == null ? "" : "." + method);
      String problem = problem(sources, types, method);
      if (problem != null && !missing.contains(reference + ": " + problem)) {
        missing.add(reference + ": " + problem);
      }
    }
    return missing;
  }

  private static String problem(Map<String, Path> sources, String[] types, String method) {
    String outer = types[0];
    if (EXTERNAL.containsKey(outer) && types.length == 1 && method == null) {
      try {
        Class.forName(EXTERNAL.get(outer), false, ArchitectureDocTest.class.getClassLoader());
        return null;
      } catch (ClassNotFoundException e) {
        return "not on the class path: " + EXTERNAL.get(outer);
      }
    }
    Path file = sources.get(outer);
    if (file == null) {
      return "no class " + outer + " in the sources";
    }
    String source = read(file);
    for (int i = 1; i < types.length; i++) {
      if (!Pattern.compile("\\b(class|interface|record|enum) " + types[i] + "\\b").matcher(source).find()) {
        return "no type " + types[i] + " in " + outer;
      }
    }
    if (method != null && !Pattern.compile("\\b" + method + "\\(").matcher(source).find()) {
      return "no method " + method + " in " + String.join(".", types);
    }
    return null;
  }

  /** Every {@code src/main/java} and {@code src/test/java} file of the project, by simple class name. */
  private static Map<String, Path> mainSources() {
    Map<String, Path> sources = new HashMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.toList()) {
        for (String tree : List.of("src/test/java", "src/main/java")) {
          Path directory = module.resolve(tree);
          if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.walk(directory, 12)) {
              files.filter(f -> f.toString().endsWith(".java"))
                  .forEach(f -> sources.put(f.getFileName().toString().replace(".java", ""), f));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(sources).as("sources under " + ROOT).containsKey("CheckMetrics");
    return sources;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
