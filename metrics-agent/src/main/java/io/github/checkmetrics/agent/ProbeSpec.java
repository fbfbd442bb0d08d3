package io.github.checkmetrics.agent;

import io.github.checkmetrics.runner.HttpProbe;
import io.github.checkmetrics.runner.Probe;
import io.github.checkmetrics.runner.TcpProbe;
import java.time.Duration;

/**
 * How a check of the checks file is probed, as values: two specs are equal when they probe the same
 * way, which is how a reload tells a changed check from an unchanged one.
 */
sealed interface ProbeSpec {

  /** The probe kind, the default {@code type} of a check: {@code http} or {@code tcp}. */
  String kind();

  /** Builds the probe; the spec was checked when the file was read, so this does not throw. */
  Probe probe();

  /**
   * An HTTP probe.
   *
   * @param url the URL, or null in a module (the target gives it)
   * @param method null for {@code GET}
   * @param minStatus the lowest passing status, or 0 for the default range
   * @param maxStatus the highest passing status, or 0 for the default range
   * @param expectedBody a text the body must hold, or null
   * @param degradedThreshold null for never degraded
   */
  record Http(
      String url,
      String method,
      int minStatus,
      int maxStatus,
      String expectedBody,
      Duration degradedThreshold)
      implements ProbeSpec {

    @Override
    public String kind() {
      return "http";
    }

    @Override
    public Probe probe() {
      return probe(url);
    }

    /** The probe of this spec against {@code target}, a URL checked by {@link HttpProbe#parse}. */
    HttpProbe probe(String target) {
      HttpProbe.Builder builder = HttpProbe.builder(target);
      if (method != null) {
        builder.method(method);
      }
      if (minStatus != 0) {
        builder.expectedStatus(minStatus, maxStatus);
      }
      if (expectedBody != null) {
        builder.bodyContains(expectedBody);
      }
      if (degradedThreshold != null) {
        builder.degradedThreshold(degradedThreshold);
      }
      return builder.build();
    }
  }

  /**
   * A TCP probe.
   *
   * @param degradedThreshold null for never degraded
   */
  record Tcp(String host, int port, Duration degradedThreshold) implements ProbeSpec {

    @Override
    public String kind() {
      return "tcp";
    }

    @Override
    public Probe probe() {
      TcpProbe.Builder builder = TcpProbe.builder(host, port);
      if (degradedThreshold != null) {
        builder.degradedThreshold(degradedThreshold);
      }
      return builder.build();
    }
  }
}
