package io.github.checkmetrics.servlet;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * A real embedded Tomcat 10.1 on a free loopback port, serving one servlet in the root context, as
 * {@link Jetty} does for Jetty 12; {@link #close()} stops it and deletes its base directory.
 */
final class EmbeddedTomcat implements AutoCloseable {

  /** Tomcat's default limit of request line and headers, in bytes. */
  static final int DEFAULT_MAX_HTTP_HEADER_SIZE = 8192;

  private final Tomcat tomcat;
  private final Connector connector;
  private final Path baseDirectory;

  private EmbeddedTomcat(Tomcat tomcat, Connector connector, Path baseDirectory) {
    this.tomcat = tomcat;
    this.connector = connector;
    this.baseDirectory = baseDirectory;
  }

  /** Starts Tomcat with its connector defaults and {@code servlet} mapped at {@code mapping}. */
  static EmbeddedTomcat start(Servlet servlet, String mapping)
      throws IOException, LifecycleException {
    return start(servlet, mapping, DEFAULT_MAX_HTTP_HEADER_SIZE, "", null);
  }

  /** Starts Tomcat with its connector defaults and {@code errorReport} as its host's error pages. */
  static EmbeddedTomcat start(Servlet servlet, String mapping, ErrorReportValve errorReport)
      throws IOException, LifecycleException {
    return start(servlet, mapping, DEFAULT_MAX_HTTP_HEADER_SIZE, "", errorReport);
  }

  /** As {@link #start(Servlet, String, int, String, ErrorReportValve)} with Tomcat's error pages. */
  static EmbeddedTomcat start(
      Servlet servlet, String mapping, int maxHttpHeaderSize, String relaxedQueryChars)
      throws IOException, LifecycleException {
    return start(servlet, mapping, maxHttpHeaderSize, relaxedQueryChars, null);
  }

  /**
   * Starts Tomcat with {@code servlet} mapped at {@code mapping}, loaded on start-up.
   *
   * @param maxHttpHeaderSize bytes of request line and headers the connector accepts; Tomcat's
   *     default is 8192
   * @param relaxedQueryChars characters Tomcat accepts unencoded in a query, such as {@code "[]"}
   *     for {@code name[]}; Tomcat's default is none
   * @param errorReport the valve that writes the host's error pages, or null for Tomcat's own
   *     (which shows the exception and its stack trace)
   */
  static EmbeddedTomcat start(
      Servlet servlet,
      String mapping,
      int maxHttpHeaderSize,
      String relaxedQueryChars,
      ErrorReportValve errorReport)
      throws IOException, LifecycleException {
    Path baseDirectory = Files.createTempDirectory("checkmetrics-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDirectory.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("maxHttpHeaderSize", Integer.toString(maxHttpHeaderSize));
    connector.setProperty("relaxedQueryChars", relaxedQueryChars);
    tomcat.setConnector(connector);
    if (errorReport != null) {
      // The host adds an ErrorReportValve of its own only when it has none.
      tomcat.getHost().getPipeline().addValve(errorReport);
    }
    Context context = tomcat.addContext("", baseDirectory.toString());
    Wrapper wrapper = Tomcat.addServlet(context, "metrics", servlet);
    wrapper.setLoadOnStartup(1);
    context.addServletMappingDecoded(mapping, "metrics");
    try {
      tomcat.start();
    } catch (LifecycleException | RuntimeException e) {
      stop(tomcat, baseDirectory);
      throw e;
    }
    return new EmbeddedTomcat(tomcat, connector, baseDirectory);
  }

  /** The URI of {@code path} in the root context. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    stop(tomcat, baseDirectory);
  }

  private static void stop(Tomcat tomcat, Path baseDirectory) {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("cannot stop Tomcat", e);
    } finally {
      deleteRecursively(baseDirectory);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
