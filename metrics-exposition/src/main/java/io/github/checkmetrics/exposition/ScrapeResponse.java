package io.github.checkmetrics.exposition;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
  private final BodyBuffer body;
  private final boolean head;

  private ScrapeResponse(
      int status, Map<String, String> headers, BodyBuffer body, boolean head) {
    this.status = status;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
    this.head = head;
  }

  /** A scrape's 200: its body of that content type, gzip-compressed when {@code gzip} says so. */
  static ScrapeResponse metrics(
      String contentType, boolean gzip, BodyBuffer body, boolean head) {
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

  /**
   * A plain-text answer, for a {@linkplain ScrapeHandler.Builder#route(String,
   * java.util.function.Function) route}: {@code Content-Type: text/plain; charset=utf-8} and
   * {@code X-Content-Type-Options: nosniff}, since the text may echo client input.
   *
   * @param status the HTTP status, 100 to 599
   * @param text the body, written as UTF-8
   * @param head whether the request was {@code HEAD}: then no body is sent, only its length
   * @return the response
   * @throws IllegalArgumentException when {@code status} is out of range
   */
  public static ScrapeResponse plainText(int status, String text, boolean head) {
    Objects.requireNonNull(text, "text");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be between 100 and 599: " + status);
    }
    return text(status, ScrapeHandler.TEXT, text, head);
  }

  static ScrapeResponse methodNotAllowed(String method) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Allow", "GET, HEAD");
    headers.put("Content-Type", ScrapeHandler.TEXT);
    headers.put("X-Content-Type-Options", "nosniff");
    return new ScrapeResponse(
        405, headers, bytes("method must be GET or HEAD: \"" + method + "\"\n"), false);
  }

  /** A path the handler does not serve, or a tenant segment that cannot name a tenant. */
  static ScrapeResponse notFound(boolean head) {
    return text(404, ScrapeHandler.TEXT, "Not Found\n", head);
  }

  /** An {@code Authorization} header past {@link AuthorizationHeader#MAX_HEADER_LENGTH}. */
  static ScrapeResponse headerTooLarge(boolean head) {
    return text(431, ScrapeHandler.TEXT, "Request Header Fields Too Large\n", head);
  }

  /** Every scrape slot taken and the queue full: try again in a second. */
  static ScrapeResponse busy(boolean head) {
    return text(503, ScrapeHandler.TEXT, "Service Unavailable: too many concurrent requests\n", head)
        .withHeader("Retry-After", "1");
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

  private static BodyBuffer bytes(String text) {
    BodyBuffer body = new BodyBuffer(text.length());
    body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return body;
  }

  /**
   * This response with one more header, such as {@code Allow} on a route's 405.
   *
   * @param name the header name, not {@code Content-Length} (see {@link #contentLength()})
   * @param value the header value
   * @return a copy with the header set, replacing one of the same name
   * @throws IllegalArgumentException when {@code name} is {@code Content-Length}
   */
  public ScrapeResponse withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.equalsIgnoreCase("Content-Length")) {
      throw new IllegalArgumentException("header must not be Content-Length: the adapter sets it");
    }
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ScrapeResponse(status, copy, body, head);
  }

  /** This response for a {@code GET} ({@code head} false) or a {@code HEAD} request. */
  ScrapeResponse forHead(boolean head) {
    return head == this.head ? this : new ScrapeResponse(status, headers, body, head);
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
   * Writes the body, or nothing for a {@code HEAD} request, in writes of at most 16 KiB, so that a
   * transport that buffers per write (the JDK {@code HttpServer} does, per connection) never holds
   * a buffer sized to the whole body. Does not close {@code out}.
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
