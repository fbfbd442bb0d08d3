package io.github.checkmetrics.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the real {@code promtool} (Debian package {@code prometheus}) against what a test produced.
 *
 * <p>Every method first calls {@link Tools#requireOrSkip(String)}, so a test that uses it is
 * skipped where {@code promtool} is missing, or fails there under
 * {@code -DcheckmetricsTest.requireTools=true}. Each run is bounded by {@link #TIMEOUT}; a run that
 * overstays is killed and reported with an {@link IllegalStateException}.
 *
 * <p>{@code promtool check metrics} (2.42) parses the Prometheus text format 0.0.4 only; feed it
 * OpenMetrics and exemplars or {@code _created} lines are reported as problems.
 *
 * <pre>{@code
 * assertThat(Promtool.checkMetrics(writer.toString(ExpositionFormat.PROMETHEUS_TEXT))).isEmpty();
 * }</pre>
 *
 * <p>Thread-safe: each call runs its own process.
 *
 * @see <a href="https://prometheus.io/docs/instrumenting/exposition_formats/">Exposition formats</a>
 * @see <a href="https://prometheus.io/docs/practices/naming/">Metric and label naming</a>
 */
public final class Promtool {

  /** The longest a single {@code promtool} run may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Promtool() {}

  /**
   * Runs {@code promtool check metrics} with the exposition on stdin and returns every problem it
   * printed: parse errors ({@code error while linting: ...}) and lint findings such as
   * {@code foo counter metrics should have "_total" suffix} or {@code foo no help text}.
   *
   * @param exposition a scrape body in the Prometheus text format 0.0.4
   * @return the problems, one line each, in promtool's order; empty when the exposition is clean
   * @throws NullPointerException if {@code exposition} is null
   * @throws IllegalStateException if promtool does not finish within {@link #TIMEOUT}
   */
  public static List<String> checkMetrics(String exposition) {
    Objects.requireNonNull(exposition, "exposition");
    ProcessResult result = run(List.of("check", "metrics"), exposition);
    List<String> problems = new ArrayList<>(result.lines());
    if (!result.succeeded() && problems.isEmpty()) {
      // Exit 1 means a parse error, 3 a lint problem; neither should pass unnoticed.
      problems.add("promtool check metrics exited with status " + result.exitCode()
          + " and printed nothing");
    }
    return List.copyOf(problems);
  }

  /**
   * Runs {@code promtool check config} on a Prometheus configuration file (and the rule files it
   * names).
   *
   * @param configFile path of a {@code prometheus.yml}
   * @return exit status (0 when valid) and output
   * @throws NullPointerException if {@code configFile} is null
   * @throws IllegalStateException if promtool does not finish within {@link #TIMEOUT}
   */
  public static ProcessResult checkConfig(Path configFile) {
    Objects.requireNonNull(configFile, "configFile");
    return run(List.of("check", "config", configFile.toString()), "");
  }

  /**
   * Runs {@code promtool check rules} on recording and alerting rule files.
   *
   * @param ruleFiles paths of rule files, at least one
   * @return exit status (0 when all are valid) and output
   * @throws NullPointerException if {@code ruleFiles} or an element is null
   * @throws IllegalArgumentException if no file is given
   * @throws IllegalStateException if promtool does not finish within {@link #TIMEOUT}
   */
  public static ProcessResult checkRules(Path... ruleFiles) {
    Objects.requireNonNull(ruleFiles, "ruleFiles");
    if (ruleFiles.length == 0) {
      throw new IllegalArgumentException("ruleFiles must name at least one file: []");
    }
    List<String> arguments = new ArrayList<>(List.of("check", "rules"));
    for (Path file : ruleFiles) {
      arguments.add(Objects.requireNonNull(file, "ruleFiles element").toString());
    }
    return run(arguments, "");
  }

  /**
   * Runs {@code promtool} with any arguments, for subcommands this class does not wrap.
   *
   * @param arguments the arguments after {@code promtool}, e.g. {@code ["test", "rules", "t.yml"]}
   * @param stdin text fed to its standard input, UTF-8; empty for none
   * @return exit status and output
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if promtool does not finish within {@link #TIMEOUT}
   */
  public static ProcessResult run(List<String> arguments, String stdin) {
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(stdin, "stdin");
    List<String> command = new ArrayList<>();
    command.add(Tools.requireOrSkip(Tools.PROMTOOL).toString());
    command.addAll(arguments);
    return Processes.run(command, stdin.getBytes(StandardCharsets.UTF_8), TIMEOUT);
  }
}
