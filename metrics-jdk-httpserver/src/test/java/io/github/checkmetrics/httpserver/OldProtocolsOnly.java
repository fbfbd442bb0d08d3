package io.github.checkmetrics.httpserver;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/** An SSLContext that claims to support TLS 1.0 and 1.1 only, as a misconfigured provider might. */
final class OldProtocolsOnly extends SSLContextSpi {
  private final SSLContext real;

  private OldProtocolsOnly(SSLContext real) {
    this.real = real;
  }

  static SSLContext context() {
    try {
      SSLContext real = SSLContext.getDefault();
      return new SSLContext(new OldProtocolsOnly(real), real.getProvider(), "TLS") {};
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  protected SSLParameters engineGetSupportedSSLParameters() {
    return new SSLParameters(new String[0], new String[] {"TLSv1", "TLSv1.1"});
  }

  @Override
  protected SSLParameters engineGetDefaultSSLParameters() {
    return engineGetSupportedSSLParameters();
  }

  @Override
  protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {}

  @Override
  protected SSLSocketFactory engineGetSocketFactory() {
    return real.getSocketFactory();
  }

  @Override
  protected SSLServerSocketFactory engineGetServerSocketFactory() {
    return real.getServerSocketFactory();
  }

  @Override
  protected SSLEngine engineCreateSSLEngine() {
    return real.createSSLEngine();
  }

  @Override
  protected SSLEngine engineCreateSSLEngine(String host, int port) {
    return real.createSSLEngine(host, port);
  }

  @Override
  protected SSLSessionContext engineGetServerSessionContext() {
    return real.getServerSessionContext();
  }

  @Override
  protected SSLSessionContext engineGetClientSessionContext() {
    return real.getClientSessionContext();
  }
}
