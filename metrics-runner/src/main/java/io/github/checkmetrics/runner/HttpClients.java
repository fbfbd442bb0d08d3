package io.github.checkmetrics.runner;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP clients of the HTTP probes: one per set of connection options, shared by every probe
 * with those options, created on first use and kept for the life of the JVM (their threads are
 * daemon threads named {@code checkmetrics-probe-http-<n>}).
 *
 * <p>A client is non-blocking: one or two I/O threads serve all its connections, and a probe
 * waiting for an answer holds no thread. Every run opens a connection of its own and closes it
 * when it ends, whatever the target answered.
 */
final class HttpClients {

  /** Connections per client, in total and per target: above any in-flight limit of a runner. */
  static final int MAX_CONNECTIONS = 4096;

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Map<Options, CloseableHttpAsyncClient> CLIENTS = new ConcurrentHashMap<>();

  private HttpClients() {}

  /** Which address family to try first when a host name resolves to both. */
  enum IpProtocol {
    IP4,
    IP6
  }

  /**
   * The options that need a client of their own.
   *
   * @param trustStoreKey identifies the trust store (its file), or {@code null} for the JVM's
   * @param trustStore the loaded trust store, or {@code null}; not part of equality
   * @param insecureSkipVerify whether certificates and host names go unchecked
   * @param serverName the TLS server name (SNI) and the name the certificate must hold, or {@code
   *     null} for the URL's host
   * @param ipProtocol the preferred address family, or {@code null} for the resolver's order
   */
  record Options(
      String trustStoreKey,
      KeyStore trustStore,
      boolean insecureSkipVerify,
      String serverName,
      IpProtocol ipProtocol) {

    static final Options DEFAULT = new Options(null, null, false, null, null);

    @Override
    public boolean equals(Object o) {
      return o instanceof Options other
          && java.util.Objects.equals(trustStoreKey, other.trustStoreKey)
          && insecureSkipVerify == other.insecureSkipVerify
          && java.util.Objects.equals(serverName, other.serverName)
          && ipProtocol == other.ipProtocol;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(trustStoreKey, insecureSkipVerify, serverName, ipProtocol);
    }
  }

  static CloseableHttpAsyncClient client(Options options) {
    return CLIENTS.computeIfAbsent(options, HttpClients::create);
  }

  private static CloseableHttpAsyncClient create(Options options) {
    DnsResolver resolver =
        options.ipProtocol() == null
            ? SystemDefaultDnsResolver.INSTANCE
            : new PreferringResolver(options.ipProtocol());
    CloseableHttpAsyncClient client =
        HttpAsyncClients.custom()
            .setConnectionManager(
                PoolingAsyncClientConnectionManagerBuilder.create()
                    .setTlsStrategy(tlsStrategy(options))
                    .setDnsResolver(resolver)
                    .setMaxConnTotal(MAX_CONNECTIONS)
                    .setMaxConnPerRoute(MAX_CONNECTIONS)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            // The runner cuts a run at its timeout; these only bound direct use.
                            .setConnectTimeout(Timeout.ofMinutes(1))
                            .setSocketTimeout(Timeout.ofMinutes(1))
                            .build())
                    .build())
            .setIOReactorConfig(
                IOReactorConfig.custom()
                    .setIoThreadCount(Math.min(2, Runtime.getRuntime().availableProcessors()))
                    .build())
            // A reply that is not HTTP must not be buffered whole as one endless line.
            .setHttp1Config(
                Http1Config.custom().setMaxLineLength(8192).setMaxHeaderCount(256).build())
            .setThreadFactory(threads())
            .setUserAgent("checkmetrics-runner")
            // A fresh connection per run, as blackbox_exporter does: a run measures (and fails
            // on) connecting and the TLS handshake every time, records the certificate every
            // time, never fails on a kept-alive connection the target has closed meanwhile, and
            // leaves no connection open after it.
            .setConnectionReuseStrategy((request, response, context) -> false)
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableConnectionState()
            .build();
    client.start();
    return client;
  }

  private static ThreadFactory threads() {
    return task -> {
      Thread thread = new Thread(task, "checkmetrics-probe-http-" + THREADS.incrementAndGet());
      // Daemon: a probe someone forgot about must not keep the JVM from exiting.
      thread.setDaemon(true);
      return thread;
    };
  }

  private static DefaultClientTlsStrategy tlsStrategy(Options options) {
    SSLContext context = sslContext(options);
    HostnameVerifier verifier;
    if (options.insecureSkipVerify()) {
      verifier = NoopHostnameVerifier.INSTANCE;
    } else if (options.serverName() != null) {
      DefaultHostnameVerifier standard = new DefaultHostnameVerifier();
      String name = options.serverName();
      verifier = (host, session) -> standard.verify(name, session);
    } else {
      verifier = new DefaultHostnameVerifier();
    }
    String serverName = options.serverName();
    return new DefaultClientTlsStrategy(context, HostnameVerificationPolicy.CLIENT, verifier) {
      @Override
      protected void initializeEngine(SSLEngine engine) {
        if (serverName != null) {
          SSLParameters parameters = engine.getSSLParameters();
          parameters.setServerNames(List.of(new SNIHostName(serverName)));
          engine.setSSLParameters(parameters);
        }
      }
    };
  }

  private static SSLContext sslContext(Options options) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManager[] trust;
      if (options.insecureSkipVerify()) {
        trust = new TrustManager[] {new TrustingEveryone()};
      } else if (options.trustStore() != null) {
        TrustManagerFactory factory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(options.trustStore());
        trust = factory.getTrustManagers();
      } else {
        trust = null; // the JVM's default trust
      }
      context.init(null, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a TLS context", e);
    }
  }

  /** Trusts any certificate: only behind {@code insecureSkipVerify(true)}. */
  private static final class TrustingEveryone implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * Orders a host's addresses so that the preferred family comes first and the other follows,
   * keeping the resolver's order within a family.
   */
  static InetAddress[] preferring(InetAddress[] addresses, IpProtocol preferred) {
    InetAddress[] sorted = addresses.clone();
    boolean wantV4 = preferred == IpProtocol.IP4;
    Arrays.sort(sorted, Comparator.comparingInt(a -> (a instanceof Inet4Address) == wantV4 ? 0 : 1));
    return sorted;
  }

  /** A resolver whose answers list the preferred family first. */
  private static final class PreferringResolver implements DnsResolver {
    private final IpProtocol preferred;

    PreferringResolver(IpProtocol preferred) {
      this.preferred = preferred;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      return preferring(SystemDefaultDnsResolver.INSTANCE.resolve(host), preferred);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
      return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
  }
}
