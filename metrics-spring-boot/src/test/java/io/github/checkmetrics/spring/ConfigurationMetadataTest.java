package io.github.checkmetrics.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The metadata {@code spring-boot-configuration-processor} generates at compile time, which IDEs
 * read for completion: every property is there, with its description.
 */
class ConfigurationMetadataTest {

  private static final Pattern NAME = Pattern.compile("\"name\": \"([^\"]+)\"");

  @Test
  void metadataShouldListEveryPropertyWithADescription() throws Exception {
    String json;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata on the class path").isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher names = NAME.matcher(json);
    Stream.Builder<String> found = Stream.builder();
    while (names.find()) {
      found.add(names.group(1));
    }
    assertThat(found.build())
        .contains(
            "checkmetrics.region",
            "checkmetrics.threads",
            "checkmetrics.checks",
            "checkmetrics.layers",
            "checkmetrics.path",
            "checkmetrics.constant-labels",
            "checkmetrics.auth.bearer-token",
            "checkmetrics.auth.basic-password-file",
            "checkmetrics.jvm-metrics",
            "checkmetrics.health.enabled",
            "checkmetrics.health.interval",
            "checkmetrics.health.timeout",
            "checkmetrics.health.status-outcomes",
            "checkmetrics.health.exclude");
    assertThat(json)
        .contains(
            "\"description\": \"the time between two calls of each indicator; default 30 s\"");
  }
}
