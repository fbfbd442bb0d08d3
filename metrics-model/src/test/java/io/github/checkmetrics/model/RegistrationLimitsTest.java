package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The caps on registered checks and their tags, and the counter of what they refuse. */
class RegistrationLimitsTest {

  private static final Instant END = Instant.parse("2026-11-20T10:00:00Z");

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private static CheckResult result(String id, String region) {
    return CheckResult.builder(id, region)
        .outcome(Outcome.PASSED)
        .duration(Duration.ofMillis(5))
        .finishedAt(END)
        .build();
  }

  private static List<String> tags(int count, int length) {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String prefix = "t" + i + "-";
      tags.add(prefix + "x".repeat(length - prefix.length()));
    }
    return tags;
  }

  private List<String> rejected() {
    return Series.of(registry, "check_registrations_rejected");
  }

  @Test
  void everyLimitShouldBeExposedAtZeroFromTheStart() {
    CheckMetrics.builder().registry(registry).build();
    assertThat(rejected())
        .containsExactly(
            "{limit=\"max_checks\"} 0.0",
            "{limit=\"max_tags_length\"} 0.0",
            "{limit=\"max_tags_per_check\"} 0.0");
  }

  @Test
  void registerPastMaxChecksShouldThrowRegisterNothingAndCount() {
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).maxChecks(2).build();
    metrics.register(Check.builder("a").build());
    metrics.register(Check.builder("b").build());

    assertThatThrownBy(() -> metrics.register(Check.builder("c").build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("registered checks must number at most 2 (maxChecks): check \"c\" refused");
    assertThatThrownBy(() -> metrics.record(result("c", "eu")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(rejected()).contains("{limit=\"max_checks\"} 1.0");

    metrics.remove("a");
    metrics.register(Check.builder("c").build());
    metrics.record(result("c", "eu"));
    assertThat(Series.of(registry, "check_status")).hasSize(1);
  }

  @Test
  void tooManyTagsShouldBeRefusedAtRegisterAndUpdate() {
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).maxTagsPerCheck(2).build();
    Check three = Check.builder("db").tags("a", "b", "c").build();

    assertThatThrownBy(() -> metrics.register(three))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tags of check \"db\" must number at most 2 (maxTagsPerCheck): 3");
    metrics.register(Check.builder("db").tags("a", "b").build());
    assertThatThrownBy(() -> metrics.update(three))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tags of check \"db\" must number at most 2 (maxTagsPerCheck): 3");
    metrics.record(result("db", "eu"));

    assertThat(Series.of(registry, "check_status").get(0)).contains("tags=\"a,b\"");
    assertThat(rejected()).contains("{limit=\"max_tags_per_check\"} 2.0");
  }

  @Test
  void tagsJoiningPastMaxLengthShouldBeRefused() {
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).maxTagsLength(7).build();
    // "abc,def" is 7 characters: allowed; "abc,defg" is 8.
    metrics.register(Check.builder("ok").tags("abc", "def").build());

    assertThatThrownBy(() -> metrics.register(Check.builder("db").tags("abc", "defg").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tags of check \"db\" must join to at most 7 characters (maxTagsLength): 8");
    assertThat(rejected()).contains("{limit=\"max_tags_length\"} 1.0");
  }

  @Test
  void defaultsShouldAcceptARealCheckAtTheCaps() {
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    // 64 tags joined to exactly 4,096 characters: 64 * 63 + 63 separators = 4,095; one more fits.
    List<String> tags = tags(64, 63);
    tags.set(0, tags.get(0) + "y");
    metrics.register(Check.builder("db").tags(tags).build());
    metrics.record(result("db", "eu"));
    assertThat(Series.of(registry, "check_status").get(0)).hasSizeGreaterThan(4_096);
  }

  /**
   * The hostile registry of issue 13: a million check ids and ten thousand tags per check
   * attempted. What is kept, and every scrape, stays within the caps.
   */
  @Test
  void hostileRegistryShouldKeepChecksAndScrapesBounded() throws IOException {
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    List<String> hostileTags = tags(10_000, 128);
    int refusedTags = 0;
    for (int i = 0; i < 100; i++) {
      Check check = Check.builder("tagged-" + i).tags(hostileTags).build();
      try {
        metrics.register(check);
      } catch (IllegalArgumentException e) {
        refusedTags++;
      }
    }
    int refusedIds = 0;
    for (int i = 0; i < 1_000_000; i++) {
      try {
        metrics.register(Check.builder("id-" + i).build());
      } catch (IllegalStateException e) {
        refusedIds++;
      }
    }
    for (int i = 0; i < CheckMetrics.DEFAULT_MAX_CHECKS; i++) {
      metrics.record(result("id-" + i, "eu-west-1"));
    }

    assertThat(refusedTags).isEqualTo(100);
    assertThat(refusedIds).isEqualTo(1_000_000 - CheckMetrics.DEFAULT_MAX_CHECKS);
    assertThat(rejected())
        .containsExactly(
            "{limit=\"max_checks\"} 980000.0",
            "{limit=\"max_tags_length\"} 0.0",
            "{limit=\"max_tags_per_check\"} 100.0");
    // The series limit (10,000 per family) holds the rest: 10,000 checks have series.
    assertThat(Series.of(registry, "check_status")).hasSize(10_000);
    assertThat(Series.of(registry, "check_series_rejected")).containsExactly("{} 10000.0");
    ByteArrayOutputStream scrape = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(scrape, registry.scrape());
    // Each of the 10,000 checks writes its 6 families (a 17-bucket histogram among them) in under
    // 4 KiB; 10k tags of 128 characters on 100 checks alone would be 256 MB.
    System.out.printf("hostile registry: scrape of %,d bytes%n", scrape.size());
    assertThat(scrape.size()).isLessThan(10_000 * 4_096);
  }
}
