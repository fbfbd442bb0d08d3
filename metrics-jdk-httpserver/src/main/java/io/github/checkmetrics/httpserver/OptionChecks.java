package io.github.checkmetrics.httpserver;

import javax.net.ssl.SSLContext;

/** The checks of the options of {@link MetricsServer.Builder}, with their messages. */
final class OptionChecks {

  private OptionChecks() {}

  /** Refuses an option set twice, showing the value it has. */
  static void requireUnset(Object current, String option) {
    if (current != null) {
      throw new IllegalStateException(option + " was already set: " + current);
    }
  }

  /** Refuses a second {@code https(...)}, without showing the first one. */
  static void requireNoHttps(SSLContext current) {
    if (current != null) {
      throw new IllegalStateException("https was already set; set it once");
    }
  }

  static int requirePort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    return port;
  }

  /**
   * Checks the options that only {@code buildAndStart} can: a port, and not both a handler and
   * options of the handler it builds.
   */
  static void requireStartable(Integer port, boolean handlerAndHandlerOptions) {
    if (port == null) {
      throw new IllegalStateException("port was not set; 0 picks a free port");
    }
    if (handlerAndHandlerOptions) {
      throw new IllegalStateException(
          "handler and registry/metricsPath/healthPath/indexPage/authentication/"
              + "authenticateHealthPath were both set; configure those on the handler");
    }
  }
}
