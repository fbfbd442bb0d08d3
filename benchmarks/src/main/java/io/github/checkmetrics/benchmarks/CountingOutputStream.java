package io.github.checkmetrics.benchmarks;

import java.io.OutputStream;

/** Discards what is written to it and counts the bytes; not thread-safe. */
final class CountingOutputStream extends OutputStream {

  private long count;

  @Override
  public void write(int b) {
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    count += len;
  }

  /** @return the number of bytes written so far */
  long count() {
    return count;
  }
}
