package io.github.checkmetrics.exposition;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of a {@link ScrapeHandler} that answer with a fixed body: {@code OK} on the health
 * path (503 while the health check says no) and the small HTML index page at {@code /} that points
 * a person who opens the port to the metrics.
 */
final class Pages {

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);

  private Pages() {}

  /**
   * The health path's route.
   *
   * @param gate checks credentials first; {@link Gate#OPEN} for an open health path
   * @param check null for always healthy
   */
  static Routes.Route health(Gate gate, BooleanSupplier check) {
    return (request, variables) ->
        fixed(request, gate, check, "OK", ScrapeHandler.TEXT);
  }

  /** The index page's route, behind the metrics path's credentials. */
  static Routes.Route index(Gate gate, String metricsPath, String healthPath) {
    String html = html(metricsPath, healthPath);
    return (request, variables) ->
        fixed(request, gate, null, html, "text/html; charset=utf-8");
  }

  private static ScrapeResponse fixed(
      ScrapeRequest request, Gate gate, BooleanSupplier ready, String body, String contentType) {
    Gate.Admission admission = ScrapeHandler.admit(request, gate);
    if (admission.isRefused()) {
      return admission.refusal();
    }
    boolean head = ScrapeHandler.isHead(request);
    if (!healthy(ready)) {
      return ScrapeResponse.text(503, ScrapeHandler.TEXT, "Service Unavailable\n", head);
    }
    return ScrapeResponse.text(200, contentType, body, head);
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

  /** The index page, linking the metrics path and, when there is one, the health path. */
  static String html(String metricsPath, String healthPath) {
    String metrics = escape(metricsPath);
    StringBuilder page =
        new StringBuilder()
            .append("<!DOCTYPE html>\n")
            .append("<html><head><meta charset=\"utf-8\"><title>checkmetrics</title></head>\n")
            .append("<body><h1>checkmetrics</h1>\n")
            .append("<ul><li><a href=\"").append(metrics).append("\">").append(metrics)
            .append("</a> metrics</li>");
    if (healthPath != null) {
      String health = escape(healthPath);
      page.append("\n<li><a href=\"").append(health).append("\">").append(health)
          .append("</a> health</li>");
    }
    return page.append("</ul>\n</body></html>\n").toString();
  }

  private static final Map<Character, String> ENTITIES =
      Map.of('&', "&amp;", '<', "&lt;", '>', "&gt;", '"', "&quot;", '\'', "&#39;");

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String entity = ENTITIES.get(c);
      out.append(entity != null ? entity : String.valueOf(c));
    }
    return out.toString();
  }
}
