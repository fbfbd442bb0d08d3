package io.github.checkmetrics.servlet;

import java.net.URI;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real embedded Jetty 12 (ee10) on a free loopback port, with one servlet context. */
final class Jetty implements AutoCloseable {

  /** Jetty's own default request header size, which also bounds the request line. */
  static final int DEFAULT_HEADER_SIZE = new HttpConfiguration().getRequestHeaderSize();

  private final Server server;
  private final ServerConnector connector;
  private final String contextPath;

  private Jetty(Server server, ServerConnector connector, String contextPath) {
    this.server = server;
    this.connector = connector;
    this.contextPath = contextPath;
  }

  /** Starts Jetty with default settings and a context at {@code /}. */
  static Jetty start(Consumer<ServletContextHandler> servlets) throws Exception {
    return start("/", DEFAULT_HEADER_SIZE, servlets);
  }

  /**
   * Starts Jetty; a servlet that fails {@code init()} at start-up (load-on-startup) makes this
   * throw its exception, after Jetty is stopped again.
   *
   * @param contextPath the context path, {@code "/"} for the root
   * @param requestHeaderSize bytes of request line and headers Jetty accepts
   * @param servlets registers the servlets on the context
   */
  static Jetty start(
      String contextPath, int requestHeaderSize, Consumer<ServletContextHandler> servlets)
      throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(requestHeaderSize);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(contextPath);
    servlets.accept(context);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new Jetty(server, connector, contextPath.equals("/") ? "" : contextPath);
  }

  /** The URI of {@code path} within the web application. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath + path);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop Jetty", e);
    }
  }
}
