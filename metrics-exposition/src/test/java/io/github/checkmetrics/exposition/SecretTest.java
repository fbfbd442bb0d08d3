package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretTest {

  private static final String SECRET = "s3cr3t-do-not-print";

  @TempDir static Path directory;

  @Test
  void javadocUsageShouldCompile() throws IOException {
    Path file = Files.writeString(directory.resolve("metrics-token"), SECRET + "\n");
    // twin of the class javadoc, with the paths and variable of this test
    Secret token = Secret.file(file);
    Secret password = Secret.environmentVariable("METRICS_PASSWORD", Map.of("METRICS_PASSWORD", "pw")::get);
    Secret inline = Secret.value("s3cr3t-for-tests-only");

    assertThat(token.read("bearer token")).isEqualTo(SECRET);
    assertThat(password.read("basic auth password")).isEqualTo("pw");
    assertThat(inline.read("bearer token")).isEqualTo("s3cr3t-for-tests-only");
  }

  @Test
  void fileShouldBeTrimmedAndValuesTakenAsTheyAre() throws IOException {
    Path file = Files.writeString(directory.resolve("padded"), "  \t" + SECRET + " \r\n\n");
    Function<String, String> environment = Map.of("PADDED", " x ")::get;

    assertThat(Secret.file(file).read("o")).isEqualTo(SECRET);
    assertThat(Secret.value(" x ").read("o")).isEqualTo(" x ");
    assertThat(Secret.environmentVariable("PADDED", environment).read("o")).isEqualTo(" x ");
  }

  @Test
  void fileShouldBeReadAgainOnEveryRead() throws IOException {
    Path file = Files.writeString(directory.resolve("changing"), "first");
    Secret secret = Secret.file(file);
    assertThat(secret.read("o")).isEqualTo("first");

    Files.writeString(file, "second");

    assertThat(secret.read("o")).isEqualTo("second");
  }

  @Test
  void toStringShouldNameTheSourceAndNeverTheValue() {
    Path file = directory.resolve("token");

    assertThat(Secret.value(SECRET)).hasToString("Secret[value]");
    assertThat(Secret.environmentVariable("METRICS_TOKEN", name -> SECRET))
        .hasToString("Secret[environment variable METRICS_TOKEN]");
    assertThat(Secret.file(file)).hasToString("Secret[file " + file + "]");
  }

  @Test
  void relativeFileShouldBeNamedByItsAbsolutePath() {
    assertThat(Secret.file(Path.of("token")))
        .hasToString("Secret[file " + Path.of("token").toAbsolutePath() + "]");
  }

  static Stream<Arguments> unreadableSecrets() throws IOException {
    Path missing = directory.resolve("missing");
    Path empty = Files.writeString(directory.resolve("empty"), " \n\t\n");
    Path large = Files.write(directory.resolve("large"), new byte[Secret.MAX_FILE_BYTES + 1]);
    Path latin1 = Files.write(directory.resolve("latin1"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    Path folder = Files.createDirectories(directory.resolve("folder"));
    Map<String, String> environment = Map.of("EMPTY", "");
    return Stream.of(
        Arguments.of(Secret.value(""), "bearer token must not be empty: value"),
        Arguments.of(
            Secret.environmentVariable("UNSET", environment::get),
            "bearer token environment variable is not set: UNSET"),
        Arguments.of(
            Secret.environmentVariable("EMPTY", environment::get),
            "bearer token must not be empty: environment variable EMPTY"),
        Arguments.of(Secret.file(missing), "bearer token file does not exist: " + missing),
        Arguments.of(Secret.file(empty), "bearer token must not be empty: file " + empty),
        Arguments.of(
            Secret.file(large), "bearer token file must be at most 65536 bytes: " + large),
        Arguments.of(Secret.file(latin1), "bearer token file must be UTF-8: " + latin1),
        Arguments.of(Secret.file(folder), "bearer token file is not a regular file: " + folder));
  }

  @ParameterizedTest
  @MethodSource("unreadableSecrets")
  void unreadableSecretShouldThrowNamingTheOptionAndSource(Secret secret, String message) {
    assertThatThrownBy(() -> secret.read("bearer token"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> invalidArguments() {
    return Stream.of(
        Arguments.of(
            (Runnable) () -> Secret.value(null), NullPointerException.class, "value"),
        Arguments.of(
            (Runnable) () -> Secret.environmentVariable(null), NullPointerException.class, "name"),
        Arguments.of(
            (Runnable) () -> Secret.environmentVariable("A", null),
            NullPointerException.class,
            "environment"),
        Arguments.of(
            (Runnable) () -> Secret.environmentVariable("METRICS TOKEN"),
            IllegalArgumentException.class,
            "environment variable name must match [A-Za-z_][A-Za-z0-9_]*: \"METRICS TOKEN\""),
        Arguments.of(
            (Runnable) () -> Secret.environmentVariable("1TOKEN"),
            IllegalArgumentException.class,
            "environment variable name must match [A-Za-z_][A-Za-z0-9_]*: \"1TOKEN\""),
        Arguments.of((Runnable) () -> Secret.file(null), NullPointerException.class, "path"),
        Arguments.of(
            (Runnable) () -> Secret.file(null, Duration.ZERO), NullPointerException.class, "path"),
        Arguments.of(
            (Runnable) () -> Secret.file(Path.of("t"), null),
            NullPointerException.class,
            "settleTime"),
        Arguments.of(
            (Runnable) () -> Secret.file(Path.of("t"), Duration.ofMillis(-1)),
            IllegalArgumentException.class,
            "credential file settle time must be between 0 and 60 seconds: PT-0.001S"),
        Arguments.of(
            (Runnable) () -> Secret.file(Path.of("t"), Duration.ofSeconds(60).plusNanos(1)),
            IllegalArgumentException.class,
            "credential file settle time must be between 0 and 60 seconds: PT1M0.000000001S"),
        Arguments.of(
            (Runnable) () -> Secret.value("x").read(null), NullPointerException.class, "option"));
  }

  @ParameterizedTest
  @MethodSource("invalidArguments")
  void invalidArgumentShouldThrowWithExactMessage(
      Runnable call, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(call::run).isExactlyInstanceOf(type).hasMessage(message);
  }
}
