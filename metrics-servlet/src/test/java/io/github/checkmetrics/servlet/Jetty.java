package io.github.checkmetrics.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
    ServletContextHandler context = new ServletContextHandler(contextPath);
    servlets.accept(context);
    return start(context, requestHeaderSize);
  }

  /** Starts Jetty in front of a ready context, a {@code WebAppContext} for example. */
  static Jetty start(ServletContextHandler context, int requestHeaderSize) throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(requestHeaderSize);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    String contextPath = context.getContextPath();
    return new Jetty(server, connector, contextPath.equals("/") ? "" : contextPath);
  }

  int port() {
    return connector.getLocalPort();
  }

  /** The URI of {@code path} within the web application. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath + path);
  }

  /** Sends a request without body to {@code target} (path and query within the web application). */
  HttpResponse<String> send(String method, String target) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(target))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String target) throws IOException, InterruptedException {
    return send("GET", target);
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
