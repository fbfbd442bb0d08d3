package io.github.checkmetrics.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Pushgateway ({@code /usr/bin/prometheus-pushgateway}, Debian package {@code
 * prometheus-pushgateway}) on a free loopback port with a temporary persistence file, for tests
 * of what is pushed to it. {@link #start()} skips the test where it is missing (fails under
 * {@code -DcheckmetricsTest.requireTools=true}, see {@link Tools}) and returns once {@code
 * /-/ready} answers; {@link #close()} stops the process by its own PID and deletes its directory.
 *
 * <pre>{@code
 * try (PushgatewayServer pushgateway = PushgatewayServer.start()) {
 *   // PUT to pushgateway.baseUri() + "/metrics/job/j/instance/i"
 *   String pushed = pushgateway.metrics();
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class PushgatewayServer implements AutoCloseable {

  /** The executable's name. */
  public static final String PUSHGATEWAY = "prometheus-pushgateway";

  private static final int START_ATTEMPTS = 3;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final String LOG_FILE = "pushgateway.log";

  private final Process process;
  private final Path directory;
  private final int port;
  private final Thread reaper;
  private boolean closed;

  private PushgatewayServer(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    // A test JVM that exits without close() must not leave the Pushgateway behind.
    this.reaper = new Thread(process::destroyForcibly, "checkmetrics-pushgateway-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts a Pushgateway on a free loopback port.
   *
   * @return the running Pushgateway, to be closed by the caller
   * @throws org.opentest4j.TestAbortedException if it is not installed and not required
   * @throws IllegalStateException if it exits or is not ready in time; the message holds its log
   */
  public static PushgatewayServer start() {
    Path binary = Tools.requireOrSkip(PUSHGATEWAY);
    Path directory;
    try {
      directory = Files.createTempDirectory("checkmetrics-pushgateway-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    try {
      for (int attempt = 1; ; attempt++) {
        int port = FreePorts.loopbackPort();
        Process process =
            new ProcessBuilder(
                    binary.toString(),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--persistence.file=" + directory.resolve("persistence"))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(LOG_FILE).toFile())
                .start();
        PushgatewayServer server = new PushgatewayServer(process, directory, port);
        String failure = Processes.awaitReady(
            server.process, server.baseUri().resolve("/-/ready"), START_TIMEOUT, "the Pushgateway");
        if (failure == null) {
          return server;
        }
        String log = server.log();
        server.stopProcess();
        if (!(log.contains("address already in use") && attempt < START_ATTEMPTS)) {
          throw new IllegalStateException(failure + "; log:\n" + log);
        }
      }
    } catch (IOException e) {
      delete(directory);
      throw new UncheckedIOException("cannot start " + binary, e);
    } catch (RuntimeException | Error e) {
      delete(directory);
      throw e;
    }
  }

  /**
   * Returns the base URI.
   *
   * @return such as {@code http://127.0.0.1:40000}
   */
  public URI baseUri() {
    return URI.create("http://" + address());
  }

  /**
   * Returns the address a Prometheus scrape job targets.
   *
   * @return such as {@code 127.0.0.1:40000}
   */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * Returns the process id, which {@link #close()} stops.
   *
   * @return the process id
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Reads what the Pushgateway exposes now.
   *
   * @return the body of its {@code /metrics}
   */
  public String metrics() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(START_TIMEOUT).build();
    try {
      return http.send(HttpRequest.newBuilder(baseUri().resolve("/metrics"))
              .timeout(START_TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String log() {
    try {
      return Files.readString(directory.resolve(LOG_FILE), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read the log: " + e + ")";
    }
  }

  private void stopProcess() {
    Processes.stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // The hook kills the process anyway.
    }
  }

  /** Stops the process by its PID and deletes its directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopProcess();
    delete(directory);
  }

  private static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path path : all) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}
