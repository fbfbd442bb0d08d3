package io.github.checkmetrics.agent;

import io.github.checkmetrics.model.internal.Messages;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shard of N: the checks whose id hashes into it. The hash is 64-bit FNV-1a over the id's
 * UTF-8 bytes, taken unsigned modulo N: fixed by its specification, the same in every JVM, on every
 * machine and in every version of the agent (unlike {@code String.hashCode}, which no
 * specification ties to this use), so N replicas given {@code --shard 0/N} ... {@code N-1/N} split
 * one file with no coordination, and a restart keeps every check where it was.
 *
 * @param index the shard, 0 to {@code count - 1}
 * @param count how many shards, 1 or more
 * @see <a href="http://www.isthe.com/chongo/tech/comp/fnv/">FNV hash</a>
 */
record Shard(int index, int count) {

  /** Every check: one shard of one. */
  static final Shard ALL = new Shard(0, 1);

  private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");
  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard must be I/N with 0 <= I < N: " + index + "/" + count);
    }
  }

  /**
   * Parses {@code I/N}.
   *
   * @throws IllegalArgumentException if the text is not two numbers with {@code 0 <= I < N}
   */
  static Shard parse(String text) {
    Matcher m = FORM.matcher(text);
    if (m.matches()) {
      int index = Integer.parseInt(m.group(1));
      int count = Integer.parseInt(m.group(2));
      if (count >= 1 && index < count) {
        return new Shard(index, count);
      }
    }
    throw new IllegalArgumentException(
        "--shard must be I/N with 0 <= I < N, such as 0/2: " + Messages.quote(text));
  }

  /** Whether the check with this id runs in this shard. */
  boolean contains(String checkId) {
    return Long.remainderUnsigned(fnv1a64(checkId), count) == index;
  }

  /** 64-bit FNV-1a of the UTF-8 bytes of {@code text}. */
  static long fnv1a64(String text) {
    long hash = FNV_OFFSET_BASIS;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
