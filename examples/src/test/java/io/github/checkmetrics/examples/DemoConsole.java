package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Runs the demo in this JVM as its {@code main} would, with its console captured and the
 * configuration read from a given environment instead of the real one; sends it requests.
 */
final class DemoConsole {

  private static final long WAIT_NANOS = Duration.ofSeconds(30).toNanos();
  private static final HttpClient PLAIN =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  /**
   * A loader over no system property and these environment variables only: the build's own
   * {@code checkmetrics.*} system properties (such as {@code checkmetricsTest.prometheusDir}) are not
   * configuration keys and would be refused.
   *
   * @param keyValues variable names and values, alternating
   */
  static EndpointConfig.Loader environment(String... keyValues) {
    Map<String, String> environment = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      environment.put(keyValues[i], keyValues[i + 1]);
    }
    return EndpointConfig.loader().systemProperties(new Properties()).environment(environment);
  }

  /** As {@link #environment(String...)}, with system properties instead of variables. */
  static EndpointConfig.Loader systemProperties(String... keyValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return EndpointConfig.loader().systemProperties(properties).environment(Map.of());
  }

  int run(String[] args, EndpointConfig.Loader config, Consumer<Demo> whileRunning) {
    return Demo.run(args, config, out, err, whileRunning);
  }

  int run(String[] args, Consumer<Demo> whileRunning) {
    return run(args, environment(), whileRunning);
  }

  String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  void awaitOut(String expected) {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!out().contains(expected)) {
      assertThat(System.nanoTime()).as("console shows %s; it has:%n%s", expected, out())
          .isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static HttpResponse<String> get(Demo demo, String path) {
    return get("http://127.0.0.1:" + demo.port() + path, null, null);
  }

  static HttpResponse<String> get(Demo demo, String path, String authorization) {
    return get("http://127.0.0.1:" + demo.port() + path, authorization, null);
  }

  /**
   * @param authorization the {@code Authorization} header, or null for none
   * @param tls the client context for an https URL, or null
   */
  static HttpResponse<String> get(String url, String authorization, SSLContext tls) {
    HttpClient client =
        tls == null
            ? PLAIN
            : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
