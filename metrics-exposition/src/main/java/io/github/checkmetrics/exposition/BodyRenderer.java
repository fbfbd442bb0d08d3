package io.github.checkmetrics.exposition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the body of a scrape into memory before any byte is sent, so that a collector that throws
 * turns into a 500 with a generic body (the cause logged once) and never into a truncated 200.
 */
final class BodyRenderer {

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);
  private static final String FAILURE_BODY =
      "An error occurred while collecting metrics; the cause is in the server log.\n";

  private final ExpositionWriter writer;
  /** Bounds the clashes remembered: one per (constant label, family) at most. */
  private static final int MAX_REPORTED_CLASHES = 1000;

  private final Set<String> reportedClashes = ConcurrentHashMap.newKeySet();
  // Presizes the next body to the last one, so a large scrape does not regrow its buffer each time.
  private volatile int lastBodySize = 8192;

  BodyRenderer(ExpositionWriter writer) {
    this.writer = writer;
  }

  /**
   * The response to a scrape: 200 with the families {@code familyFilter} keeps (all for null) in
   * {@code format}, gzip-compressed when {@code gzip} says so; 500 when collecting fails.
   */
  ScrapeResponse render(
      ScrapeRequest request,
      ExpositionFormat format,
      Predicate<String> familyFilter,
      boolean gzip,
      boolean head) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(lastBodySize);
    try {
      if (gzip) {
        try (FastGzip out = new FastGzip(body)) {
          writer.write(out, format, familyFilter);
        }
      } else {
        writer.write(body, format, familyFilter);
      }
    } catch (ConstantLabels.Clash e) {
      logOnce(request, e);
      return ScrapeResponse.text(500, ScrapeHandler.TEXT, FAILURE_BODY, head);
    } catch (IOException | RuntimeException e) {
      LOG.error("Collecting metrics for a scrape of {} failed; answered 500", request.path(), e);
      return ScrapeResponse.text(500, ScrapeHandler.TEXT, FAILURE_BODY, head);
    }
    lastBodySize = Math.max(body.size(), 256);
    return ScrapeResponse.metrics(format, gzip, body, head);
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
