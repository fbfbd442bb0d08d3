package io.github.checkmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ToolsTest {

  private static final String MISSING = "checkmetrics-no-such-tool";

  @TempDir
  Path directory;

  @Test
  void findShouldPreferTheFirstPathEntryOverLaterOnesAndTheFallback() throws IOException {
    Path first = executable(Files.createDirectory(directory.resolve("first")), "tool");
    Path second = executable(Files.createDirectory(directory.resolve("second")), "tool");
    Path fallback = executable(Files.createDirectory(directory.resolve("fallback")), "tool");

    assertThat(Tools.find("tool", first.getParent() + File.pathSeparator + second.getParent(),
        fallback.getParent())).contains(first);
  }

  @Test
  void findShouldFallBackWhenPathLacksTheTool() throws IOException {
    Path empty = Files.createDirectory(directory.resolve("empty"));
    Path fallback = executable(Files.createDirectory(directory.resolve("fallback")), "tool");

    assertThat(Tools.find("tool", empty.toString(), fallback.getParent())).contains(fallback);
    assertThat(Tools.find("tool", null, fallback.getParent())).contains(fallback);
  }

  @Test
  void findShouldIgnoreFilesThatAreNotExecutable() throws IOException {
    Path dir = Files.createDirectory(directory.resolve("plain"));
    Files.writeString(dir.resolve("tool"), "not a program");

    assertThat(Tools.find("tool", dir.toString(), dir)).isEmpty();
  }

  @Test
  void requireOrSkipWhenMissingAndNotRequiredShouldAbortTheTest() {
    assertThatThrownBy(() -> Tools.requireOrSkip(MISSING, false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage(MISSING + " not found on PATH or in /usr/bin: test skipped "
            + "(run with -DcheckmetricsTest.requireTools=true to fail instead)");
  }

  @Test
  void requireOrSkipWhenMissingAndRequiredShouldFailTheTest() {
    assertThatThrownBy(() -> Tools.requireOrSkip(MISSING, true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(MISSING + " not found on PATH or in /usr/bin and checkmetricsTest.requireTools=true: "
            + "install the Debian package \"prometheus\" (.ci/run does)");
  }

  @Test
  void requireOrSkipShouldReturnAnInstalledTool() {
    assertThat(Tools.requireOrSkip(Tools.PROMTOOL)).isExecutable().hasFileName("promtool");
  }

  static Stream<Arguments> invalidNames() {
    return Stream.of(
        Arguments.of("", "tool must be a bare file name matching [a-zA-Z0-9_.-]{1,64}: \"\""),
        Arguments.of("bin/promtool",
            "tool must be a bare file name matching [a-zA-Z0-9_.-]{1,64}: \"bin/promtool\""),
        Arguments.of("prom tool",
            "tool must be a bare file name matching [a-zA-Z0-9_.-]{1,64}: \"prom tool\""));
  }

  @ParameterizedTest
  @MethodSource("invalidNames")
  void findWithInvalidNameShouldThrow(String name, String message) {
    assertThatThrownBy(() -> Tools.find(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void findWithNullShouldThrow() {
    assertThatThrownBy(() -> Tools.find(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tool");
  }

  private static Path executable(Path dir, String name) throws IOException {
    Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
