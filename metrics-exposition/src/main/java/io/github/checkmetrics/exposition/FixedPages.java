package io.github.checkmetrics.exposition;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages a {@link ScrapeHandler} answers besides metrics, each with a fixed body: {@code OK} on
 * the health path (503 while the health check says no) and the HTML index page at {@code /}.
 */
final class FixedPages {

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);

  private final String healthPath;
  private final boolean indexPage;
  private final String indexHtml;
  private final Authentication authentication;
  private final boolean authenticateHealthPath;
  private final BooleanSupplier healthCheck;

  /**
   * The pages of a handler.
   *
   * @param indexPage whether the index page was asked for; null for the default (on). Never served
   *     when the metrics or health path is {@code /} itself
   * @param authentication null for none
   * @param healthCheck null for always healthy
   */
  FixedPages(
      String metricsPath,
      String healthPath,
      Boolean indexPage,
      Authentication authentication,
      boolean authenticateHealthPath,
      BooleanSupplier healthCheck) {
    this.healthPath = healthPath;
    this.indexPage =
        (indexPage == null || indexPage) && !metricsPath.equals("/") && !healthPath.equals("/");
    this.indexHtml = IndexPage.html(metricsPath, healthPath);
    this.authentication = authentication;
    this.authenticateHealthPath = authenticateHealthPath;
    this.healthCheck = healthCheck;
  }

  /** The answer on the health path or the index page; null for any other path. */
  ScrapeResponse answer(ScrapeRequest request, String path) {
    if (healthPath.equals(path)) {
      return fixed(request, authenticateHealthPath, "OK", ScrapeHandler.TEXT, healthCheck);
    }
    if (indexPage && "/".equals(path)) {
      return fixed(request, true, indexHtml, "text/html; charset=utf-8", null);
    }
    return null;
  }

  private ScrapeResponse fixed(
      ScrapeRequest request,
      boolean authenticate,
      String body,
      String contentType,
      BooleanSupplier ready) {
    if (!ScrapeHandler.isGetOrHead(request)) {
      return ScrapeResponse.methodNotAllowed(request.method());
    }
    ScrapeResponse refused =
        authentication == null || !authenticate ? null : authentication.check(request);
    if (refused != null) {
      return refused;
    }
    if (!healthy(ready)) {
      return ScrapeResponse.text(
          503, ScrapeHandler.TEXT, "Service Unavailable\n", ScrapeHandler.isHead(request));
    }
    return ScrapeResponse.text(200, contentType, body, ScrapeHandler.isHead(request));
  }

  private static boolean healthy(BooleanSupplier check) {
    if (check == null) {
      return true;
    }
    try {
      return check.getAsBoolean();
    } catch (Throwable e) {
      // An Error too: the health path answers, whatever the check does.
      LOG.warn("The health check failed; answered 503", e);
      return false;
    }
  }
}
