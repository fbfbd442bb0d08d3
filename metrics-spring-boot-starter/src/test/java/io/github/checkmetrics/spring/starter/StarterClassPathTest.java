package io.github.checkmetrics.spring.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the starter puts on an application's class path: the auto-configuration, registered where
 * Spring Boot looks for it, with the failure analyzer; and no Spring jar (the application's Boot
 * provides those).
 */
class StarterClassPathTest {

  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void starterShouldBringTheAutoConfigurationAndTheFailureAnalyzer() throws IOException {
    assertThat(
            read("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
        .containsExactly("io.github.checkmetrics.spring.CheckmetricsAutoConfiguration");
    assertThat(read("META-INF/spring.factories"))
        .contains("io.github.checkmetrics.spring.CheckmetricsFailureAnalyzer");
  }

  @Test
  void starterShouldBringNoSpringJar() {
    assertThat(loader.getResource("org/springframework/boot/SpringApplication.class")).isNull();
    assertThat(loader.getResource("org/springframework/context/ApplicationContext.class")).isNull();
  }

  /** Every non-blank line of every copy of the resource on the class path. */
  private List<String> read(String resource) throws IOException {
    List<String> lines = new ArrayList<>();
    for (URL url : Collections.list(loader.getResources(resource))) {
      try (InputStream in = url.openStream()) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty())
            .forEach(lines::add);
      }
    }
    return lines;
  }
}
