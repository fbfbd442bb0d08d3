package io.github.checkmetrics.testkit;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Connections that hold a server's attention without finishing anything, as a hostile network or a
 * broken client does; {@link #close()} drops them all. Every loop is bounded: the trickle stops
 * after {@link #MAX_TRICKLE_MILLIS} even if the test forgets to close.
 */
public final class SlowClients implements AutoCloseable {

  /** The longest a trickle runs. */
  public static final long MAX_TRICKLE_MILLIS = 60_000;

  /** What each connection sends before it stalls. */
  public enum Kind {
    /** A request line and one header, then one more header byte every 200 ms. */
    SLOW_HEADERS("GET /metrics HTTP/1.1\r\nHost: x\r\n", true),
    /** Half a request line, then nothing. */
    UNFINISHED_REQUEST_LINE("GET /metr", false),
    /** A whole request announcing a 100000-byte body, then nothing. */
    UNSENT_BODY(
        "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n", false),
    /** A whole request, then its response is never read (a 4 KiB receive buffer). */
    NON_READING(null, false),
    /** The first bytes of a TLS ClientHello (record header of 512 bytes, 1 sent), then nothing. */
    STALLED_TLS_HANDSHAKE("\u0016\u0003\u0001\u0002\u0000\u0001", false);

    private final String prefix;
    private final boolean trickles;

    Kind(String prefix, boolean trickles) {
      this.prefix = prefix;
      this.trickles = trickles;
    }
  }

  private final List<Socket> sockets;
  private final Thread trickle;

  private SlowClients(List<Socket> sockets, Thread trickle) {
    this.sockets = sockets;
    this.trickle = trickle;
  }

  /**
   * Opens {@code count} connections of one kind to the host and port of {@code metricsUri}.
   *
   * @param kind what they send
   * @param count how many
   * @param metricsUri the endpoint; {@link Kind#NON_READING} requests its path
   * @return the open connections
   * @throws IOException when a connection cannot be opened
   */
  public static SlowClients open(Kind kind, int count, URI metricsUri) throws IOException {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Socket socket = RawHttp.connect(metricsUri, kind == Kind.NON_READING ? 4096 : 0);
        sockets.add(socket);
        RawHttp.send(socket, kind == Kind.NON_READING ? RawHttp.get(metricsUri) : kind.prefix);
      }
    } catch (IOException | RuntimeException e) {
      closeAll(sockets);
      throw e;
    }
    Thread trickle = null;
    if (kind.trickles) {
      trickle = new Thread(() -> trickle(sockets), "slow-clients-trickle");
      trickle.setDaemon(true);
      trickle.start();
    }
    return new SlowClients(sockets, trickle);
  }

  /**
   * The connections the server has closed so far (a read returns end of stream at once).
   *
   * @return how many of them are closed by the server
   */
  public int closedByServer() {
    int closed = 0;
    for (Socket socket : sockets) {
      try {
        socket.setSoTimeout(1);
        if (socket.getInputStream().read() == -1) {
          closed++;
        }
      } catch (java.net.SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        closed++;
      }
    }
    return closed;
  }

  /**
   * Waits until the server has started answering every connection (a byte is waiting to be read
   * on each), or until {@code timeout}; for {@link Kind#NON_READING}, whose responses are never
   * read.
   *
   * @param timeout the longest wait
   * @throws IOException when a connection fails
   * @throws InterruptedException when interrupted while waiting
   */
  public void awaitResponsesStarted(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Socket socket : sockets) {
      while (socket.getInputStream().available() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
  }

  private static void trickle(List<Socket> sockets) {
    byte[] oneByte = "X".getBytes(StandardCharsets.ISO_8859_1);
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_TRICKLE_MILLIS);
    while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
      for (Socket socket : sockets) {
        try {
          socket.getOutputStream().write(oneByte);
        } catch (IOException e) {
          // closed by the server or by close(): nothing more to trickle there
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Drops every connection and stops the trickle. */
  @Override
  public void close() {
    if (trickle != null) {
      trickle.interrupt();
    }
    closeAll(sockets);
    if (trickle != null) {
      try {
        trickle.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeAll(List<Socket> sockets) {
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
