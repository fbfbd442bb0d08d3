package io.github.checkmetrics.httpserver;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLParameters;

/** The parameters of one connection, as the JDK server hands them to a configurator; records what is set. */
final class CapturingParameters extends HttpsParameters {
  private final HttpsConfigurator configurator;
  private final SSLParameters[] captured;

  CapturingParameters(HttpsConfigurator configurator, SSLParameters[] captured) {
    this.configurator = configurator;
    this.captured = captured;
  }

  @Override
  public HttpsConfigurator getHttpsConfigurator() {
    return configurator;
  }

  @Override
  public InetSocketAddress getClientAddress() {
    return new InetSocketAddress("127.0.0.1", 50000);
  }

  @Override
  public void setSSLParameters(SSLParameters parameters) {
    captured[0] = parameters;
  }
}
