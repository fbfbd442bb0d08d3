package io.github.checkmetrics.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the real Prometheus command-line tools and skips or fails a test when one is missing.
 *
 * <p>A tool is looked up on {@code PATH}, then in {@code /usr/bin}. When it is missing the current
 * test is skipped through JUnit {@link Assumptions}, unless the system property
 * {@value #REQUIRE_TOOLS_PROPERTY} is {@code true} (CI sets it through {@code .ci/run}): then the
 * test fails, so that a broken CI machine can never turn into a green build of skipped tests.
 *
 * <pre>{@code
 * Path promtool = Tools.requireOrSkip(Tools.PROMTOOL);
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class Tools {

  /** Name of the {@code promtool} binary (Debian package {@code prometheus}). */
  public static final String PROMTOOL = "promtool";

  /** Name of the Prometheus server binary (Debian package {@code prometheus}). */
  public static final String PROMETHEUS = "prometheus";

  /** System property that turns a missing tool from a skipped test into a failed one. */
  public static final String REQUIRE_TOOLS_PROPERTY = "checkmetricsTest.requireTools";

  private static final Path FALLBACK_DIRECTORY = Path.of("/usr/bin");
  private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

  private Tools() {}

  /**
   * Finds an executable by name on {@code PATH}, then in {@code /usr/bin}.
   *
   * @param tool bare executable name, such as {@code "promtool"}
   * @return the executable's path, or empty when it is not installed
   * @throws NullPointerException if {@code tool} is null
   * @throws IllegalArgumentException if {@code tool} is not a bare file name
   */
  public static Optional<Path> find(String tool) {
    return find(tool, System.getenv("PATH"), FALLBACK_DIRECTORY);
  }

  /**
   * Returns the path of a tool, or ends the current test when the tool is missing: skipped by
   * default, failed when {@code -D}{@value #REQUIRE_TOOLS_PROPERTY}{@code =true}.
   *
   * @param tool bare executable name, such as {@link #PROMTOOL} or {@link #PROMETHEUS}
   * @return the executable's path
   * @throws NullPointerException if {@code tool} is null
   * @throws IllegalArgumentException if {@code tool} is not a bare file name
   * @throws org.opentest4j.TestAbortedException if the tool is missing and not required
   * @throws org.opentest4j.AssertionFailedError if the tool is missing and required
   */
  public static Path requireOrSkip(String tool) {
    return requireOrSkip(tool, toolsRequired());
  }

  /**
   * Tells whether missing tools fail tests instead of skipping them.
   *
   * @return the value of the system property {@value #REQUIRE_TOOLS_PROPERTY}
   */
  public static boolean toolsRequired() {
    return Boolean.getBoolean(REQUIRE_TOOLS_PROPERTY);
  }

  static Path requireOrSkip(String tool, boolean required) {
    Optional<Path> found = find(tool);
    if (found.isPresent()) {
      return found.get();
    }
    if (required) {
      return Assertions.fail(tool + " not found on PATH or in " + FALLBACK_DIRECTORY + " and "
          + REQUIRE_TOOLS_PROPERTY
          + "=true: install the Debian package \"prometheus\" (.ci/run does)");
    }
    return Assumptions.abort(tool + " not found on PATH or in " + FALLBACK_DIRECTORY
        + ": test skipped (run with -D" + REQUIRE_TOOLS_PROPERTY + "=true to fail instead)");
  }

  static Optional<Path> find(String tool, String pathVariable, Path fallbackDirectory) {
    Objects.requireNonNull(tool, "tool");
    if (!TOOL_NAME.matcher(tool).matches()) {
      throw new IllegalArgumentException(
          "tool must be a bare file name matching " + TOOL_NAME + ": \"" + tool + "\"");
    }
    List<Path> directories = new ArrayList<>();
    if (pathVariable != null) {
      for (String entry : pathVariable.split(Pattern.quote(File.pathSeparator))) {
        if (!entry.isEmpty()) {
          try {
            directories.add(Path.of(entry));
          } catch (InvalidPathException ignored) {
            // A malformed PATH entry cannot hold the tool; the other entries still can.
          }
        }
      }
    }
    directories.add(fallbackDirectory);
    for (Path directory : directories) {
      Path candidate = directory.resolve(tool);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
