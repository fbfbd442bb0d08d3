package io.github.checkmetrics.agent;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.ScrapeRequest;
import io.github.checkmetrics.exposition.ScrapeResponse;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.model.internal.Messages;
import io.github.checkmetrics.runner.HttpProbe;
import io.github.checkmetrics.runner.ScheduledCheck;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /probe?target=URL&module=NAME}, as blackbox_exporter answers it: one run of the
 * module's probe against the target, answered as the check families of that one run (check id the
 * module, check name the target, in the agent's region) plus blackbox's {@code probe_success} and
 * {@code probe_duration_seconds}, in the format the scraper negotiates. The probe's timeout is the
 * module's, cut to the scrape's own ({@code X-Prometheus-Scrape-Timeout-Seconds}) minus an offset,
 * as blackbox_exporter does. At most {@code maxConcurrent} probes run at once; beyond, 503.
 * Thread-safe.
 */
final class ProbeRoute implements Function<ScrapeRequest, ScrapeResponse> {

  static final String PATH = "/probe";
  static final String TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";

  private final Supplier<ChecksFile> file;
  private final String region;
  private final Duration timeoutOffset;
  private final Semaphore slots;
  private final int maxConcurrent;

  /**
   * A route over the modules of the current file.
   *
   * @param file the checks file as last loaded
   * @param region the region of results of a module that names none
   * @param timeoutOffset subtracted from the scrape's timeout
   * @param maxConcurrent the most probes at once
   */
  ProbeRoute(
      Supplier<ChecksFile> file,
      String region,
      Duration timeoutOffset,
      int maxConcurrent) {
    this.file = file;
    this.region = Objects.requireNonNull(region, "region");
    this.timeoutOffset = timeoutOffset;
    this.maxConcurrent = maxConcurrent;
    this.slots = new Semaphore(maxConcurrent);
  }

  @Override
  public ScrapeResponse apply(ScrapeRequest request) {
    boolean head = "HEAD".equals(request.method());
    if (!"GET".equals(request.method()) && !head) {
      return ScrapeResponse.plainText(
              405, "method must be GET or HEAD: " + Messages.quote(request.method()) + "\n", false)
          .withHeader("Allow", "GET, HEAD");
    }
    Map<String, String> query;
    try {
      query = query(request.rawQuery());
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage(), head);
    }
    ChecksFile checks = file.get();
    String moduleName = query.get("module");
    if (moduleName == null || moduleName.isEmpty()) {
      return badRequest("module parameter is missing; modules: " + names(checks), head);
    }
    ModuleSpec module = checks.module(moduleName).orElse(null);
    if (module == null) {
      return badRequest(
          "unknown module " + Messages.quote(moduleName) + "; modules: " + names(checks), head);
    }
    String target = query.get("target");
    if (target == null || target.isEmpty()) {
      return badRequest("target parameter is missing", head);
    }
    try {
      HttpProbe.parse(target);
    } catch (IllegalArgumentException e) {
      return badRequest(targetProblem(e.getMessage()), head);
    }
    HttpProbe probe;
    try {
      probe = module.http().probe(target);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The module's own credential or trust store file or variable went missing since the
      // checks file was read: the agent's problem, not the request's.
      return ScrapeResponse.plainText(
          500, "module " + Messages.quote(moduleName) + " cannot probe: " + e.getMessage() + "\n", head);
    }
    Duration timeout;
    try {
      timeout = timeout(module, request.headers(TIMEOUT_HEADER));
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage(), head);
    }
    if (!slots.tryAcquire()) {
      return ScrapeResponse.plainText(
              503, "too many probes at once (at most " + maxConcurrent + "); try again\n", head)
          .withHeader("Retry-After", "1");
    }
    try {
      PrometheusRegistry registry = run(module, target, probe, timeout);
      return ScrapeHandler.builder().registry(registry).build().scrape(request);
    } finally {
      slots.release();
    }
  }

  private PrometheusRegistry run(
      ModuleSpec module, String target, HttpProbe probe, Duration timeout) {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    String name = target.length() > 256 ? target.substring(0, 253) + "..." : target;
    metrics.register(Check.builder(module.name()).name(name).type(module.type()).build());
    String where = module.region() != null ? module.region() : region;
    CheckResult result = metrics.measure(module.name(), where, () -> probe.run(timeout));
    Gauge.builder()
        .name("probe_success")
        .help("Displays whether or not the probe was a success")
        .register(registry)
        .set(result.outcome() == Outcome.FAILED ? 0 : 1);
    Gauge.builder()
        .name("probe_duration_seconds")
        .help("Returns how long the probe took to complete in seconds")
        .register(registry)
        .set(result.durationSeconds());
    return registry;
  }

  /**
   * The module's timeout, cut to the scrape's timeout minus the offset when that is shorter and
   * positive (blackbox_exporter's rule).
   */
  private Duration timeout(ModuleSpec module, java.util.List<String> header) {
    Duration moduleTimeout =
        module.timeout() != null ? module.timeout() : ScheduledCheck.DEFAULT_TIMEOUT;
    if (header.isEmpty()) {
      return moduleTimeout;
    }
    String value = header.get(0).trim();
    double seconds;
    try {
      seconds = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      seconds = Double.NaN;
    }
    if (header.size() > 1 || !(seconds > 0) || Double.isInfinite(seconds)
        || !value.matches("[0-9.eE+-]+")) {
      throw new IllegalArgumentException(
          TIMEOUT_HEADER + " must be a positive number of seconds: " + Messages.quote(value));
    }
    long nanos = (long) (seconds * 1e9) - timeoutOffset.toNanos();
    if (nanos <= 0) {
      return moduleTimeout;
    }
    Duration scrape = Duration.ofNanos(nanos);
    return scrape.compareTo(moduleTimeout) < 0 ? scrape : moduleTimeout;
  }

  /** HttpProbe's refusal of a URL, said of the target. */
  private static String targetProblem(String message) {
    String shown = message.substring(message.lastIndexOf(": \"") + 2);
    if (message.startsWith("url must not contain user information")) {
      return "target must not contain user information (it would show in labels and logs): "
          + shown;
    }
    return "target must be an absolute http or https URL with a host: " + shown;
  }

  private static String names(ChecksFile checks) {
    Set<String> names = new TreeSet<>(checks.modules().keySet());
    return names.isEmpty() ? "(none in the checks file)" : String.join(", ", names);
  }

  /** The {@code target} and {@code module} parameters, each at most once, percent-decoded. */
  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if ((key.equals("target") || key.equals("module")) && values.put(key, value) != null) {
        throw new IllegalArgumentException(key + " parameter must be given once");
      }
    }
    return values;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the query must be percent-encoded: " + Messages.quote(text));
    }
  }

  private static ScrapeResponse badRequest(String message, boolean head) {
    return ScrapeResponse.plainText(400, message + "\n", head);
  }
}
