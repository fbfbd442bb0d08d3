package io.github.checkmetrics.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback target that answers every connection with the same bytes (then, optionally, more
 * bytes without end), never closes a connection itself, and counts the connections the client
 * still holds open: each stays counted until the client closes it.
 */
final class HostileTarget implements AutoCloseable {

  /** Most bytes an endless reply writes per connection, so that a broken client cannot fill a disk. */
  private static final long ENDLESS_CAP = 256L << 20;

  private final ServerSocket server;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /**
   * @param reply written at once on every connection (may be empty: a silent target)
   * @param filler written again and again after the reply until the client leaves (up to 256
   *     MiB), or {@code null}
   */
  HostileTarget(byte[] reply, byte[] filler) throws IOException {
    server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  Socket client = server.accept();
                  sockets.add(client);
                  open.incrementAndGet();
                  accepted.incrementAndGet();
                  Thread serve = new Thread(() -> serve(client, reply, filler), "hostile-conn");
                  serve.setDaemon(true);
                  serve.start();
                }
              } catch (IOException e) {
                // closed
              }
            },
            "hostile-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void serve(Socket client, byte[] reply, byte[] filler) {
    try {
      OutputStream out = client.getOutputStream();
      out.write(reply);
      out.flush();
      if (filler != null) {
        for (long sent = 0; sent < ENDLESS_CAP; sent += filler.length) {
          out.write(filler);
        }
      }
      InputStream in = client.getInputStream();
      byte[] buffer = new byte[4096];
      while (in.read(buffer) >= 0) {
        // read until the client closes
      }
    } catch (IOException e) {
      // the client closed or reset the connection
    } finally {
      open.decrementAndGet();
      try {
        client.close();
      } catch (IOException e) {
        // closing
      }
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted and not yet closed by the client. */
  int openConnections() {
    return open.get();
  }

  int acceptedConnections() {
    return accepted.get();
  }

  /**
   * Waits until the client holds no connection open, for at most {@code seconds}.
   *
   * @return the connections still open at the end
   */
  int awaitNoneOpen(long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (open.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return open.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    try {
      acceptor.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
