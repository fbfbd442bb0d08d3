package io.github.checkmetrics.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Finds a TCP port on the loopback interface that is free right now.
 *
 * <p>The port is released before it is returned, so another process may take it before the
 * caller binds it; callers that start an external process (such as {@link PrometheusServer}) retry
 * with a new port when the bind fails. A server inside the JVM should bind port 0 itself instead.
 *
 * <pre>{@code
 * int port = FreePorts.loopbackPort();
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class FreePorts {

  private FreePorts() {}

  /**
   * Binds port 0 on 127.0.0.1, reads the port the kernel picked and releases it.
   *
   * @return a port number in 1..65535 that was free on 127.0.0.1 a moment ago
   * @throws UncheckedIOException if no socket can be bound
   */
  public static int loopbackPort() {
    try (ServerSocket socket =
        new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a free port on 127.0.0.1", e);
    }
  }
}
