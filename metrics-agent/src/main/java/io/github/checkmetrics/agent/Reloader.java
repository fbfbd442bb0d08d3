package io.github.checkmetrics.agent;

import io.github.checkmetrics.exposition.ScrapeRequest;
import io.github.checkmetrics.exposition.ScrapeResponse;
import io.github.checkmetrics.model.internal.Messages;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the checks file atomically: the new file is read and checked whole, and only a good one
 * replaces the running checks (by their difference, see {@link AgentChecks}); a bad one changes
 * nothing and is logged with its line. Reloads come from a watch of the file's directory (which
 * also sees a Kubernetes ConfigMap's symbolic-link swap) and from {@code POST /-/reload}. Its two
 * gauges are named as Prometheus and blackbox_exporter name theirs: {@code
 * checkmetrics_config_last_reload_successful} (1 or 0) and {@code
 * checkmetrics_config_last_reload_success_timestamp_seconds}. Thread-safe: reloads are serialized.
 */
final class Reloader implements AutoCloseable {

  static final String RELOAD_PATH = "/-/reload";

  private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

  /** Writes come in bursts (editor, ConfigMap swap): wait this long after an event to read. */
  private static final long SETTLE_MILLIS = 200;

  private final Path path;
  private final Shard shard;
  private final AgentChecks checks;
  private final Clock clock;
  private final Gauge successful;
  private final Gauge successTimestamp;
  private volatile ChecksFile current;
  private byte[] lastRead;
  private WatchService watcher;
  private Thread watchThread;

  /**
   * A reloader of a file whose first reading, {@code initial}, the checks already run.
   *
   * @param registry where the two reload gauges are registered
   */
  Reloader(
      Path path,
      ChecksFile initial,
      Shard shard,
      AgentChecks checks,
      PrometheusRegistry registry,
      Clock clock) {
    this.path = path;
    this.current = initial;
    this.shard = shard;
    this.checks = checks;
    this.clock = clock;
    this.successful =
        Gauge.builder()
            .name("checkmetrics_config_last_reload_successful")
            .help("Whether the last reload of the checks file succeeded (1) or failed (0)")
            .register(registry);
    this.successTimestamp =
        Gauge.builder()
            .name("checkmetrics_config_last_reload_success_timestamp_seconds")
            .help("Unix time of the last successful reload of the checks file")
            .register(registry);
    successful.set(1);
    successTimestamp.set(clock.millis() / 1000.0);
    this.lastRead = readQuietly();
  }

  /** The file as last read successfully, whole (not cut to the shard), for its modules. */
  ChecksFile current() {
    return current;
  }

  /**
   * Reads the file and applies it if it is good.
   *
   * @return what changed
   * @throws ChecksFileException if the file is bad; nothing changed
   */
  synchronized AgentChecks.Change reload() throws ChecksFileException {
    lastRead = readQuietly();
    ChecksFile file;
    try {
      file = ChecksFileReader.read(path);
    } catch (ChecksFileException e) {
      successful.set(0);
      LOG.error("reload failed, the checks running are unchanged: {}", e.getMessage());
      throw e;
    }
    AgentChecks.Change change;
    try {
      change = checks.apply(file.shard(shard));
    } catch (IllegalArgumentException e) {
      successful.set(0);
      LOG.error("reload failed, the checks running are unchanged: {}: {}", path, e.getMessage());
      throw new ChecksFileException(path.toString(), e.getMessage());
    }
    current = file;
    successful.set(1);
    successTimestamp.set(clock.millis() / 1000.0);
    LOG.info("reloaded {}: {}", path, change);
    return change;
  }

  /** The route of {@code POST /-/reload}: 200 with what changed, 400 with the file's error. */
  Function<ScrapeRequest, ScrapeResponse> route() {
    return request -> {
      boolean head = "HEAD".equals(request.method());
      if (!"POST".equals(request.method())) {
        return ScrapeResponse.plainText(
                405, "method must be POST: " + Messages.quote(request.method()) + "\n", head)
            .withHeader("Allow", "POST");
      }
      try {
        return ScrapeResponse.plainText(200, "reloaded: " + reload() + "\n", false);
      } catch (ChecksFileException e) {
        return ScrapeResponse.plainText(
            400, "reload failed, nothing changed: " + e.getMessage() + "\n", false);
      }
    };
  }

  /**
   * Watches the file's directory and reloads when the file's bytes change.
   *
   * @throws IOException if the directory cannot be watched
   */
  synchronized void watch() throws IOException {
    Path directory = path.toAbsolutePath().getParent();
    watcher = FileSystems.getDefault().newWatchService();
    directory.register(
        watcher,
        StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    WatchService service = watcher;
    watchThread = new Thread(() -> watchLoop(service), "checkmetrics-agent-watch");
    watchThread.setDaemon(true);
    watchThread.start();
  }

  private void watchLoop(WatchService service) {
    try {
      while (true) {
        WatchKey key = service.take();
        // Let a burst of writes end, then take every event of it at once.
        Thread.sleep(SETTLE_MILLIS);
        key.pollEvents();
        WatchKey more;
        while ((more = service.poll(0, TimeUnit.MILLISECONDS)) != null) {
          more.pollEvents();
          more.reset();
        }
        if (!key.reset()) {
          LOG.warn("the directory of {} cannot be watched any more; reload with POST {}", path,
              RELOAD_PATH);
          return;
        }
        reloadIfChanged();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  private synchronized void reloadIfChanged() {
    byte[] now = readQuietly();
    if (now == null || Arrays.equals(now, lastRead)) {
      return; // deleted (a swap in progress) or another file of the directory changed
    }
    try {
      reload();
    } catch (ChecksFileException e) {
      // logged by reload
    }
  }

  private byte[] readQuietly() {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    WatchService service;
    synchronized (this) {
      service = watcher;
      watcher = null;
    }
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        LOG.debug("closing the watch of {} failed", path, e);
      }
    }
  }
}
