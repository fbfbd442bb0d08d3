package io.github.checkmetrics.httpserver;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;

/** Binds the JDK server of a {@link MetricsServer}, over HTTP or HTTPS, and starts it. */
final class ServerStart {

  private ServerStart() {}

  /**
   * Binds a server, not yet started.
   *
   * @param host null for all interfaces
   * @param sslContext null for HTTP
   * @throws IllegalArgumentException when the host does not resolve
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  static HttpServer bind(String host, int port, SSLContext sslContext) {
    InetSocketAddress address =
        host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("host must resolve to an address: \"" + host + "\"");
    }
    try {
      if (sslContext == null) {
        return HttpServer.create(address, 0);
      }
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new Tls.Configurator(sslContext));
      return https;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "metrics server cannot bind "
              + address.getHostString()
              + ":"
              + port
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The dispatcher thread inherits daemon status from the thread that starts the server. */
  static void startAsDaemon(HttpServer server) {
    Thread starter = WorkerPool.daemonThreads().newThread(server::start);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.stop(0);
      throw new IllegalStateException("interrupted while starting the metrics server", e);
    }
  }
}
