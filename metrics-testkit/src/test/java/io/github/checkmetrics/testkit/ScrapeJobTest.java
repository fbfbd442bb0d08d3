package io.github.checkmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScrapeJobTest {

  @Test
  void toYamlShouldRenderEveryOptionQuoted() {
    ScrapeJob job = ScrapeJob.builder("app")
        .target("127.0.0.1:8080")
        .target("localhost:9090")
        .metricsPath("/prometheus")
        .param("format", "prometheus")
        .param("name[]", "check_status")
        .param("name[]", "check_runs_total")
        .bearerToken("s3\"cr\\et")
        .scrapeInterval(Duration.ofMillis(1500))
        .scrapeTimeout(Duration.ofSeconds(1))
        .build();

    assertThat(job.toYaml()).isEqualTo("""
          - job_name: "app"
            metrics_path: "/prometheus"
            scrape_interval: 1500ms
            scrape_timeout: 1000ms
            params:
              "format": ["prometheus"]
              "name[]": ["check_status", "check_runs_total"]
            authorization:
              type: Bearer
              credentials: "s3\\"cr\\\\et"
            static_configs:
              - targets: ["127.0.0.1:8080", "localhost:9090"]
        """);
  }

  @Test
  void toYamlShouldRenderBasicAuthAndEscapeControlCharacters() {
    ScrapeJob job = ScrapeJob.builder("org")
        .target("[::1]:1")
        .basicAuth("org-42", "tab\there")
        .build();

    assertThat(job.toYaml()).isEqualTo("""
          - job_name: "org"
            basic_auth:
              username: "org-42"
              password: "tab\\u0009here"
            static_configs:
              - targets: ["[::1]:1"]
        """);
  }

  @Test
  void toYamlShouldRenderHttpsWithTheCaFile() {
    ScrapeJob job = ScrapeJob.builder("secure")
        .target("127.0.0.1:9443")
        .bearerToken("t")
        .https(Path.of("/tmp/ca \"1\".pem"))
        .build();

    assertThat(job.toYaml()).isEqualTo("""
          - job_name: "secure"
            scheme: https
            tls_config:
              ca_file: "/tmp/ca \\"1\\".pem"
            authorization:
              type: Bearer
              credentials: "t"
            static_configs:
              - targets: ["127.0.0.1:9443"]
        """);
  }

  @Test
  void targetShouldAcceptBoundLoopbackAndWildcardAddresses() {
    ScrapeJob job = ScrapeJob.builder("app")
        .target(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080))
        .target(new InetSocketAddress(9090))
        .build();

    assertThat(job.targets()).containsExactly("127.0.0.1:8080", "127.0.0.1:9090");
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        invalid(IllegalArgumentException.class, "job name must match [a-zA-Z0-9_.:-]{1,128}: \"a b\"",
            () -> ScrapeJob.builder("a b")),
        invalid(IllegalArgumentException.class,
            "target must be a loopback host:port (127.0.0.1, localhost or [::1], port 1-65535): "
                + "\"example.com:80\"",
            () -> ScrapeJob.builder("app").target("example.com:80")),
        invalid(IllegalArgumentException.class,
            "target must be a loopback host:port (127.0.0.1, localhost or [::1], port 1-65535): "
                + "\"127.0.0.1:0\"",
            () -> ScrapeJob.builder("app").target("127.0.0.1:0")),
        invalid(IllegalArgumentException.class,
            "target must be a loopback host:port (127.0.0.1, localhost or [::1], port 1-65535): "
                + "\"127.0.0.1:65536\"",
            () -> ScrapeJob.builder("app").target("127.0.0.1:65536")),
        invalid(IllegalArgumentException.class,
            "target address must be a bound loopback or wildcard address: /10.1.2.3:80",
            () -> ScrapeJob.builder("app").target(new InetSocketAddress(address(10, 1, 2, 3), 80))),
        invalid(IllegalArgumentException.class,
            "metrics path must start with \"/\" and hold no query or fragment: \"metrics\"",
            () -> ScrapeJob.builder("app").metricsPath("metrics")),
        invalid(IllegalArgumentException.class,
            "metrics path must start with \"/\" and hold no query or fragment: \"/m?format=x\"",
            () -> ScrapeJob.builder("app").metricsPath("/m?format=x")),
        invalid(IllegalStateException.class, "metrics path was already set to \"/a\"",
            () -> ScrapeJob.builder("app").metricsPath("/a").metricsPath("/b")),
        invalid(IllegalArgumentException.class,
            "param name must match [a-zA-Z0-9_.\\[\\]-]{1,64}: \"a&b\"",
            () -> ScrapeJob.builder("app").param("a&b", "c")),
        invalid(IllegalArgumentException.class, "bearer token must not be empty: \"\"",
            () -> ScrapeJob.builder("app").bearerToken("")),
        invalid(IllegalArgumentException.class, "basic auth username must not be empty: \"\"",
            () -> ScrapeJob.builder("app").basicAuth("", "x")),
        invalid(IllegalStateException.class,
            "credentials were already set (bearer token or basic auth)",
            () -> ScrapeJob.builder("app").bearerToken("t").basicAuth("u", "p")),
        invalid(IllegalStateException.class,
            "credentials were already set (bearer token or basic auth)",
            () -> ScrapeJob.builder("app").basicAuth("u", "p").bearerToken("t")),
        invalid(IllegalArgumentException.class,
            "scrape interval must be a positive whole number of milliseconds: PT0S",
            () -> ScrapeJob.builder("app").scrapeInterval(Duration.ZERO)),
        invalid(IllegalArgumentException.class,
            "scrape timeout must be a positive whole number of milliseconds: PT0.0000001S",
            () -> ScrapeJob.builder("app").scrapeTimeout(Duration.ofNanos(100))),
        invalid(IllegalStateException.class, "scrape interval was already set to PT1S",
            () -> ScrapeJob.builder("app").scrapeInterval(Duration.ofSeconds(1))
                .scrapeInterval(Duration.ofSeconds(2))),
        invalid(IllegalStateException.class, "scrape job \"app\" needs at least one target",
            () -> ScrapeJob.builder("app").build()),
        invalid(IllegalStateException.class,
            "scrape timeout must not exceed scrape interval: PT2S > PT1S",
            () -> ScrapeJob.builder("app").target("127.0.0.1:1")
                .scrapeInterval(Duration.ofSeconds(1)).scrapeTimeout(Duration.ofSeconds(2))
                .build()),
        invalid(IllegalStateException.class, "https was already set with CA file /a.pem",
            () -> ScrapeJob.builder("app").https(Path.of("/a.pem")).https(Path.of("/b.pem"))),
        invalid(NullPointerException.class, "caFile", () -> ScrapeJob.builder("app").https(null)),
        invalid(NullPointerException.class, "jobName", () -> ScrapeJob.builder(null)),
        invalid(NullPointerException.class, "hostPort",
            () -> ScrapeJob.builder("app").target((String) null)),
        invalid(NullPointerException.class, "value", () -> ScrapeJob.builder("app").param("a", null)));
  }

  @ParameterizedTest
  @MethodSource("invalidOptions")
  void builderWithInvalidOptionShouldThrow(Class<? extends Throwable> type, String message,
      Runnable configuration) {
    assertThatThrownBy(configuration::run).isInstanceOf(type).hasMessage(message);
  }

  private static Arguments invalid(Class<? extends Throwable> type, String message,
      Runnable configuration) {
    return Arguments.of(type, message, configuration);
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
