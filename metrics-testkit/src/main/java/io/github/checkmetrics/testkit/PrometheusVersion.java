package io.github.checkmetrics.testkit;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Prometheus servers the tests run against, side by side: a test that starts a Prometheus
 * takes one as a parameter ({@code @ParameterizedTest @EnumSource(PrometheusVersion.class)}) and
 * hands it to {@link PrometheusServer.Builder#version(PrometheusVersion)}.
 *
 * <ul>
 *   <li>{@link #V2_42}: Debian bookworm's package {@code prometheus}, on {@code PATH} or in {@code
 *       /usr/bin} (see {@link Tools});
 *   <li>{@link #V3_5}: Prometheus 3.5 LTS from Debian's unstable suite, which cannot be installed
 *       on bookworm: {@code .ci/fetch-prometheus3} extracts it into a folder of its own and the
 *       build passes the binary's path as system property {@value #PROMETHEUS3_PROPERTY}.
 * </ul>
 *
 * <p>A missing binary skips the test, or fails it under {@code
 * -D}{@value Tools#REQUIRE_TOOLS_PROPERTY}{@code =true}; a path that is set but names no
 * executable always fails it.
 *
 * <p>Thread-safe: an enum.
 */
public enum PrometheusVersion {
  /** Prometheus 2.42 (Debian bookworm). */
  V2_42("2.42"),
  /** Prometheus 3.5 LTS (Debian unstable, extracted by {@code .ci/fetch-prometheus3}). */
  V3_5("3.5");

  /** System property holding the path of the Prometheus 3 binary; empty or missing: none. */
  public static final String PROMETHEUS3_PROPERTY = "checkmetricsTest.prometheus3";

  private final String label;

  PrometheusVersion(String label) {
    this.label = label;
  }

  /**
   * Whether this is Prometheus 3 or later, whose defaults differ: it asks for UTF-8 names
   * ({@code escaping=allow-utf-8}) and reads quoted names.
   *
   * @return true for {@link #V3_5}
   */
  public boolean isPrometheus3() {
    return this == V3_5;
  }

  /**
   * Returns the binary of this version, or ends the current test when it is missing: skipped by
   * default, failed under {@code -D}{@value Tools#REQUIRE_TOOLS_PROPERTY}{@code =true}.
   *
   * @return the executable's path
   * @throws org.opentest4j.TestAbortedException if the binary is missing and not required
   * @throws org.opentest4j.AssertionFailedError if it is missing and required, or if {@value
   *     #PROMETHEUS3_PROPERTY} names no executable file
   */
  public Path requireOrSkip() {
    if (this == V2_42) {
      return Tools.requireOrSkip(Tools.PROMETHEUS);
    }
    return requireOrSkip(System.getProperty(PROMETHEUS3_PROPERTY), Tools.toolsRequired());
  }

  static Path requireOrSkip(String configured, boolean required) {
    Optional<Path> binary = binary(configured);
    if (binary.isPresent()) {
      return binary.get();
    }
    if (required) {
      return Assertions.fail("Prometheus 3 binary not configured and "
          + Tools.REQUIRE_TOOLS_PROPERTY + "=true: set -D" + PROMETHEUS3_PROPERTY
          + "=PATH (.ci/run does, through .ci/fetch-prometheus3)");
    }
    return Assumptions.abort("Prometheus 3 binary not configured: test skipped (set -D"
        + PROMETHEUS3_PROPERTY + "=PATH, see .ci/fetch-prometheus3)");
  }

  /** The configured binary; empty when none is configured; fails when it names no executable. */
  static Optional<Path> binary(String configured) {
    if (configured == null || configured.isBlank()) {
      return Optional.empty();
    }
    Path path;
    try {
      path = Path.of(configured.strip());
    } catch (InvalidPathException e) {
      return Assertions.fail(PROMETHEUS3_PROPERTY + " is not a path: \"" + configured + "\"");
    }
    if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
      return Assertions.fail(
          PROMETHEUS3_PROPERTY + " must name an executable file: \"" + configured + "\"");
    }
    return Optional.of(path);
  }

  /**
   * Returns the version as people write it.
   *
   * @return {@code "2.42"} or {@code "3.5"}
   */
  @Override
  public String toString() {
    return label;
  }
}
