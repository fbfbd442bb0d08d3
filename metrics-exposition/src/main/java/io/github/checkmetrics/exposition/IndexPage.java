package io.github.checkmetrics.exposition;

/** The small HTML page at {@code /} that points a person who opens the port to the metrics. */
final class IndexPage {

  private IndexPage() {}

  static String html(String metricsPath, String healthPath) {
    String metrics = escape(metricsPath);
    String health = escape(healthPath);
    return "<!DOCTYPE html>\n"
        + "<html><head><meta charset=\"utf-8\"><title>checkmetrics</title></head>\n"
        + "<body><h1>checkmetrics</h1>\n"
        + "<ul><li><a href=\""
        + metrics
        + "\">"
        + metrics
        + "</a> metrics</li>\n"
        + "<li><a href=\""
        + health
        + "\">"
        + health
        + "</a> health</li></ul>\n"
        + "</body></html>\n";
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }
}
