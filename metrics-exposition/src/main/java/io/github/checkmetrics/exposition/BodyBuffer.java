package io.github.checkmetrics.exposition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A body rendered into memory, written out in slices of at most {@link #CHUNK_BYTES}.
 *
 * <p>Why slices: the JDK {@code HttpServer} (up to at least Java 21) copies each {@code write} into
 * a per-connection buffer it grows to twice the largest write and keeps for as long as the
 * connection lives, kept-alive or leaked after an aborted response. Written whole, a 10 MB scrape
 * left 20 MB behind per connection; written in 16 KiB slices, at most 32 KiB.
 */
final class BodyBuffer extends ByteArrayOutputStream {

  /** The largest single write handed to a transport. */
  static final int CHUNK_BYTES = 16 * 1024;

  BodyBuffer(int initialSize) {
    super(initialSize);
  }

  /**
   * Writes the whole body to {@code out}, {@link #CHUNK_BYTES} at a time. Not synchronized, unlike
   * the inherited method: a body is complete before it is handed out, and a cached one is written
   * to many sockets at once, none of which may wait for another's slow reader.
   */
  @Override
  public void writeTo(OutputStream out) throws IOException {
    for (int offset = 0; offset < count; offset += CHUNK_BYTES) {
      out.write(buf, offset, Math.min(CHUNK_BYTES, count - offset));
    }
  }
}
