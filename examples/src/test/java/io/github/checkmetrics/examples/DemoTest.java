package io.github.checkmetrics.examples;

import static io.github.checkmetrics.assertj.ExpositionAssertions.labels;
import static io.github.checkmetrics.examples.DemoConsole.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.assertj.ExpositionAssertions;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo in this JVM: its command line, its endpoint, its console. */
class DemoTest {

  private static final String TOKEN = "demo-test-token-5d1f";
  private static final String PASSWORD = "demo-test-password-9c2e";

  @TempDir static Path files;

  private final DemoConsole console = new DemoConsole();

  @Test
  void helpShouldPrintTheOptionsAndExitZero() {
    int code = console.run(new String[] {"--help"}, demo -> {});

    assertThat(code).isZero();
    assertThat(console.out())
        .isEqualTo(DemoOptions.USAGE)
        .contains("--target URL", "--interval DURATION")
        .contains("--bearer-token-file FILE", "--basic-auth-file FILE");
    assertThat(console.err()).isEmpty();
  }

  @Test
  void badOptionShouldPrintTheErrorAndTheUsageAndExitTwo() {
    int code = console.run(new String[] {"--interval", "0s"}, demo -> {});

    assertThat(code).isEqualTo(2);
    assertThat(console.err())
        .isEqualTo(
            "error: --interval must be a positive duration such as 5s, 500ms or 1m: \"0s\"\n\n"
                + DemoOptions.USAGE);
    assertThat(console.out()).isEmpty();
  }

  @Test
  void targetWithUserInformationShouldBeRefusedWithoutShowingIt() {
    int code =
        console.run(
            new String[] {"--port", "0", "--target", "http://prometheus:s3cr3t-pw@127.0.0.1:1/"},
            demo -> {});

    assertThat(code).isEqualTo(2);
    assertThat(console.err())
        .isEqualTo(
            "error: --target must not contain user information (it is never sent, and the URL is"
                + " shown on the console and in the check_name label):"
                + " \"http://***@127.0.0.1:1/\"\n\n"
                + DemoOptions.USAGE)
        .doesNotContain("s3cr3t");
    assertThat(console.out()).isEmpty();
  }

  @Test
  void portInUseShouldExitOneWithAClearError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      int code = console.run(new String[] {"--port", Integer.toString(port)}, demo -> {});

      assertThat(code).isOne();
      assertThat(console.err())
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
        console.run(
            new String[] {"--host", "checkmetrics-demo.invalid", "--port", "0"}, demo -> {});

    assertThat(code).isOne();
    assertThat(console.err())
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
        console.run(
            new String[] {
              "--port", "0", "--interval", "1s", "--region", "test-region", "--target", unreachable
            },
            demo -> {
              console.awaitOut("target-1: connection_refused");
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
    assertThat(console.out())
        .contains("checkmetrics demo: serving metrics at http://localhost:")
        .contains("4 checks every 1s (timeout 1s) in region test-region:")
        .contains("    target-1      " + unreachable + "\n")
        .doesNotContain("scrapes need credentials")
        .containsPattern(
            "\\d\\d:\\d\\d:\\d\\d 4 checks: 1 passing, 1 degraded, 2 failing"
                + " \\(demo-failing: unexpected_status, target-1: connection_refused\\)");
  }

  @Test
  void demoStartedWithATokenFileShouldAnswer401WithoutTheTokenAnd200WithIt() throws IOException {
    Path tokens = Files.writeString(files.resolve("tokens"), "old-token-1\n" + TOKEN + "\n");

    int code =
        console.run(
            new String[] {"--port", "0", "--bearer-token-file", tokens.toString()},
            demo -> {
              console.awaitOut("3 checks: ");
              HttpResponse<String> without = get(demo, "/metrics");
              assertThat(without.statusCode()).isEqualTo(401);
              assertThat(without.headers().firstValue("WWW-Authenticate"))
                  .contains("Bearer realm=\"metrics\"");
              assertThat(without.body()).doesNotContain(TOKEN);
              assertThat(get(demo, "/metrics", "Bearer wrong-token").statusCode()).isEqualTo(401);
              assertThat(get(demo, "/metrics", "Basic " + TOKEN).statusCode()).isEqualTo(401);

              HttpResponse<String> with = get(demo, "/metrics", "Bearer " + TOKEN);
              assertThat(with.statusCode()).isEqualTo(200);
              ExpositionAssertions.assertThat(with.body())
                  .isValidExposition()
                  .hasFamily("check_status");
              assertThat(get(demo, "/metrics", "Bearer old-token-1").statusCode()).isEqualTo(200);
              // The health path stays open, for a load balancer without the token.
              assertThat(get(demo, "/-/healthy").statusCode()).isEqualTo(200);
            });

    assertThat(code).isZero();
    assertThat(console.out())
        .contains(
            "  scrapes need credentials: Authentication[Bearer: file "
                + tokens.toAbsolutePath()
                + "] (--bearer-token-file)\n")
        .doesNotContain(TOKEN);
    assertThat(console.err()).isEmpty();
  }

  @Test
  void demoStartedWithABasicAuthFileShouldAnswer401WithoutAUserAnd200WithOne() throws IOException {
    Path users =
        Files.writeString(
            files.resolve("users"), "prometheus:" + PASSWORD + "\n\nsecond:other-password\n");

    int code =
        console.run(
            new String[] {"--port=0", "--basic-auth-file=" + users},
            demo -> {
              HttpResponse<String> without = get(demo, "/metrics");
              assertThat(without.statusCode()).isEqualTo(401);
              assertThat(without.headers().firstValue("WWW-Authenticate"))
                  .contains("Basic realm=\"metrics\", charset=\"UTF-8\"");
              assertThat(get(demo, "/metrics", basic("prometheus:wrong")).statusCode())
                  .isEqualTo(401);
              assertThat(get(demo, "/metrics", "Bearer " + PASSWORD).statusCode()).isEqualTo(401);
              assertThat(get(demo, "/metrics", basic("prometheus:" + PASSWORD)).statusCode())
                  .isEqualTo(200);
              assertThat(get(demo, "/metrics", basic("second:other-password")).statusCode())
                  .isEqualTo(200);
            });

    assertThat(code).isZero();
    assertThat(console.out())
        .contains(
            "  scrapes need credentials: Authentication[Basic: file "
                + users.toAbsolutePath()
                + "] (--basic-auth-file)\n")
        .doesNotContain(PASSWORD);
  }

  static Stream<Arguments> unusableCredentialFiles() throws IOException {
    Path missing = files.resolve("missing-token").toAbsolutePath();
    Path malformedToken =
        Files.writeString(files.resolve("malformed-token"), "two words " + TOKEN + "\n")
            .toAbsolutePath();
    Path empty = Files.writeString(files.resolve("empty"), "\n  \n").toAbsolutePath();
    Path noColon =
        Files.writeString(files.resolve("no-colon"), "prometheus" + PASSWORD + "\n")
            .toAbsolutePath();
    Path emptyPassword =
        Files.writeString(files.resolve("empty-password"), "prometheus:\n").toAbsolutePath();
    Path token = Files.writeString(files.resolve("token"), TOKEN).toAbsolutePath();
    return Stream.of(
        Arguments.of(
            new String[] {"--bearer-token-file", missing.toString()},
            "--bearer-token-file: bearer token file does not exist: " + missing),
        Arguments.of(
            new String[] {"--basic-auth-file", missing.toString()},
            "--basic-auth-file: basic auth credentials file does not exist: " + missing),
        Arguments.of(
            new String[] {"--bearer-token-file", malformedToken.toString()},
            "--bearer-token-file: bearer token must match [A-Za-z0-9._~+/-]+=* and be at most"
                + " 4096 characters: file " + malformedToken + " (value not shown)"),
        Arguments.of(
            new String[] {"--bearer-token-file", empty.toString()},
            "--bearer-token-file: bearer token must not be empty: file " + empty),
        Arguments.of(
            new String[] {"--basic-auth-file", noColon.toString()},
            "--basic-auth-file: basic auth credentials must be lines of user:password, both"
                + " non-empty, without control characters: file " + noColon
                + " (value not shown)"),
        Arguments.of(
            new String[] {"--basic-auth-file", emptyPassword.toString()},
            "--basic-auth-file: basic auth credentials must be lines of user:password, both"
                + " non-empty, without control characters: file " + emptyPassword
                + " (value not shown)"),
        Arguments.of(
            new String[] {
              "--bearer-token-file", token.toString(), "--basic-auth-file", noColon.toString()
            },
            "--bearer-token-file and --basic-auth-file are both given; give one of them"),
        Arguments.of(new String[] {"--bearer-token-file"}, "--bearer-token-file needs a value"),
        Arguments.of(
            new String[] {"--basic-auth-file="}, "--basic-auth-file must not be empty: \"\""));
  }

  @ParameterizedTest
  @MethodSource("unusableCredentialFiles")
  void unusableCredentialFileShouldPrintTheErrorAndTheUsageAndExitTwoWithoutASecret(
      String[] args, String message) {
    int code = console.run(args, demo -> {});

    assertThat(code).isEqualTo(2);
    assertThat(console.err()).isEqualTo("error: " + message + "\n\n" + DemoOptions.USAGE);
    assertThat(console.err()).doesNotContain(TOKEN).doesNotContain(PASSWORD);
    assertThat(console.out()).isEmpty();
  }

  static Stream<Arguments> badTenantFiles() throws IOException {
    Path missing = files.resolve("missing-tenants").toAbsolutePath();
    Path fewFields =
        Files.writeString(
                files.resolve("few-fields"),
                "# tenants\nacme " + TOKEN + " http://127.0.0.1:1/\nglobex " + PASSWORD + "\n")
            .toAbsolutePath();
    Path badId =
        Files.writeString(files.resolve("bad-id"), "acme/eu " + TOKEN + " http://127.0.0.1:1/\n")
            .toAbsolutePath();
    Path badUrl =
        Files.writeString(files.resolve("bad-url"), "acme " + TOKEN + " ftp://127.0.0.1/f\n")
            .toAbsolutePath();
    Path duplicate =
        Files.writeString(
                files.resolve("duplicate"),
                "acme " + TOKEN + " http://127.0.0.1:1/\nacme " + PASSWORD + " http://127.0.0.1:1/\n")
            .toAbsolutePath();
    Path shared =
        Files.writeString(
                files.resolve("shared"),
                "acme " + TOKEN + " http://127.0.0.1:1/\n\nglobex " + TOKEN + " http://127.0.0.1:1/\n")
            .toAbsolutePath();
    Path empty = Files.writeString(files.resolve("empty-tenants"), "# none yet\n\n").toAbsolutePath();
    return Stream.of(
        Arguments.of(missing, "tenants file does not exist: " + missing),
        Arguments.of(fewFields, fewFields + ":3: a line must be TENANT TOKEN URL [URL ...]: 2 fields"),
        Arguments.of(
            badId,
            badId + ":1: tenant id must match [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}: \"acme/eu\""),
        Arguments.of(
            badUrl,
            badUrl + ":1: URL must be an absolute http or https URL with a host:"
                + " \"ftp://127.0.0.1/f\""),
        Arguments.of(duplicate, duplicate + ":2: tenant \"acme\" is given twice (first on line 1)"),
        Arguments.of(
            shared,
            shared + ":3: tenant \"globex\" has the token of tenant \"acme\" (line 1); every"
                + " tenant needs its own token"),
        Arguments.of(
            empty,
            "tenants file has no tenant (every line is blank or a # comment; a line is TENANT"
                + " TOKEN URL [URL ...]): " + empty));
  }

  @ParameterizedTest
  @MethodSource("badTenantFiles")
  void badTenantsFileShouldPrintTheFileAndLineAndTheUsageAndExitTwoWithoutAToken(
      Path file, String message) {
    int code = console.run(new String[] {"--port", "0", "--tenants-file", file.toString()}, demo -> {});

    assertThat(code).isEqualTo(2);
    assertThat(console.err())
        .isEqualTo("error: --tenants-file: " + message + "\n\n" + DemoOptions.USAGE)
        .doesNotContain(TOKEN)
        .doesNotContain(PASSWORD);
    assertThat(console.out()).isEmpty();
  }

  private static String basic(String userPassword) {
    return AuthContractSuite.basicHeader("Basic", userPassword);
  }
}
