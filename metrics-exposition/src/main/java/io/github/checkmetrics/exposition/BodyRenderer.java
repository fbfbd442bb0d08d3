package io.github.checkmetrics.exposition;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the body of a scrape into memory before any byte is sent, so that a collector that throws
 * anything, an {@link Error} included, turns into a 500 with a generic body (the cause logged once)
 * and never into a truncated 200 or a dropped connection.
 */
final class BodyRenderer {

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);
  private static final String FAILURE_BODY =
      "An error occurred while collecting metrics; the cause is in the server log.\n";

  /** Bounds the clashes remembered: one per (constant label, family) at most. */
  private static final int MAX_REPORTED_CLASHES = 1000;


  private final Set<String> reportedClashes = ConcurrentHashMap.newKeySet();
  // Presizes the next body to the last one, so a large scrape does not regrow its buffer each time.
  private volatile int lastBodySize = 8192;

  BodyRenderer() {}

  /**
   * The response to a scrape: 200 with the families {@code familyFilter} keeps (all for null) in
   * the negotiated format and escaping, gzip-compressed when {@code gzip} says so; 500 when
   * collecting fails.
   *
   * @param source collects the snapshots of the families a filter keeps
   */
  ScrapeResponse render(
      ScrapeRequest request,
      Function<Predicate<String>, MetricSnapshots> source,
      ContentNegotiation.Negotiated negotiated,
      Predicate<String> familyFilter,
      boolean gzip,
      boolean head) {
    BodyBuffer body = new BodyBuffer(lastBodySize);
    try {
      if (gzip) {
        try (FastGzip out = new FastGzip(body)) {
          write(out, source, negotiated, familyFilter);
        }
      } else {
        write(body, source, negotiated, familyFilter);
      }
    } catch (ConstantLabels.Clash e) {
      logOnce(request, e);
      return ScrapeResponse.text(500, ScrapeHandler.TEXT, FAILURE_BODY, head);
    } catch (Throwable e) {
      // Errors too (a StackOverflowError in a collector): one broken collector must not take the
      // connection down with it or reach the client. The JVM's own reactions to an Error
      // (-XX:+ExitOnOutOfMemoryError, heap dumps) happen where it is thrown, before this catch.
      LOG.error("Collecting metrics for a scrape of {} failed; answered 500", request.path(), e);
      return ScrapeResponse.text(500, ScrapeHandler.TEXT, FAILURE_BODY, head);
    }
    lastBodySize = Math.max(body.size(), 256);
    return ScrapeResponse.metrics(negotiated.contentType(), gzip, body, head);
  }

  private static void write(
      OutputStream out,
      Function<Predicate<String>, MetricSnapshots> source,
      ContentNegotiation.Negotiated negotiated,
      Predicate<String> familyFilter)
      throws IOException {
    negotiated.format().writer().write(out, source.apply(familyFilter), negotiated.escaping());
  }

  /**
   * Logs a clash at error level the first time, at debug level after: it fails every scrape until
   * the label or the family is renamed, and a log line per scrape would bury everything else.
   */
  private void logOnce(ScrapeRequest request, ConstantLabels.Clash clash) {
    String cause = clash.getMessage();
    if (reportedClashes.size() < MAX_REPORTED_CLASHES && reportedClashes.add(cause)) {
      LOG.error(
          "Collecting metrics for a scrape of {} failed; answered 500 to every scrape until the"
              + " constant label or the family is renamed: {}",
          request.path(),
          cause);
    } else {
      LOG.debug("Collecting metrics for a scrape of {} failed; answered 500: {}",
          request.path(), cause);
    }
  }
}
