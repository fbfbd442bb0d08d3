package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.model.internal.Messages;
import io.github.checkmetrics.model.internal.SetOnce;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes a TCP port: a connection must be established within the timeout.
 *
 * <pre>{@code
 * Probe probe = TcpProbe.builder("127.0.0.1", 5432)
 *     .degradedThreshold(Duration.ofMillis(100))
 *     .build();
 * }</pre>
 *
 * <p>One run resolves the host (every run, so a changed address is followed; the JVM caches
 * answers), connects without blocking a thread while it waits, and closes the connection without
 * sending anything. It fails with reason {@code dns}, {@code connection_refused} or {@code
 * timeout}; a run cut at its timeout closes its connection attempt. A run that connects but
 * takes longer than the degraded threshold is {@link Outcome#DEGRADED}. This class is immutable
 * and thread-safe.
 */
public final class TcpProbe implements Probe {

  private final String host;
  private final int port;
  private final Duration degradedThreshold;
  private final HttpClients.IpProtocol ipProtocol;

  private TcpProbe(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.degradedThreshold = builder.degradedThreshold;
    this.ipProtocol = builder.ipProtocol;
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

  /**
   * Runs the probe once and waits for its outcome; the {@link CheckRunner} does not wait, it
   * connects without holding a thread.
   */
  @Override
  public Outcome run(Duration timeout) throws IOException, InterruptedException, ProbeException {
    CompletableFuture<ProbeReport> run = start();
    try {
      return run.get(Durations.nanos(timeout), TimeUnit.NANOSECONDS).outcome();
    } catch (TimeoutException e) {
      run.cancel(true);
      throw new ProbeException(
          ProbeException.TIMEOUT, "no connection to " + host + ":" + port + " within " + timeout);
    } catch (InterruptedException e) {
      run.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }

  /** Connects; cancelling the future closes the connection attempt. */
  CompletableFuture<ProbeReport> start() {
    CompletableFuture<ProbeReport> result = new CompletableFuture<>();
    long start = System.nanoTime();
    AsynchronousSocketChannel channel;
    InetSocketAddress address;
    try {
      address = new InetSocketAddress(resolve(), port);
      channel = AsynchronousSocketChannel.open();
    } catch (IOException e) {
      result.completeExceptionally(e);
      return result;
    }
    result.whenComplete((report, failure) -> closeQuietly(channel));
    channel.connect(
        address,
        null,
        new CompletionHandler<Void, Void>() {
          @Override
          public void completed(Void ignored, Void attachment) {
            long elapsed = System.nanoTime() - start;
            Outcome outcome =
                degradedThreshold != null && elapsed > Durations.nanos(degradedThreshold)
                    ? Outcome.DEGRADED
                    : Outcome.PASSED;
            result.complete(ProbeReport.of(outcome));
          }

          @Override
          public void failed(Throwable failure, Void attachment) {
            result.completeExceptionally(failure);
          }
        });
    return result;
  }

  private InetAddress resolve() throws UnknownHostException {
    InetAddress[] all = InetAddress.getAllByName(host);
    if (ipProtocol == null || all.length == 1) {
      return all[0];
    }
    return HttpClients.preferring(all, ipProtocol)[0];
  }

  private static void closeQuietly(AsynchronousSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was sent; closing cannot lose anything
    }
  }

  /**
   * The rule of {@code preferredIpProtocol}, for both probes.
   *
   * @throws IllegalArgumentException if neither {@code ip4} nor {@code ip6}
   * @throws IllegalStateException if already set
   */
  static HttpClients.IpProtocol ipProtocol(String protocol, HttpClients.IpProtocol current) {
    Objects.requireNonNull(protocol, "protocol");
    HttpClients.IpProtocol parsed;
    switch (protocol.toLowerCase(Locale.ROOT)) {
      case "ip4" -> parsed = HttpClients.IpProtocol.IP4;
      case "ip6" -> parsed = HttpClients.IpProtocol.IP6;
      default -> throw new IllegalArgumentException(
          "preferred IP protocol must be ip4 or ip6: " + Messages.quote(protocol));
    }
    if (current != null) {
      throw SetOnce.alreadySet(
          "preferredIpProtocol", current.name().toLowerCase(Locale.ROOT), protocol);
    }
    return parsed;
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
    private HttpClients.IpProtocol ipProtocol;

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
      this.degradedThreshold = SetOnce.set("degradedThreshold", this.degradedThreshold, threshold);
      return this;
    }

    /**
     * Sets which address family is used when the host resolves to both.
     *
     * @param protocol {@code ip4} or {@code ip6} (blackbox_exporter's {@code
     *     preferred_ip_protocol})
     * @return this builder
     * @throws IllegalArgumentException if neither
     * @throws IllegalStateException if already set
     */
    public Builder preferredIpProtocol(String protocol) {
      this.ipProtocol = ipProtocol(protocol, this.ipProtocol);
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
