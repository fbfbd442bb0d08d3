package io.github.checkmetrics.httpserver;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Applies an {@link EndpointConfig} when a {@link MetricsServer} starts: its {@code
 * checkmetrics.auth.*} and {@code checkmetrics.tls.*} keys, client_java's JVM and process metrics
 * and its constant labels. Its port, host and path were applied as the builder's options already.
 */
final class ConfigApplication {

  private ConfigApplication() {}

  /**
   * Configures {@code handler} from {@code config}.
   *
   * @param registry the registry given to the builder, or null for client_java's default one
   * @param authenticationSet whether the builder's authentication was set too
   * @param sslContext the builder's own HTTPS context, or null
   * @return the context to serve HTTPS with, or null for HTTP
   * @throws IllegalStateException when authentication or HTTPS is set both by the configuration and
   *     by the builder
   */
  static SSLContext apply(
      EndpointConfig config,
      ScrapeHandler.Builder handler,
      PrometheusRegistry registry,
      boolean authenticationSet,
      SSLContext sslContext) {
    Optional<Authentication> fromConfig = config.authentication();
    if (fromConfig.isPresent()) {
      if (authenticationSet) {
        throw new IllegalStateException(
            "authentication was set both by checkmetrics.auth.* and by authentication(...);"
                + " set it once");
      }
      handler.authentication(fromConfig.get());
    }
    SSLContext https = sslContext;
    if (config.hasTls()) {
      if (sslContext != null) {
        throw new IllegalStateException(
            "https was set both by checkmetrics.tls.* and by https(...); set it once");
      }
      Secret password =
          config.tlsKeystorePassword().map(Secret::value)
              .orElseGet(() -> Secret.file(config.tlsKeystorePasswordFile().orElseThrow()));
      https =
          Tls.fromKeystore(config.tlsKeystore().orElseThrow(), password, config.tlsKeystoreType());
    }
    PrometheusRegistry served = registry != null ? registry : PrometheusRegistry.defaultRegistry;
    config.registerInstrumentation(served);
    if (!config.constantLabels().isEmpty()) {
      handler.expositionWriter(config.expositionWriter(served));
    } else if (registry != null) {
      handler.registry(registry);
    }
    return https;
  }
}
