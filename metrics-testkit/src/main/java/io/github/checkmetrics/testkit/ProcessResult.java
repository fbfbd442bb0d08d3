package io.github.checkmetrics.testkit;

import java.util.List;
import java.util.Objects;

/**
 * The exit status and the combined standard output and error of a finished tool run.
 *
 * <pre>{@code
 * ProcessResult result = Promtool.checkConfig(configFile);
 * assertThat(result.exitCode()).as(result.output()).isZero();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param exitCode the process exit status; 0 means success for the Prometheus tools
 * @param output everything the process wrote to stdout and stderr, interleaved, decoded as UTF-8
 */
public record ProcessResult(int exitCode, String output) {

  /**
   * Creates a result.
   *
   * @throws NullPointerException if {@code output} is null
   */
  public ProcessResult {
    Objects.requireNonNull(output, "output");
  }

  /**
   * Tells whether the process exited with status 0.
   *
   * @return {@code exitCode() == 0}
   */
  public boolean succeeded() {
    return exitCode == 0;
  }

  /**
   * Splits the output into its non-blank lines, each stripped of trailing whitespace.
   *
   * @return the lines, in order; unmodifiable
   */
  public List<String> lines() {
    return output.lines().map(String::stripTrailing).filter(line -> !line.isBlank()).toList();
  }
}
