package io.github.checkmetrics.exposition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The complete answer of {@link ScrapeHandler} to one request: status, headers and a body already
 * rendered into memory, so a failure while collecting can never reach the client as a truncated
 * {@code 200}.
 *
 * <pre>{@code
 * ScrapeResponse response = handler.handle(request);
 * response.headers().forEach(exchange.getResponseHeaders()::set);
 * exchange.sendResponseHeaders(response.status(), response.hasBody() ? response.contentLength() : -1);
 * response.writeBodyTo(exchange.getResponseBody());
 * }</pre>
 *
 * <p>Immutable apart from being written: {@link #writeBodyTo(OutputStream)} may be called from any
 * thread, any number of times.
 */
public final class ScrapeResponse {

  private static final byte[] EMPTY = new byte[0];

  private final int status;
  private final Map<String, String> headers;
  private final ByteArrayOutputStream body;
  private final boolean head;

  private ScrapeResponse(
      int status, Map<String, String> headers, ByteArrayOutputStream body, boolean head) {
    this.status = status;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
    this.head = head;
  }

  /** A scrape's 200: its body of that content type, gzip-compressed when {@code gzip} says so. */
  static ScrapeResponse metrics(
      String contentType, boolean gzip, ByteArrayOutputStream body, boolean head) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    if (gzip) {
      headers.put("Content-Encoding", "gzip");
    }
    headers.put("Vary", "Accept, Accept-Encoding");
    return new ScrapeResponse(200, headers, body, head);
  }

  /** A small text or HTML body; text bodies may echo client input, so browsers must not sniff. */
  static ScrapeResponse text(int status, String contentType, String text, boolean head) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    if (contentType.startsWith("text/plain")) {
      headers.put("X-Content-Type-Options", "nosniff");
    }
    return new ScrapeResponse(status, headers, bytes(text), head);
  }

  static ScrapeResponse methodNotAllowed(String method) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Allow", "GET, HEAD");
    headers.put("Content-Type", ScrapeHandler.TEXT);
    headers.put("X-Content-Type-Options", "nosniff");
    return new ScrapeResponse(
        405, headers, bytes("method must be GET or HEAD: \"" + method + "\"\n"), false);
  }

  /** The same 401 for every refused request, so the answer tells nothing about what was wrong. */
  static ScrapeResponse unauthorized(String challenge, boolean head) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("WWW-Authenticate", challenge);
    headers.put("Content-Type", ScrapeHandler.TEXT);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Cache-Control", "no-store");
    return new ScrapeResponse(401, headers, bytes("Unauthorized\n"), head);
  }

  private static ByteArrayOutputStream bytes(String text) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return body;
  }

  /**
   * The HTTP status code.
   *
   * @return for example 200, 401, 404, 405, 406, 400, 431 or 500
   */
  public int status() {
    return status;
  }

  /**
   * The response headers to set, {@code Content-Length} excepted (see {@link #contentLength()}).
   *
   * @return header name to value, in a stable order; unmodifiable
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The length of the entity body, the same for {@code HEAD} as for {@code GET}.
   *
   * @return the body length in bytes, after any {@code Content-Encoding}
   */
  public long contentLength() {
    return body.size();
  }

  /**
   * Whether bytes follow the headers: false for a {@code HEAD} request (RFC 9110 section 9.3.2),
   * which still reports the {@link #contentLength()} a {@code GET} would get.
   *
   * @return true when the adapter must send {@link #contentLength()} bytes of body
   */
  public boolean hasBody() {
    return !head;
  }

  /**
   * Writes the body, or nothing for a {@code HEAD} request. Does not close {@code out}.
   *
   * @param out the stream of the underlying transport
   * @throws IOException when writing to {@code out} fails, for example because the client went away
   */
  public void writeBodyTo(OutputStream out) throws IOException {
    if (!head) {
      body.writeTo(out);
    }
  }

  /**
   * A copy of the entity body, for tests and small adapters.
   *
   * @return the body bytes, empty for a {@code HEAD} request
   */
  public byte[] body() {
    return head ? EMPTY : body.toByteArray();
  }
}
