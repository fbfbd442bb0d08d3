package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * Probes a TCP port: a connection must be established within the timeout.
 *
 * <pre>{@code
 * Probe probe = TcpProbe.builder("127.0.0.1", 5432)
 *     .degradedThreshold(Duration.ofMillis(100))
 *     .build();
 * }</pre>
 *
 * <p>One run resolves the host (every run, so a changed address is followed), connects with the
 * run's timeout as the connect timeout and closes the connection without sending anything. It
 * fails with reason {@code dns}, {@code connection_refused} or {@code timeout}. A run that
 * connects but takes longer than the degraded threshold is {@link Outcome#DEGRADED}. This class is
 * immutable and thread-safe.
 */
public final class TcpProbe implements Probe {

  private final String host;
  private final int port;
  private final Duration degradedThreshold;

  private TcpProbe(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.degradedThreshold = builder.degradedThreshold;
  }

  /**
   * Starts a probe of the given host and port.
   *
   * @param host a host name or IP address, not empty
   * @param port 1 to 65535
   * @return a builder: never degraded
   * @throws IllegalArgumentException if the host is empty or the port out of range
   */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  @Override
  public Outcome run(Duration timeout) throws IOException {
    long start = System.nanoTime();
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new UnknownHostException(host);
    }
    long millis = Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) millis);
    }
    long elapsed = System.nanoTime() - start;
    if (degradedThreshold != null && elapsed > Durations.nanos(degradedThreshold)) {
      return Outcome.DEGRADED;
    }
    return Outcome.PASSED;
  }

  @Override
  public String toString() {
    return "TcpProbe{" + host + ":" + port + '}';
  }

  /** Builds a {@link TcpProbe}; not thread-safe. */
  public static final class Builder {
    private final String host;
    private final int port;
    private Duration degradedThreshold;

    private Builder(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (host.isEmpty()) {
        throw new IllegalArgumentException("host must not be empty: \"\"");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
      }
      this.host = host;
      this.port = port;
    }

    /**
     * Sets the duration over which a connecting run is degraded.
     *
     * @param threshold a run that connects but takes longer than this is {@link
     *     Outcome#DEGRADED}: positive
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     * @throws IllegalStateException if the threshold is already set
     */
    public Builder degradedThreshold(Duration threshold) {
      Objects.requireNonNull(threshold, "threshold");
      Durations.positive("degraded threshold", threshold);
      if (this.degradedThreshold != null) {
        throw Durations.alreadySet("degraded threshold");
      }
      this.degradedThreshold = threshold;
      return this;
    }

    /**
     * Builds the probe.
     *
     * @return the immutable probe
     */
    public TcpProbe build() {
      return new TcpProbe(this);
    }
  }
}
