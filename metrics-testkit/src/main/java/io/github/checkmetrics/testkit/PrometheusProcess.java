package io.github.checkmetrics.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The life of one Prometheus process: its temporary directory, start-up until ready, its log and
 * its end. Stopped only through its own {@link Process} handle, never by name.
 */
final class PrometheusProcess {

  /** A free port can be taken by someone else before Prometheus binds it; then we try again. */
  private static final int START_ATTEMPTS = 3;
  private static final String CONFIG_FILE = "prometheus.yml";
  private static final String LOG_FILE = "prometheus.log";

  private final Process process;
  private final Path directory;
  private final int port;
  private final Thread shutdownHook;
  private boolean closed;

  private PrometheusProcess(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    // A test JVM that exits without close() (Ctrl-C, System.exit) must not leave Prometheus behind.
    this.shutdownHook = new Thread(process::destroyForcibly, "checkmetrics-prometheus-reaper");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  static PrometheusProcess start(Path binary, PrometheusConfig config) {
    Path directory;
    try {
      directory = Files.createTempDirectory("checkmetrics-prometheus-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for prometheus", e);
    }
    try {
      Path rules = Files.createDirectory(directory.resolve("rules"));
      for (Map.Entry<String, String> file : config.ruleFiles().entrySet()) {
        Files.writeString(rules.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      }
      for (int attempt = 1; ; attempt++) {
        int port = FreePorts.loopbackPort();
        String address = "127.0.0.1:" + port;
        Files.writeString(directory.resolve(CONFIG_FILE), config.render(address, rules),
            StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(command(binary, directory, address, config))
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve(LOG_FILE).toFile())
            .directory(directory.toFile())
            .start();
        PrometheusProcess started = new PrometheusProcess(process, directory, port);
        String failure = Processes.awaitReady(
            started.process,
            URI.create("http://127.0.0.1:" + started.port + "/-/ready"),
            config.startTimeout(),
            "prometheus");
        if (failure == null) {
          return started;
        }
        String log = started.logTail(40);
        started.stopProcess();
        if (!(log.contains("address already in use") && attempt < START_ATTEMPTS)) {
          throw new IllegalStateException(failure + " (directory " + directory
              + " deleted); config:\n" + config.render(address, rules) + "prometheus log:\n" + log);
        }
      }
    } catch (IOException e) {
      UncheckedIOException failure = new UncheckedIOException("cannot start prometheus", e);
      deleteAfterFailure(directory, failure);
      throw failure;
    } catch (RuntimeException | Error e) {
      deleteAfterFailure(directory, e);
      throw e;
    }
  }

  private static void deleteAfterFailure(Path directory, Throwable failure) {
    try {
      deleteRecursively(directory);
    } catch (UncheckedIOException e) {
      failure.addSuppressed(e);
    }
  }

  private static List<String> command(Path binary, Path directory, String address,
      PrometheusConfig config) {
    List<String> command = new ArrayList<>(List.of(
        binary.toString(),
        "--config.file=" + directory.resolve(CONFIG_FILE),
        "--storage.tsdb.path=" + directory.resolve("data"),
        "--web.listen-address=" + address,
        // Setting a retention avoids a start-up notice; a test never comes near it.
        "--storage.tsdb.retention.time=1d"));
    config.features().forEach(feature -> command.add("--enable-feature=" + feature));
    return command;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Path directory() {
    return directory;
  }

  synchronized String logTail(int lines) {
    if (lines < 1) {
      throw new IllegalArgumentException("lines must be positive: " + lines);
    }
    Path log = directory.resolve(LOG_FILE);
    if (closed || !Files.exists(log)) {
      return "";
    }
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopProcess();
    deleteRecursively(directory);
  }

  private void stopProcess() {
    Processes.stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to; it kills the process anyway.
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}
