package io.github.checkmetrics.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.checkmetrics.exposition.ExpositionFormat;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every case of the OpenMetrics project's parser test suite ({@code tests/testdata/parsers} of
 * prometheus/OpenMetrics, copied under {@code src/test/resources/openmetrics-parsers} with its
 * licence and source commit): each case's {@code metrics} must parse as OpenMetrics 1.0 exactly
 * when its {@code test.json} says {@code "shouldParse": true}.
 */
class OpenMetricsParserSuiteTest {

  /** The number of cases in the suite at the commit the files were taken from. */
  private static final int CASES = 211;

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    Path root = suite();
    try (Stream<Path> directories = Files.list(root)) {
      return directories
          .filter(Files::isDirectory)
          .sorted()
          .map(directory -> Arguments.of(directory.getFileName().toString(), directory))
          .toList()
          .stream();
    }
  }

  @Test
  void theSuiteShouldBeWhole() throws IOException, URISyntaxException {
    assertThat(cases()).hasSize(CASES);
    assertThat(suite().resolve("LICENSE")).content().contains("Apache License");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachCaseShouldParseExactlyWhenTheSuiteSaysSo(String name, Path directory)
      throws IOException {
    JsonNode test = JsonMapper.shared().readTree(
        Files.readString(directory.resolve("test.json"), StandardCharsets.UTF_8));
    assertThat(test.path("type").stringValue(null)).as("%s: test type", name).isEqualTo("text");
    String metrics = Files.readString(
        directory.resolve(test.required("file").stringValue()), StandardCharsets.UTF_8);

    if (test.path("shouldParse").booleanValue(false)) {
      assertThatCode(() -> Exposition.parse(metrics, ExpositionFormat.OPENMETRICS))
          .as("%s should parse:%n%s", name, metrics)
          .doesNotThrowAnyException();
    } else {
      assertThat(catchThrowable(() -> Exposition.parse(metrics, ExpositionFormat.OPENMETRICS)))
          .as("%s should be refused:%n%s", name, metrics)
          .isInstanceOf(ExpositionParseException.class);
    }
  }

  private static Path suite() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(
        OpenMetricsParserSuiteTest.class.getResource("/openmetrics-parsers/LICENSE"),
        "openmetrics-parsers on the test class path").toURI()).getParent();
  }
}
