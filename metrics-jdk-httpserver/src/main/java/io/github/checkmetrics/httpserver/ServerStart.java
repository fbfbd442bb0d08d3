package io.github.checkmetrics.httpserver;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;

/** Binds the JDK server of a {@link MetricsServer}, over HTTP or HTTPS, and starts it. */
final class ServerStart {

  /**
   * The JDK server's switch for {@code TCP_NODELAY}, JVM-wide and read once, when the first JDK
   * {@code HttpServer} of the JVM is created ({@code sun.net.httpserver.ServerConfig}'s static
   * initialiser). Without it every response on a kept-alive connection waits about 40 ms: the JDK
   * writes headers and body separately, Nagle's algorithm holds the body until the client ACKs
   * the headers, and the client delays that ACK.
   */
  static final String NODELAY = "sun.net.httpserver.nodelay";

  /**
   * Connections the kernel may hold before the dispatcher accepts them; the JDK's default (50)
   * overflows in a burst of scrapes, and a connection past it waits for the client's SYN retry.
   */
  static final int BACKLOG = 1024;

  private ServerStart() {}

  /**
   * Sets {@value #NODELAY} to {@code true} unless the application set it (either way), before the
   * server is created; it takes effect only when no JDK {@code HttpServer} was created in this JVM
   * before.
   */
  static void preferNoDelay() {
    synchronized (System.getProperties()) {
      if (System.getProperty(NODELAY) == null) {
        System.setProperty(NODELAY, "true");
      }
    }
  }

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
    preferNoDelay();
    try {
      if (sslContext == null) {
        return HttpServer.create(address, BACKLOG);
      }
      HttpsServer https = HttpsServer.create(address, BACKLOG);
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
    Thread starter =
        ConnectionThreads.daemonThreads("checkmetrics-http-start-").newThread(server::start);
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
