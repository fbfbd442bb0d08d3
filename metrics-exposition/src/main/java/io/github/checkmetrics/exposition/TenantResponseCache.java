package io.github.checkmetrics.exposition;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The rendered 200s of tenant scrapes, kept for a time to live (as Checkly caches its endpoint's
 * answers for 60 s), keyed by tenant, content type, encoding and the {@code name[]} filter. Off by
 * default: a cached answer is up to the TTL old (a check that failed a second ago still shows as
 * passing), in return a tenant scraping faster than the TTL (several Prometheus replicas, a
 * dashboard refreshing) costs one render per TTL instead of one per request. Memory is bounded by
 * {@code maxEntries} bodies; when full and no entry has expired, an answer is served uncached.
 *
 * <p>Two concurrent misses on one key both render (no request waits for another's render); the
 * later one's answer is kept. Thread-safe.
 */
final class TenantResponseCache {

  /** The most answers kept, over all tenants. */
  static final int DEFAULT_MAX_ENTRIES = 10_000;

  static final Duration MAX_TTL = Duration.ofHours(1);

  /**
   * What an answer depends on besides the registry: the same key gets the same bytes. {@code
   * contentType} is the negotiated content type with the escaping scheme, which protobuf's content
   * type does not name.
   */
  record Key(String tenant, String contentType, boolean gzip, List<String> names) {
    /**
     * A key; {@code names} null for every family, else the requested names in any order.
     */
    static Key of(String tenant, String contentType, boolean gzip, Collection<String> names) {
      return new Key(
          tenant,
          contentType,
          gzip,
          names == null ? null : names.stream().distinct().sorted().toList());
    }
  }

  private record Entry(ScrapeResponse response, long expiresAt) {}

  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier ticker;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  /**
   * A cache of answers.
   *
   * @param ttl from 1 millisecond to 1 hour
   * @param maxEntries at least 1
   * @throws IllegalArgumentException when {@code ttl} or {@code maxEntries} is out of range
   */
  TenantResponseCache(Duration ttl, int maxEntries, LongSupplier ticker) {
    requireTimeToLive(ttl);
    if (maxEntries < 1) {
      throw new IllegalArgumentException(
          "tenant cache max entries must be at least 1: " + maxEntries);
    }
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** Refuses a time to live out of range. */
  static Duration requireTimeToLive(Duration ttl) {
    Objects.requireNonNull(ttl, "timeToLive");
    if (ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "tenant cache time to live must be between 1 millisecond and 1 hour: " + ttl);
    }
    return ttl;
  }

  /**
   * The cached answer for {@code key}, as a {@code HEAD} answer when {@code head}.
   *
   * @return the answer, or null when there is none younger than the TTL
   */
  ScrapeResponse get(Key key, boolean head) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (ticker.getAsLong() - entry.expiresAt >= 0) {
      entries.remove(key, entry);
      return null;
    }
    return entry.response.forHead(head);
  }

  /** Keeps {@code response}, a rendered 200, for the TTL; a full cache evicts expired ones first. */
  void put(Key key, ScrapeResponse response) {
    long now = ticker.getAsLong();
    if (entries.size() >= maxEntries && !entries.containsKey(key)) {
      entries.values().removeIf(entry -> now - entry.expiresAt >= 0);
      if (entries.size() >= maxEntries) {
        return;
      }
    }
    entries.put(key, new Entry(response.forHead(false), now + ttlNanos));
  }

  /** How many answers are kept, expired ones not yet evicted included. */
  int size() {
    return entries.size();
  }

  @Override
  public String toString() {
    return "TenantResponseCache[ttl " + Duration.ofNanos(ttlNanos) + ", " + size() + " entries]";
  }
}
