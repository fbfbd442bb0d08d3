package io.github.checkmetrics.exposition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
  // Presizes the next body to the last one, so a large scrape does not regrow its buffer each time.
  private volatile int lastBodySize = 8192;

  BodyRenderer(ExpositionWriter writer) {
    this.writer = writer;
  }

  /**
   * The response to a scrape: 200 with the families {@code familyFilter} keeps (all for null) in
   * the negotiated format and escaping, gzip-compressed when {@code gzip} says so; 500 when
   * collecting fails.
   */
  ScrapeResponse render(
      ScrapeRequest request,
      ContentNegotiation.Negotiated negotiated,
      Predicate<String> familyFilter,
      boolean gzip,
      boolean head) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(lastBodySize);
    try {
      if (gzip) {
        try (FastGzip out = new FastGzip(body)) {
          writer.write(out, negotiated.format(), negotiated.escaping(), familyFilter);
        }
      } else {
        writer.write(body, negotiated.format(), negotiated.escaping(), familyFilter);
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("Collecting metrics for a scrape of {} failed; answered 500", request.path(), e);
      return ScrapeResponse.text(500, ScrapeHandler.TEXT, FAILURE_BODY, head);
    }
    lastBodySize = Math.max(body.size(), 256);
    return ScrapeResponse.metrics(negotiated.contentType(), gzip, body, head);
  }
}
