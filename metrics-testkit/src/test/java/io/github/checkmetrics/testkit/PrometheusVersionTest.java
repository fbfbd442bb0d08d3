package io.github.checkmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PrometheusVersionTest {

  @Test
  void anUnsetOrEmptyPropertyShouldSkipUnlessToolsAreRequired() {
    for (String unset : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> PrometheusVersion.requireOrSkip(unset, false))
          .isInstanceOf(TestAbortedException.class)
          .hasMessage("Prometheus 3 binary not configured: test skipped (set"
              + " -DcheckmetricsTest.prometheus3=PATH, see .ci/fetch-prometheus3)");
      assertThatThrownBy(() -> PrometheusVersion.requireOrSkip(unset, true))
          .isInstanceOf(AssertionFailedError.class)
          .hasMessage("Prometheus 3 binary not configured and checkmetricsTest.requireTools=true:"
              + " set -DcheckmetricsTest.prometheus3=PATH (.ci/run does, through"
              + " .ci/fetch-prometheus3)");
    }
  }

  @Test
  void aPathThatNamesNoExecutableShouldFailEvenWhenToolsAreOptional(@TempDir Path directory)
      throws IOException {
    Path plain = Files.writeString(directory.resolve("prometheus"), "not a binary");
    Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-------"));
    for (String configured : new String[] {plain.toString(), directory.resolve("none").toString(),
        directory.toString()}) {
      assertThatThrownBy(() -> PrometheusVersion.requireOrSkip(configured, false))
          .isInstanceOf(AssertionFailedError.class)
          .hasMessage("checkmetricsTest.prometheus3 must name an executable file: \""
              + configured + "\"");
    }
  }

  @Test
  void anExecutableShouldBeReturned(@TempDir Path directory) throws IOException {
    Path binary = Files.writeString(directory.resolve("prometheus"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));

    assertThat(PrometheusVersion.requireOrSkip(" " + binary + "\n", true)).isEqualTo(binary);
  }

  @Test
  void versionsShouldPrintAsPeopleWriteThem() {
    assertThat(PrometheusVersion.values()).extracting(PrometheusVersion::toString)
        .containsExactly("2.42", "3.5");
    assertThat(PrometheusVersion.V3_5.isPrometheus3()).isTrue();
    assertThat(PrometheusVersion.V2_42.isPrometheus3()).isFalse();
  }
}
