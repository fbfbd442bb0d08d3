package io.github.checkmetrics.servlet;

import io.github.checkmetrics.exposition.EndpointConfig;

/** The checks of the options of {@link MetricsServlet.Builder}, with their messages. */
final class OptionChecks {

  private OptionChecks() {}

  /** Refuses a configuration with {@code tls.*} keys: the container serves HTTPS. */
  static void requireNoTls(EndpointConfig config) {
    if (config.hasTls()) {
      throw new IllegalArgumentException(
          "checkmetrics.tls.keystore must not be set for a servlet: its container serves HTTPS"
              + " (configure TLS on the container's connector): \""
              + config.tlsKeystore().orElseThrow()
              + "\"");
    }
  }

  /** Refuses a handler together with options of the handler the builder would build. */
  static void requireHandlerAlone(boolean otherOptions) {
    if (otherOptions) {
      throw new IllegalStateException(
          "handler and registry/constantLabel/metricsPath/maxQueryLength/maxQueryParameters/"
              + "authentication/config were both set; configure those on the handler");
    }
  }
}
