package io.github.checkmetrics.httpserver;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * The time limit of one exchange of a {@link MetricsServer}, watched by {@link ClientTimeouts}: how
 * long the client may take to send its request (TLS handshake, request line, headers) and how long
 * it may stall while its response is written.
 *
 * <p>The JDK server reads a request on the thread that runs the exchange, with a blocking {@code
 * SocketChannel}; interrupting that thread closes the channel ({@code ClosedByInterruptException}),
 * the only way to cut a slow client without the JVM-wide {@code sun.net.httpserver.maxReqTime}.
 * The phases make sure an interrupt never lands while the registry is collected or after the
 * exchange is over.
 */
final class ExchangeGuard {

  private enum Phase {
    READING,
    HANDLING,
    WRITING,
    DONE,
    CUT
  }

  private static final ThreadLocal<ExchangeGuard> CURRENT = new ThreadLocal<>();

  private final Thread thread;
  private final long limitNanos;
  private Phase phase = Phase.READING;
  private volatile long deadline;

  private ExchangeGuard(Thread thread, long limitNanos) {
    this.thread = thread;
    this.limitNanos = limitNanos;
    this.deadline = System.nanoTime() + limitNanos;
  }

  /** Starts guarding the exchange the current thread is about to read. */
  static ExchangeGuard begin(long limitNanos) {
    ExchangeGuard guard = new ExchangeGuard(Thread.currentThread(), limitNanos);
    CURRENT.set(guard);
    return guard;
  }

  /** The guard of the exchange on this thread, or null outside a {@link MetricsServer} thread. */
  static ExchangeGuard current() {
    return CURRENT.get();
  }

  /**
   * The request was read: no limit while it is answered.
   *
   * @throws InterruptedIOException when the limit cut the exchange first
   */
  synchronized void handling() throws InterruptedIOException {
    if (phase == Phase.CUT) {
      throw new InterruptedIOException("the client took longer than its time limit to send");
    }
    phase = Phase.HANDLING;
  }

  /** The response is being written: the client may stall for at most the limit at a time. */
  synchronized void writing() {
    if (phase != Phase.CUT) {
      phase = Phase.WRITING;
      deadline = System.nanoTime() + limitNanos;
    }
  }

  /** The client took more bytes: its limit starts again. */
  void progress() {
    deadline = System.nanoTime() + limitNanos;
  }

  /** Interrupts the thread when the client is late; called by the watchdog only. */
  synchronized void cutIfLate(long now) {
    if ((phase == Phase.READING || phase == Phase.WRITING) && now - deadline >= 0) {
      phase = Phase.CUT;
      thread.interrupt();
    }
  }

  /**
   * Ends the exchange; any interrupt of the watchdog has landed by now (it interrupts under this
   * lock) and is cleared, so it never reaches the next exchange on this thread.
   */
  void end() {
    synchronized (this) {
      phase = Phase.DONE;
    }
    CURRENT.remove();
    Thread.interrupted();
  }

  /** {@code out}, telling this guard of every write the client took. */
  OutputStream watch(OutputStream out) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        progress();
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        progress();
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }
    };
  }
}
