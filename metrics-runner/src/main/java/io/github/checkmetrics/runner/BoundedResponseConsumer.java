package io.github.checkmetrics.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads a response without ever holding or reading more than a limit: the first {@code
 * maxBodyBytes} of the body are kept when a body check needs them, and a body longer than the
 * limit fails the exchange (so the client closes the connection instead of reading on).
 */
final class BoundedResponseConsumer
    extends AbstractBinResponseConsumer<BoundedResponseConsumer.Answer> {

  /** What came back: the status, the kept body, and when the headers and the end arrived. */
  record Answer(int status, byte[] body, long headersAtNanos, long endAtNanos) {}

  /** The body passed the limit; the exchange is abandoned and its connection closed. */
  static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limit) {
      super("body longer than " + limit + " bytes");
    }
  }

  private final long maxBodyBytes;
  private final boolean keepBody;
  private ByteArrayOutputStream body;
  private long read;
  private int status;
  private long headersAtNanos;

  BoundedResponseConsumer(long maxBodyBytes, boolean keepBody) {
    this.maxBodyBytes = maxBodyBytes;
    this.keepBody = keepBody;
  }

  @Override
  protected void start(HttpResponse response, ContentType contentType) {
    headersAtNanos = System.nanoTime();
    status = response.getCode();
    read = 0;
    body = keepBody ? new ByteArrayOutputStream() : null;
  }

  @Override
  protected int capacityIncrement() {
    return 64 * 1024;
  }

  @Override
  protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
    int n = src.remaining();
    read += n;
    if (read > maxBodyBytes) {
      throw new BodyTooLargeException(maxBodyBytes);
    }
    if (body != null && n > 0) {
      if (src.hasArray()) {
        body.write(src.array(), src.arrayOffset() + src.position(), n);
        src.position(src.limit());
      } else {
        byte[] chunk = new byte[n];
        src.get(chunk);
        body.write(chunk, 0, n);
      }
    } else {
      src.position(src.limit());
    }
  }

  @Override
  protected Answer buildResult() {
    byte[] bytes = body == null ? new byte[0] : body.toByteArray();
    return new Answer(status, bytes, headersAtNanos, System.nanoTime());
  }

  @Override
  public void releaseResources() {
    body = null;
  }
}
