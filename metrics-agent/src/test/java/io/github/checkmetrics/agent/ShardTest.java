package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {

  @Test
  void hashShouldBeFnv1a64OfTheUtf8Bytes() {
    // Test vectors of the FNV reference (http://www.isthe.com/chongo/src/fnv/test_fnv.c).
    assertThat(Shard.fnv1a64("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(Shard.fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(Shard.fnv1a64("foobar")).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void shardsShouldSplitIdsWithoutOverlapOrGap() {
    Shard first = Shard.parse("0/3");
    Shard second = Shard.parse("1/3");
    Shard third = Shard.parse("2/3");
    IntStream.range(0, 1000)
        .mapToObj(i -> "check-" + i)
        .forEach(
            id -> {
              int in = (first.contains(id) ? 1 : 0) + (second.contains(id) ? 1 : 0)
                  + (third.contains(id) ? 1 : 0);
              assertThat(in).as(id).isEqualTo(1);
            });
    long inFirst = IntStream.range(0, 1000).filter(i -> first.contains("check-" + i)).count();
    assertThat(inFirst).isBetween(250L, 420L);
  }

  @Test
  void assignmentShouldNeverChange() {
    // Pinned: a change here moves checks between replicas of a running deployment.
    assertThat(Shard.parse("0/2").contains("web-ok")).isTrue();
    assertThat(Shard.parse("1/2").contains("port-closed")).isTrue();
    assertThat(Shard.parse("0/2").contains("web-failing")).isTrue();
    assertThat(Shard.parse("1/2").contains("web-slow")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2/2", "0/0", "a/b", "1", "-1/2", "0/2/3", "", " 0/2"})
  void badShardShouldBeRefused(String text) {
    assertThatThrownBy(() -> Shard.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--shard must be I/N with 0 <= I < N, such as 0/2: \"" + text + "\"");
  }
}
