package io.github.checkmetrics.servlet.javax;

import io.github.checkmetrics.exposition.ScrapeResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletResponse;

/** Writes the answers of {@link MetricsServlet} to the container's response. */
final class JavaxResponses {

  private static final byte[] NOT_FOUND = "Not Found\n".getBytes(StandardCharsets.UTF_8);

  private JavaxResponses() {}

  /** Copies the scrape handler's answer: status, headers, length and, unless HEAD, body. */
  static void send(ScrapeResponse answer, HttpServletResponse response) throws IOException {
    response.setStatus(answer.status());
    answer.headers().forEach(response::setHeader);
    // For HEAD the length a GET would get, and no body (RFC 9110 section 9.3.2).
    response.setContentLengthLong(answer.contentLength());
    if (answer.hasBody()) {
      answer.writeBodyTo(response.getOutputStream());
    }
  }

  /** 404 for a path other than the metrics path, as from the JDK server. */
  static void notFound(boolean head, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType("text/plain; charset=utf-8");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentLength(NOT_FOUND.length);
    if (!head) {
      response.getOutputStream().write(NOT_FOUND);
    }
  }
}
