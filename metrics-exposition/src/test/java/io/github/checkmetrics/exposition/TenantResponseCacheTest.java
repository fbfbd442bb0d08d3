package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.TenantResponseCache.Key;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantResponseCacheTest {

  private static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final ManualTicker ticker = new ManualTicker();
  private final TenantResponseCache cache =
      new TenantResponseCache(Duration.ofSeconds(60), 3, ticker);

  @Test
  void answerShouldBeServedUntilItsTimeToLiveEnds() {
    Key key = Key.of("acme", TEXT_004, false, null);
    ScrapeResponse answer = ScrapeResponse.plainText(200, "a 1\n", false);
    cache.put(key, answer);

    ticker.advance(Duration.ofSeconds(60).minusNanos(1));
    assertThat(cache.get(key, false).body()).isEqualTo("a 1\n".getBytes());
    ticker.advance(Duration.ofNanos(1));
    assertThat(cache.get(key, false)).isNull();
    assertThat(cache.size()).as("the expired answer is dropped").isZero();
  }

  @Test
  void keyShouldTellTenantFormatEncodingAndNamesApart() {
    cache.put(Key.of("acme", TEXT_004, false, List.of("b", "a")), text("acme"));

    assertThat(cache.get(Key.of("acme", TEXT_004, false, List.of("a", "b", "a")), false).body())
        .as("names in any order, repeated")
        .isEqualTo("acme".getBytes());
    assertThat(cache.get(Key.of("globex", TEXT_004, false, List.of("a", "b")), false)).isNull();
    assertThat(cache.get(Key.of("acme", OPENMETRICS, false, List.of("a", "b")), false)).isNull();
    assertThat(cache.get(Key.of("acme", TEXT_004, true, List.of("a", "b")), false)).isNull();
    assertThat(cache.get(Key.of("acme", TEXT_004, false, List.of("a")), false)).isNull();
    assertThat(cache.get(Key.of("acme", TEXT_004, false, null), false)).isNull();
  }

  @Test
  void headShouldGetTheCachedAnswerWithoutBody() {
    Key key = Key.of("acme", TEXT_004, false, null);
    cache.put(key, text("abc"));

    ScrapeResponse head = cache.get(key, true);
    assertThat(head.hasBody()).isFalse();
    assertThat(head.contentLength()).isEqualTo(3);
    assertThat(cache.get(key, false).body()).isEqualTo("abc".getBytes());
  }

  @Test
  void fullCacheShouldEvictExpiredAnswersAndElseServeUncached() {
    cache.put(Key.of("a", TEXT_004, false, null), text("a"));
    cache.put(Key.of("b", TEXT_004, false, null), text("b"));
    ticker.advance(Duration.ofSeconds(30));
    cache.put(Key.of("c", TEXT_004, false, null), text("c"));

    cache.put(Key.of("d", TEXT_004, false, null), text("d"));
    assertThat(cache.get(Key.of("d", TEXT_004, false, null), false)).as("full").isNull();
    assertThat(cache.size()).isEqualTo(3);

    ticker.advance(Duration.ofSeconds(30));
    cache.put(Key.of("d", TEXT_004, false, null), text("d"));
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(Key.of("c", TEXT_004, false, null), false).body()).isEqualTo("c".getBytes());
    assertThat(cache.get(Key.of("d", TEXT_004, false, null), false).body()).isEqualTo("d".getBytes());
  }

  static Stream<Arguments> badCaches() {
    return Stream.of(
        Arguments.of(
            Duration.ZERO, 1,
            "tenant cache time to live must be between 1 millisecond and 1 hour: PT0S"),
        Arguments.of(
            Duration.ofHours(1).plusNanos(1), 1,
            "tenant cache time to live must be between 1 millisecond and 1 hour:"
                + " PT1H0.000000001S"),
        Arguments.of(Duration.ofSeconds(-1), 1,
            "tenant cache time to live must be between 1 millisecond and 1 hour: PT-1S"),
        Arguments.of(Duration.ofSeconds(1), 0, "tenant cache max entries must be at least 1: 0"));
  }

  @ParameterizedTest
  @MethodSource("badCaches")
  void badCacheShouldBeRefused(Duration ttl, int maxEntries, String message) {
    assertThatThrownBy(() -> new TenantResponseCache(ttl, maxEntries, ticker))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static ScrapeResponse text(String body) {
    return ScrapeResponse.plainText(200, body, false);
  }
}
