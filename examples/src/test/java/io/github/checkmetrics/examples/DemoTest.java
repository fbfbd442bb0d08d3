package io.github.checkmetrics.examples;

import static io.github.checkmetrics.assertj.ExpositionAssertions.labels;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.assertj.ExpositionAssertions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo in this JVM: its command line, its endpoint, its console. */
class DemoTest {

  private static final long WAIT_NANOS = Duration.ofSeconds(30).toNanos();

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpShouldPrintTheOptionsAndExitZero() {
    int code = Demo.run(new String[] {"--help"}, out, err, demo -> {});

    assertThat(code).isZero();
    assertThat(out()).isEqualTo(DemoOptions.USAGE).contains("--target URL", "--interval DURATION");
    assertThat(err()).isEmpty();
  }

  @Test
  void badOptionShouldPrintTheErrorAndTheUsageAndExitTwo() {
    int code = Demo.run(new String[] {"--interval", "0s"}, out, err, demo -> {});

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "error: --interval must be a positive duration such as 5s, 500ms or 1m: \"0s\"\n\n"
                + DemoOptions.USAGE);
    assertThat(out()).isEmpty();
  }

  @Test
  void portInUseShouldExitOneWithAClearError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      int code = Demo.run(new String[] {"--port", Integer.toString(port)}, out, err, demo -> {});

      assertThat(code).isOne();
      assertThat(err())
          .isEqualTo(
              "error: cannot serve metrics on 127.0.0.1:"
                  + port
                  + ": the port is in use or not available (choose another with --port, 0 for a"
                  + " free one)\n");
    }
  }

  @Test
  void hostThatDoesNotResolveShouldExitOneWithAClearError() {
    int code =
        Demo.run(
            new String[] {"--host", "checkmetrics-demo.invalid", "--port", "0"},
            out,
            err,
            demo -> {});

    assertThat(code).isOne();
    assertThat(err())
        .isEqualTo("error: --host does not resolve to an address: \"checkmetrics-demo.invalid\"\n");
  }

  @Test
  void demoShouldServeCheckResultsWithJvmAndProcessMetricsAndReportAnUnreachableTarget()
      throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "http://127.0.0.1:" + closedPort + "/health";

    int code =
        Demo.run(
            new String[] {
              "--port", "0", "--interval", "1s", "--region", "test-region", "--target", unreachable
            },
            out,
            err,
            demo -> {
              awaitConsole("target-1: connection_refused");
              assertThat(demo.runner().isHealthy()).isTrue();
              assertThat(get(demo, "/-/healthy").statusCode()).isEqualTo(200);

              HttpResponse<String> metrics = get(demo, "/metrics");
              assertThat(metrics.statusCode()).isEqualTo(200);
              ExpositionAssertions.assertThat(metrics.body())
                  .isValidExposition()
                  .hasSample("check_status", labels("check_id", "demo-healthy"), 1.0)
                  .hasSample("check_status", labels("check_id", "demo-slow"), 1.0)
                  .hasSample("check_degraded", labels("check_id", "demo-slow"), 1.0)
                  .hasSample("check_status", labels("check_id", "demo-failing"), 0.0)
                  .hasSample(
                      "check_status",
                      labels("check_id", "target-1", "check_name", unreachable),
                      0.0)
                  .hasFamily("jvm_memory_used_bytes")
                  .and()
                  .hasFamily("process_cpu_seconds")
                  .and()
                  .hasFamily("check_runs");
              assertThat(metrics.body())
                  .contains("region=\"test-region\"")
                  .doesNotContain("region=\"local\"");
            });

    assertThat(code).isZero();
    assertThat(out())
        .contains("checkmetrics demo: serving metrics at http://localhost:")
        .contains("4 checks every 1s (timeout 1s) in region test-region:")
        .contains("    target-1      " + unreachable + "\n")
        .containsPattern(
            "\\d\\d:\\d\\d:\\d\\d 4 checks: 1 passing, 1 degraded, 2 failing"
                + " \\(demo-failing: unexpected_status, target-1: connection_refused\\)");
  }

  private void awaitConsole(String expected) {
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

  private HttpResponse<String> get(Demo demo, String path) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port() + path))
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
