package io.github.checkmetrics.servlet.javax;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import javax.servlet.Servlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A real embedded Tomcat 9 on a free loopback port, with one context holding the given servlets;
 * its base directory is a temporary folder deleted on close.
 */
final class Tomcat9 implements AutoCloseable {

  /** Tomcat's own default {@code maxHttpHeaderSize}, which also bounds the request line. */
  static final int DEFAULT_HEADER_SIZE = 8 * 1024;

  private final Tomcat tomcat;
  private final Connector connector;
  private final Path baseDir;
  private final String contextPath;

  private Tomcat9(Tomcat tomcat, Connector connector, Path baseDir, String contextPath) {
    this.tomcat = tomcat;
    this.connector = connector;
    this.baseDir = baseDir;
    this.contextPath = contextPath;
  }

  /**
   * Starts Tomcat with {@code servlets} mapped by path.
   *
   * @param contextPath {@code ""} for the root context, else {@code /app}
   * @param maxHttpHeaderSize bytes of request line and headers Tomcat accepts
   * @param servlets url-pattern to servlet, each loaded on start-up
   * @throws LifecycleException when a servlet fails {@code init()} or Tomcat cannot start
   */
  static Tomcat9 start(String contextPath, int maxHttpHeaderSize, Map<String, Servlet> servlets)
      throws IOException, LifecycleException {
    Path baseDir = Files.createTempDirectory("tomcat9-");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector("HTTP/1.1");
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("maxHttpHeaderSize", Integer.toString(maxHttpHeaderSize));
    // Tomcat refuses a raw [ or ] in the query string (RFC 3986) with 400 before any servlet runs;
    // the contract's name[] parameters need them allowed, as a Tomcat user serving name[] must.
    connector.setProperty("relaxedQueryChars", "[]");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext(contextPath, baseDir.toString());
    int n = 0;
    for (Map.Entry<String, Servlet> entry : servlets.entrySet()) {
      String name = "servlet-" + n++;
      Wrapper wrapper = Tomcat.addServlet(context, name, entry.getValue());
      wrapper.setLoadOnStartup(1);
      context.addServletMappingDecoded(entry.getKey(), name);
    }
    Tomcat9 started = new Tomcat9(tomcat, connector, baseDir, contextPath);
    try {
      tomcat.start();
    } catch (LifecycleException | RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  static Tomcat9 start(Map<String, Servlet> servlets) throws IOException, LifecycleException {
    return start("", DEFAULT_HEADER_SIZE, servlets);
  }

  /** The URI of {@code path} within the web application. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath + path);
  }

  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("cannot stop Tomcat", e);
    } finally {
      try (Stream<Path> files = Files.walk(baseDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(Tomcat9::delete);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
